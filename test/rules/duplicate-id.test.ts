// duplicate-id: two devices, chardevs, back ends or objects with one id, which QEMU refuses.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/duplicate-id.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
rng: {}
disks:
  - {name: data, file: data.qcow2, format: qcow2}
`,
    },
    {
      name: "a device and a back end may share an id: QEMU keeps one list per kind",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -netdev user,id=net0 -device virtio-net-pci,netdev=net0,id=net0
`,
    },
  ],
  invalid: [
    {
      name: "a disk named like vmspec's rng device",
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
rng: {}
disks:
  - {name: rng, file: rng.qcow2, format: qcow2}
`,
      errors: [{ messageId: "duplicate", line: 6, column: 12, endLine: 6, endColumn: 15 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev user,id=net0 -device virtio-net-pci,netdev=net0,id=nic0 \\
  -netdev user,id=net1 -device virtio-net-pci,netdev=net1,id=nic0
`,
      errors: [{ messageId: "duplicate", line: 3, column: 59, endLine: 3, endColumn: 66 }],
    },
  ],
});
