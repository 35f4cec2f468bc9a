// unsupported-machine: a machine type the statement does not support.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/unsupported-machine.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
machine: {type: virt}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt-2.6,accel=kvm -cpu host -m 1G -runas qemu
`,
    },
  ],
  invalid: [
    {
      name: "SLES 15 SP2: a versioned type newer than its QEMU 4.2",
      argv: "qemu-system-aarch64 -machine virt-5.2,accel=kvm -cpu host -m 1G -runas qemu\n",
      lint: { profile: "sles15sp2" },
      errors: [{ messageId: "newerThanQemu", line: 1, column: 30, endLine: 1, endColumn: 38 }],
    },
    {
      name: "--qemu 7.2 under SLES 12 SP3: the statement's QEMU 2.9 lacks virt-4.2, the target has it (the message names both, not 2.9 as the target)",
      argv: "qemu-system-aarch64 -machine virt-4.2,accel=kvm -cpu host -m 1G -runas qemu\n",
      lint: { qemu: [7, 2] },
      errors: [
        {
          messageId: "newerThanStatement",
          data: { qemu: "7.2", statementQemu: "2.9", type: "virt-4.2", profile: "sles12sp3", supported: "virt or virt-2.6" },
          line: 1,
          column: 30,
          endLine: 1,
          endColumn: 38,
        },
      ],
    },
    {
      name: "--qemu 4.1 under SLES 12 SP3: the target lacks virt-4.2",
      argv: "qemu-system-aarch64 -machine virt-4.2,accel=kvm -cpu host -m 1G -runas qemu\n",
      lint: { qemu: [4, 1] },
      errors: [
        {
          messageId: "targetLacks",
          data: { qemu: "4.1", type: "virt-4.2", supported: "virt or virt-2.6" },
          line: 1,
          column: 30,
          endLine: 1,
          endColumn: 38,
        },
      ],
    },
    {
      name: "--qemu 2.9 under SLES 15 SP2, which supports virt-4.2: QEMU 2.9 lacks it, and only what 2.9 has is offered",
      argv: "qemu-system-aarch64 -machine virt-4.2,accel=kvm -cpu host -m 1G -runas qemu\n",
      lint: { profile: "sles15sp2", qemu: [2, 9] },
      errors: [
        {
          messageId: "targetLacks",
          data: { qemu: "2.9", type: "virt-4.2", supported: "virt or virt-2.6" },
          line: 1,
          column: 30,
          endLine: 1,
          endColumn: 38,
        },
      ],
    },
    {
      name: "The -M list's virtio-3.1, where virt-3.1 is meant",
      argv: "qemu-system-aarch64 -M virtio-3.1,accel=kvm -cpu host -m 1G -runas qemu\n",
      lint: { profile: "sles15sp1" },
      errors: [
        {
          messageId: "erratum",
          data: { type: "virtio-3.1", meant: "virt-3.1", supported: "virt or virt-2.6 or virt-2.11 or virt-3.1" },
          line: 1,
          column: 24,
          endLine: 1,
          endColumn: 34,
        },
      ],
    },
    {
      name: "SLES 15 SP4: bare virt is in the unsupported list",
      argv: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu\n",
      lint: { profile: "sles15sp4" },
      errors: [{ messageId: "listedUnsupported", line: 1, column: 30, endLine: 1, endColumn: 34 }],
    },
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
machine: {type: virt-2.9}
`,
      errors: [{ messageId: "noSuchVersion", line: 4, column: 17, endLine: 4, endColumn: 25 }],
    },
    {
      name: "A 32-bit board",
      argv: `qemu-system-aarch64 -machine vexpress-a15,accel=kvm -cpu host -m 1G -runas qemu
`,
      errors: [{ messageId: "listedUnsupported", line: 1, column: 30, endLine: 1, endColumn: 42 }],
    },
    {
      name: "A newer versioned virt",
      argv: `qemu-system-aarch64 -M virt-4.2,accel=kvm -cpu host -m 1G -runas qemu
`,
      errors: [{ messageId: "noSuchVersion", line: 1, column: 24, endLine: 1, endColumn: 32 }],
    },
    {
      argv: `qemu-system-aarch64 -machine sbsa-ref -cpu host -accel kvm -m 1G -runas qemu
`,
      errors: [{ messageId: "notSupported", line: 1, column: 30, endLine: 1, endColumn: 38 }],
    },
    {
      readconfig: `[machine]
  type = "virt-2.11"
  accel = "kvm"
`,
      errors: [{ messageId: "noSuchVersion", line: 2, column: 1, endLine: 2, endColumn: 21 }],
    },
  ],
});
