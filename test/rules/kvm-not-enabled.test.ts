// kvm-not-enabled: KVM acceleration is not enabled.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kvm-not-enabled.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
accel: kvm
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt -enable-kvm -cpu host -m 1G -runas qemu
`,
    },
    {
      name: "Kvm first, tcg as fallback, still has kvm",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm:tcg -cpu host -m 1G -runas qemu
`,
    },
    {
      name: "Not judged on a -readconfig file alone",
      readconfig: `[machine]
  type = "virt"
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
accel: tcg
`,
      errors: [{ messageId: "otherAccel", line: 4, column: 8, endLine: 4, endColumn: 11 }],
    },
    {
      name: "No accelerator at all",
      argv: `qemu-system-aarch64 -machine virt -cpu cortex-a57 -m 1G -runas qemu -nographic
`,
      errors: [{ messageId: "noAccel", line: 1, column: 21, endLine: 1, endColumn: 34 }],
    },
    {
      name: "-enable-kvm, then -machine accel=tcg, which QEMU 7.2 runs as TCG: at the accel= that chose it",
      argv: `qemu-system-aarch64 -enable-kvm -M virt,accel=tcg -cpu cortex-a57 -m 1G -runas qemu -nographic
`,
      errors: [{ messageId: "otherAccel", data: { accel: "tcg" }, line: 1, column: 41, endLine: 1, endColumn: 50 }],
    },
    {
      name: "TCG chosen outright",
      argv: `qemu-system-aarch64 -M virt,accel=tcg -cpu cortex-a57 -m 1G -runas qemu -nographic
`,
      errors: [{ messageId: "otherAccel", line: 1, column: 29, endLine: 1, endColumn: 38 }],
    },
  ],
});
