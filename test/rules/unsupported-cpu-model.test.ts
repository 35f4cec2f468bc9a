// unsupported-cpu-model: a CPU model other than host.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/unsupported-cpu-model.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: host}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: cortex-a57}
`,
      errors: [
        {
          messageId: "unsupported",
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
          suggestions: [
            {
              messageId: "useHost",
              output: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: host}
`,
            },
          ],
        },
      ],
    },
    {
      name: "A named model under KVM, as TCG guides write it",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu cortex-a57 -m 1G -runas qemu
`,
      errors: [
        {
          messageId: "unsupported",
          line: 1,
          column: 50,
          endLine: 1,
          endColumn: 60,
          suggestions: [
            {
              messageId: "useHost",
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu
`,
            },
          ],
        },
      ],
    },
    {
      name: "Max with features",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu max,pauth=off -m 1G -runas qemu
`,
      // Written for a QEMU that has it (a newer spelling than 2.9's: target-unsupported there).
      lint: { qemu: [7, 2] },
      errors: [
        {
          messageId: "unsupported",
          line: 1,
          column: 50,
          endLine: 1,
          endColumn: 53,
          suggestions: [
            {
              messageId: "useHost",
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host,pauth=off -m 1G -runas qemu
`,
            },
          ],
        },
      ],
    },
  ],
});
