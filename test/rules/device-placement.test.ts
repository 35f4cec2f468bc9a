// device-placement: two devices at one PCI slot, a bus= that does not exist, or a -device property
// given twice. Each spec here linted clean and built before the rule, and QEMU 7.2 refused it (or,
// for a property given twice, silently took the last): test/device-placement-qemu.test.ts.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/device-placement.js";

const HEAD = `name: web
memory: {size: 1GiB}
runAs: qemu
disks:
  - {name: r, file: r.qcow2, format: qcow2}
  - {name: s, file: s.qcow2, format: qcow2}
`;
const ARGV = "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu";

ruleTester.run(rule, {
  valid: [
    { name: "each device its own slot", yaml: HEAD + `qemuProperties:\n  devices:\n    r: {addr: "0x5"}\n    s: {addr: "0x6"}\n` },
    {
      name: "one slot, two functions",
      yaml: HEAD + `qemuProperties:\n  devices:\n    r: {addr: "0x5.0x0", multifunction: "on"}\n    s: {addr: "0x5.0x1"}\n`,
    },
    { name: "a root port pci.rootPorts adds", yaml: HEAD + `pci: {rootPorts: 2}\nqemuProperties:\n  devices:\n    r: {bus: rp2}\n` },
    {
      name: "the same addr on two buses",
      yaml: HEAD + `pci: {rootPorts: 1}\nqemuProperties:\n  devices:\n    r: {addr: "0x0"}\n`.replace("r: {", "r: {bus: rp1, "),
    },
    {
      name: "a controller's bus, the root bus by name",
      argv: `${ARGV} -device virtio-serial-pci,id=vs -device virtconsole,bus=vs.0 -device virtio-rng-pci,bus=pcie.0,addr=0x3\n`,
    },
  ],
  invalid: [
    {
      name: "two devices at slot 5",
      yaml: HEAD + `qemuProperties:\n  devices:\n    r: {addr: "0x5"}\n    s: {addr: "0x5"}\n`,
      errors: [{ messageId: "slotTaken", line: 10, column: 15, endLine: 10, endColumn: 20 }],
    },
    {
      name: "a root port that does not exist",
      yaml: HEAD + `qemuProperties:\n  devices:\n    r: {bus: rp7}\n`,
      errors: [{ messageId: "busNotFound", line: 9, column: 14, endLine: 9, endColumn: 17 }],
    },
    {
      name: "a root port beyond pci.rootPorts",
      yaml: HEAD + `pci: {rootPorts: 2}\nqemuProperties:\n  devices:\n    r: {bus: rp7}\n`,
      errors: [{ messageId: "busNotFound", line: 10, column: 14, endLine: 10, endColumn: 17 }],
    },
    {
      name: "id and drive vmspec sets",
      yaml: HEAD + `qemuProperties:\n  devices:\n    r: {id: zz, drive: drive-zz}\n`,
      errors: [
        { messageId: "repeated", line: 9, column: 13, endLine: 9, endColumn: 15 },
        { messageId: "repeated", line: 9, column: 24, endLine: 9, endColumn: 32 },
      ],
    },
    {
      name: "the host bridge's slot",
      argv: `${ARGV} -device virtio-rng-pci,addr=0x0\n`,
      errors: [{ messageId: "slotTaken", line: 1, column: 96, endLine: 1, endColumn: 104 }],
    },
    {
      name: "a bus created after the device",
      argv: `${ARGV} -device virtio-rng-pci,bus=rp1 -device pcie-root-port,id=rp1,chassis=1\n`,
      errors: [{ messageId: "busNotFound", line: 1, column: 96, endLine: 1, endColumn: 103 }],
    },
    {
      name: "a property twice on a command line",
      argv: `${ARGV} -device virtio-rng-pci,id=a,id=b\n`,
      errors: [{ messageId: "repeated", line: 1, column: 101, endLine: 1, endColumn: 105 }],
    },
  ],
});
