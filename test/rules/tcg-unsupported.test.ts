// tcg-unsupported: TCG (software emulation) is chosen.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/tcg-unsupported.js";

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
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu
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
      errors: [{ messageId: "tcg", line: 4, column: 8, endLine: 4, endColumn: 11 }],
    },
    {
      name: "KVM with a TCG fallback",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm:tcg -cpu host -m 1G -runas qemu
`,
      errors: [
        {
          messageId: "fallback",
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 48,
          suggestions: [
            {
              messageId: "useKvm",
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu
`,
            },
          ],
        },
      ],
    },
    {
      name: "TCG on its own, as on x86 laptops",
      argv: `qemu-system-aarch64 -M virt -accel tcg -cpu cortex-a57 -m 1G -runas qemu
`,
      errors: [{ messageId: "tcg", line: 1, column: 29, endLine: 1, endColumn: 39 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=tcg -cpu cortex-a57 -m 1G -runas qemu
`,
      errors: [
        {
          messageId: "tcg",
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 44,
          suggestions: [
            {
              messageId: "useKvm",
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu cortex-a57 -m 1G -runas qemu
`,
            },
          ],
        },
      ],
    },
  ],
});
