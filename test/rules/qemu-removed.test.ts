// qemu-removed: what the target QEMU has removed, by QEMU's own removed-features list.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/qemu-removed.js";

const v72 = { lint: { qemu: [7, 2] as [number, number] } };

ruleTester.run(rule, {
  valid: [
    // QEMU 2.9 (the SLES 12 SP3 profile's, the default target) still has -balloon and -nodefconfig.
    { name: "the profile's QEMU 2.9 still has them", argv: "qemu-system-aarch64 -M virt -balloon virtio -nodefconfig\n" },
    { name: "QEMU 3.0 still has them", argv: "qemu-system-aarch64 -M virt -balloon virtio -nodefconfig\n", lint: { qemu: [3, 0] } },
    { name: "their replacements", argv: "qemu-system-aarch64 -M virt -device virtio-balloon-pci -no-user-config\n", ...v72 },
    {
      name: "runAs under QEMU 9.2 (-runas is only deprecated)",
      yaml: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n",
      lint: { qemu: [9, 2] },
    },
    {
      name: "virt-5.0 is not 6 years older than 10.2",
      argv: "qemu-system-aarch64 -machine virt-5.0,accel=kvm -cpu host\n",
      lint: { qemu: [10, 2] },
    },
    {
      name: "virt-2.6 before the policy's first list",
      argv: "qemu-system-aarch64 -machine virt-2.6,accel=kvm -cpu host\n",
      lint: { qemu: [9, 2] },
    },
    {
      name: "object-add with its properties beside qom-type",
      qmp: '{"execute": "object-add", "arguments": {"qom-type": "rng-random", "id": "r"}}\n',
      ...v72,
    },
    { name: "chardev serial", readconfig: '[chardev "c0"]\n  backend = "serial"\n  path = "/dev/ttyS0"\n', ...v72 },
  ],
  invalid: [
    {
      name: "the issue's command line: -balloon and -nodefconfig under QEMU 7.2",
      argv: "qemu-system-aarch64 -M virt -balloon virtio -nodefconfig\n",
      ...v72,
      errors: [
        {
          messageId: "removedUse",
          data: { target: "7.2", what: "-balloon", removed: "3.1", replacement: "-device virtio-balloon" },
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 44,
        },
        {
          messageId: "removedUse",
          data: { target: "7.2", what: "-nodefconfig", removed: "3.1", replacement: "-no-user-config" },
          line: 1,
          column: 45,
          endLine: 1,
          endColumn: 57,
        },
      ],
    },
    {
      name: "what the compiler emits for runAs, at its line, under QEMU 10.0",
      yaml: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n",
      lint: { qemu: [10, 0] },
      errors: [
        {
          messageId: "removedUse",
          data: { target: "10.0", what: "-runas", removed: "10.0", replacement: "-run-with user=" },
          line: 3,
          column: 8,
          endLine: 3,
          endColumn: 12,
        },
      ],
    },
    {
      name: "a removed option QEMU's text names no replacement for",
      argv: "qemu-system-aarch64 -M virt -enable-fips\n",
      ...v72,
      errors: [
        {
          messageId: "removed",
          data: { target: "7.2", what: "-enable-fips", removed: "7.1" },
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 41,
        },
      ],
    },
    {
      name: "a removed machine type",
      argv: "qemu-system-aarch64 -machine raspi2 -cpu cortex-a7 -m 1G -runas qemu\n",
      ...v72,
      errors: [
        {
          messageId: "removedUse",
          data: { target: "7.2", what: "the machine type raspi2", removed: "6.2", replacement: "raspi2b" },
          line: 1,
          column: 30,
          endLine: 1,
          endColumn: 36,
        },
      ],
    },
    {
      name: "a versioned machine type 6 years older than the target",
      argv: "qemu-system-aarch64 -machine virt-2.6,accel=kvm -cpu host\n",
      lint: { qemu: [10, 2] },
      errors: [
        {
          messageId: "machineTooOld",
          data: { target: "10.2", type: "virt-2.6", policy: "QEMU's versioned machine type policy", limit: "4.2" },
          line: 1,
          column: 30,
          endLine: 1,
          endColumn: 38,
        },
      ],
    },
    {
      name: "a -readconfig chardev with a removed backend alias",
      readconfig: '[chardev "c0"]\n  backend = "tty"\n  path = "/dev/ttyS0"\n',
      lint: { qemu: [8, 0] },
      errors: [{ messageId: "removedUse", line: 2, column: 1, endLine: 2, endColumn: 18 }],
    },
    {
      name: "a removed QMP command",
      qmp: '{"execute": "qmp_capabilities"}\n{"execute": "query-cpus"}\n',
      ...v72,
      errors: [
        {
          messageId: "removedUse",
          data: { target: "7.2", what: "the QMP command query-cpus", removed: "6.0", replacement: "query-cpus-fast" },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 25,
        },
      ],
    },
    {
      name: "a removed argument of a QMP command",
      qmp: '{"execute": "object-add", "arguments": {"qom-type": "rng-random", "id": "r", "props": {"filename": "/dev/urandom"}}}\n',
      ...v72,
      errors: [{ messageId: "removedUse", line: 1, column: 13, endLine: 1, endColumn: 25 }],
    },
    {
      name: "a removed HMP command",
      hmp: "usb_add tablet\ninfo status\n",
      ...v72,
      errors: [
        {
          messageId: "removedUse",
          data: { target: "7.2", what: "the HMP command usb_add", removed: "2.12", replacement: "device_add" },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 8,
        },
      ],
    },
  ],
});
