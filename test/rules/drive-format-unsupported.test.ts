// drive-format-unsupported: a disk image format other than qcow2, qed or raw (-drive, -blockdev).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/drive-format-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks: [{name: d, file: /srv/web.qcow2, format: qcow2}]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -blockdev '{"driver":"qcow2","node-name":"d0","file":{"driver":"file","filename":"/srv/web.qcow2"}}' \\
  -device virtio-blk-pci,drive=d0 -drive file=/srv/data.raw,format=raw,if=virtio
`,
    },
  ],
  invalid: [
    {
      name: "A VMware disk",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/import/web.vmdk,format=vmdk,if=virtio"]
`,
      errors: [{ messageId: "unsupported", line: 4, column: 21, endLine: 4, endColumn: 70 }],
    },
    {
      name: "A VirtualBox image used in place",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/import/web.vdi,format=vdi,if=virtio
`,
      errors: [{ messageId: "unsupported", line: 2, column: 35, endLine: 2, endColumn: 45 }],
    },
    {
      name: "-blockdev with a vmdk node over a file node",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -blockdev driver=file,node-name=f0,filename=/srv/import/web.vmdk -blockdev driver=vmdk,node-name=d0,file=f0 \\
  -device virtio-blk-pci,drive=d0
`,
      errors: [{ messageId: "unsupported", line: 2, column: 78, endLine: 2, endColumn: 89 }],
    },
    {
      name: "JSON -blockdev with a Hyper-V image",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -blockdev '{"driver":"vhdx","node-name":"d0","file":{"driver":"file","filename":"/srv/import/web.vhdx"}}' \\
  -device virtio-blk-pci,drive=d0
`,
      errors: [{ messageId: "unsupported", line: 2, column: 13, endLine: 2, endColumn: 107 }],
    },
  ],
});
