// gic-cpu-limit: more than 8 vCPUs with a GICv2 virt board, which QEMU refuses.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/gic-cpu-limit.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: build01
memory: {size: 8GiB}
runAs: qemu
accel: tcg
machine: {gicVersion: "3"}
cpu: {count: 16}
`,
    },
    {
      name: "KVM without gic-version takes the host's GIC",
      yaml: `name: build01
memory: {size: 8GiB}
runAs: qemu
cpu: {count: 16}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=tcg -cpu max -smp 8 -m 4G -runas qemu
`,
      // Written for a QEMU that has it (a newer spelling than 2.9's: target-unsupported there).
      lint: { qemu: [7, 2] },
    },
  ],
  invalid: [
    {
      name: "-enable-kvm, then -machine accel=tcg: TCG, GICv2 (QEMU 7.2: 'exceeds max CPUs supported by machine')",
      argv: `qemu-system-aarch64 -enable-kvm -machine virt,accel=tcg -cpu cortex-a57 -smp 16 -m 1G -runas qemu
`,
      errors: [{ messageId: "tooMany", line: 1, column: 78, endLine: 1, endColumn: 80 }],
    },
    {
      name: "TCG picks GICv2",
      yaml: `name: build01
memory: {size: 8GiB}
runAs: qemu
accel: tcg
cpu: {count: 16}
`,
      errors: [{ messageId: "tooMany", line: 5, column: 14, endLine: 5, endColumn: 16 }],
    },
    {
      name: "hot-pluggable CPUs count too",
      yaml: `name: build01
memory: {size: 8GiB}
runAs: qemu
machine: {gicVersion: "2"}
cpu: {count: 4, maxCount: 12}
`,
      errors: [{ messageId: "tooMany", line: 5, column: 27, endLine: 5, endColumn: 29 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm,gic-version=2 -cpu host -smp 12 -m 4G -runas qemu
`,
      errors: [{ messageId: "tooMany", line: 1, column: 74, endLine: 1, endColumn: 76 }],
    },
  ],
});
