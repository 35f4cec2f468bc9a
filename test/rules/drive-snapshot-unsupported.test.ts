// drive-snapshot-unsupported: -drive snapshot=on.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/drive-snapshot-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive if=virtio,file=/var/lib/libvirt/images/sles12sp3.qcow2,format=qcow2,snapshot=off
`,
    },
    {
      name: "A throwaway overlay is the supported way to discard writes",
      yaml: `name: scratch-vm
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: /var/lib/vms/overlay.qcow2, format: qcow2}
extraArgs: [-drive, "if=none,id=scratch,file=/var/lib/vms/scratch.qcow2,format=qcow2,snapshot=off"]
`,
    },
  ],
  invalid: [
    {
      yaml: `name: scratch-vm
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: /var/lib/vms/sles12sp3.qcow2, format: qcow2}
extraArgs:
  - -drive
  - if=none,id=scratch,file=/var/lib/vms/scratch.qcow2,format=qcow2,snapshot=on
  - -device
  - virtio-blk-pci,drive=scratch
`,
      errors: [{ messageId: "snapshotOn", line: 8, column: 5, endLine: 8, endColumn: 80 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -bios /usr/share/qemu/qemu-uefi-aarch64.bin \\
  -drive if=virtio,file=/var/lib/libvirt/images/sles12sp3.qcow2,format=qcow2,snapshot=on \\
  -nographic
`,
      errors: [{ messageId: "snapshotOn", line: 3, column: 78, endLine: 3, endColumn: 89 }],
    },
    {
      argv: `qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 1G -runas qemu -drive file=a.qcow2,format=qcow2,if=virtio,snapshot=yes -drive file=b.raw,format=raw,if=virtio,snapshot=true
`,
      errors: [
        { messageId: "snapshotOn", line: 1, column: 110, endLine: 1, endColumn: 122 },
        { messageId: "snapshotOn", line: 1, column: 162, endLine: 1, endColumn: 175 },
      ],
    },
    {
      name: "A [drive] section of a -readconfig file",
      readconfig: `[drive "scratch"]
  file = "/var/lib/vms/scratch.qcow2"
  format = "qcow2"
  if = "virtio"
  snapshot = "on"
`,
      errors: [{ messageId: "snapshotOn", line: 5, column: 1, endLine: 5, endColumn: 18 }],
    },
  ],
});
