// kvm-only-setting: -cpu host or gic-version=host while QEMU runs TCG, which QEMU refuses.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kvm-only-setting.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "--accel tcg with no model in the spec: vmspec picks one TCG has",
      yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\n`,
      lint: { overrides: { accel: "tcg" } },
    },
    {
      yaml: `name: lab
memory: {size: 2GiB}
runAs: qemu
accel: tcg
machine: {gicVersion: max}
`,
    },
    {
      name: "KVM is the default accelerator of a spec",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: host}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm,gic-version=host -cpu host -m 1G -runas qemu
`,
    },
  ],
  invalid: [
    {
      name: "vmspec's own --accel tcg on a spec that asks for the host CPU",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: host}
`,
      lint: { overrides: { accel: "tcg" } },
      errors: [{ messageId: "cpuHost", line: 4, column: 14, endLine: 4, endColumn: 18 }],
    },
    {
      yaml: `name: lab
memory: {size: 2GiB}
runAs: qemu
accel: tcg
cpu: {model: host}
`,
      errors: [{ messageId: "cpuHost", line: 5, column: 14, endLine: 5, endColumn: 18 }],
    },
    {
      yaml: `name: lab
memory: {size: 2GiB}
runAs: qemu
accel: tcg
machine: {gicVersion: host}
`,
      errors: [{ messageId: "gicHost", line: 5, column: 23, endLine: 5, endColumn: 27 }],
    },
    {
      name: "A KVM script run on a laptop without KVM",
      argv: `qemu-system-aarch64 -machine virt,accel=tcg,gic-version=host -cpu host -m 1G -runas qemu
`,
      errors: [
        { messageId: "gicHost", line: 1, column: 45, endLine: 1, endColumn: 61 },
        { messageId: "cpuHost", line: 1, column: 67, endLine: 1, endColumn: 71 },
      ],
    },
    {
      name: "-enable-kvm before -machine accel=tcg: QEMU runs TCG and refuses -cpu host (checked on QEMU 7.2)",
      argv: `qemu-system-aarch64 -enable-kvm -machine virt,accel=tcg -cpu host -m 1G -runas qemu
`,
      errors: [{ messageId: "cpuHost", line: 1, column: 62, endLine: 1, endColumn: 66 }],
    },
    {
      name: "No accelerator at all is TCG",
      argv: `qemu-system-aarch64 -M virt -cpu host -m 1G -runas qemu -nographic
`,
      errors: [{ messageId: "cpuHost", line: 1, column: 34, endLine: 1, endColumn: 38 }],
    },
  ],
});
