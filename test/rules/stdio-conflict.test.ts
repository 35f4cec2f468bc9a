// stdio-conflict: stdio used by two character devices, or with -daemonize, which QEMU refuses.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/stdio-conflict.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
serial: {type: stdio}
console: {type: pty}
`,
    },
    {
      name: "the QEMU docs' serial and monitor on one terminal",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -serial mon:stdio -nographic
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
serial: {type: stdio}
console: {type: stdio}
`,
      errors: [{ messageId: "twice", line: 5, column: 17, endLine: 5, endColumn: 22 }],
    },
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
serial: {type: stdio}
daemonize: true
`,
      errors: [{ messageId: "daemonize", line: 4, column: 16, endLine: 4, endColumn: 21 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -serial stdio -monitor stdio
`,
      errors: [{ messageId: "twice", line: 1, column: 87, endLine: 1, endColumn: 101 }],
    },
  ],
});
