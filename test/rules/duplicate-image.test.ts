// duplicate-image: one image file behind two drives, one of them writable, which QEMU refuses.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/duplicate-image.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "one ISO on two CD drives",
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
cdroms:
  - {name: cd0, file: boot.iso}
  - {name: cd1, file: boot.iso}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -drive file=/srv/a.qcow2,format=qcow2,if=virtio -drive file=/srv/b.qcow2,format=qcow2,if=virtio
`,
    },
    {
      name: "one ISO on two CD drives written as -blockdev",
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
storage: {backend: blockdev}
cdroms:
  - {name: cd0, file: boot.iso}
  - {name: cd1, file: boot.iso}
`,
      lint: { qemu: [7, 2] },
    },
  ],
  invalid: [
    {
      name: "two writable disks on one image, written as -blockdev",
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
storage: {backend: blockdev}
disks:
  - {name: os, file: web.qcow2, format: qcow2}
  - {name: data, file: web.qcow2, format: qcow2, readonly: true}
`,
      lint: { qemu: [7, 2] },
      errors: [{ messageId: "shared", line: 7, column: 24, endLine: 7, endColumn: 33 }],
    },
    {
      name: "libvirt's JSON chains on one image",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -blockdev '{"driver":"file","filename":"/srv/vm.qcow2","node-name":"libvirt-1-storage","auto-read-only":true,"discard":"unmap"}' \\
  -blockdev '{"node-name":"libvirt-1-format","read-only":false,"driver":"qcow2","file":"libvirt-1-storage"}' \\
  -blockdev '{"driver":"file","filename":"/srv/vm.qcow2","node-name":"libvirt-2-storage","auto-read-only":true,"discard":"unmap"}' \\
  -blockdev '{"node-name":"libvirt-2-format","read-only":true,"driver":"qcow2","file":"libvirt-2-storage"}'
`,
      errors: [{ messageId: "shared", line: 4, column: 13, endLine: 4, endColumn: 130 }],
    },
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
disks:
  - {name: os, file: web.qcow2, format: qcow2}
  - {name: data, file: web.qcow2, format: qcow2}
`,
      errors: [{ messageId: "shared", line: 6, column: 24, endLine: 6, endColumn: 33 }],
    },
    {
      name: "read-only once is not enough",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=/srv/vm.qcow2,format=qcow2,if=virtio,readonly=on -drive file=/srv/vm.qcow2,format=qcow2,if=virtio
`,
      errors: [{ messageId: "shared", line: 2, column: 71, endLine: 2, endColumn: 89 }],
    },
  ],
});
