// cpu-feature-mixed-syntax: +feature/-feature mixed with feature=on/off in one -cpu.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/cpu-feature-mixed-syntax.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: "host,pmu=on,sve=off"}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host,pmu=off,sve=on -m 1G -runas qemu
`,
    },
    {
      name: "Only +/- is not mixed",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host,-pmu,-sve -m 1G -runas qemu
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: "host,+pmu,sve=off"}
`,
      errors: [{ messageId: "mixedSyntax", line: 4, column: 14, endLine: 4, endColumn: 33 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host,-pmu,sve=on -m 1G -runas qemu
`,
      errors: [{ messageId: "mixedSyntax", line: 1, column: 55, endLine: 1, endColumn: 59 }],
    },
    {
      name: "Several of each",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -m 1G -runas qemu -cpu host,+pmu,-sve,aarch64=on,sve128=on
`,
      errors: [{ messageId: "mixedSyntax", line: 1, column: 73, endLine: 1, endColumn: 77 }],
    },
  ],
});
