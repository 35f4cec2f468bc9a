// gluster-not-enabled: an image on GlusterFS.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/gluster-not-enabled.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: db
memory: {size: 4GiB}
runAs: qemu
disks: [{name: data, file: /var/lib/libvirt/images/db.qcow2, format: qcow2}]
`,
    },
    {
      name: "Local storage, a logical volume and iSCSI are fine",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 4096 -runas qemu \\
  -drive file=/dev/vg0/db,format=raw,if=virtio,cache=none \\
  -drive file=iscsi://192.0.2.1/iqn.2001-04.com.example:storage/1,format=raw,if=virtio
`,
    },
  ],
  invalid: [
    {
      name: "The QEMU docs' GlusterFS URI, through extraArgs",
      yaml: `name: db
memory: {size: 4GiB}
runAs: qemu
extraArgs:
  - -drive
  - file=gluster://192.168.1.100/testvol/a.img,format=qcow2,if=virtio
`,
      errors: [{ messageId: "notEnabled", line: 6, column: 5, endLine: 6, endColumn: 70 }],
    },
    {
      name: "Gluster+tcp with a port, as in QEMU's -drive documentation",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 4096 -runas qemu \\
  -drive file=gluster+tcp://1.2.3.4:24007/testvol/dir/a.img,format=raw,if=virtio
`,
      errors: [{ messageId: "notEnabled", line: 2, column: 10, endLine: 2, endColumn: 60 }],
    },
    {
      name: "-blockdev with the gluster driver (JSON-free dotted syntax)",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 4096 -runas qemu \\
  -blockdev driver=gluster,node-name=data,volume=testvol,path=/a.img,server.0.type=inet,server.0.host=1.2.3.4,server.0.port=24007 \\
  -device virtio-blk-pci,drive=data
`,
      errors: [{ messageId: "notEnabled", line: 2, column: 13, endLine: 2, endColumn: 27 }],
    },
    {
      name: "A -blockdev whose file layer is gluster",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 4096 -runas qemu \\
  -blockdev driver=qcow2,node-name=data,file.driver=gluster,file.volume=testvol,file.path=/a.img,file.server.0.type=inet,file.server.0.host=1.2.3.4 \\
  -device virtio-blk-pci,drive=data
`,
      errors: [{ messageId: "notEnabled", line: 2, column: 41, endLine: 2, endColumn: 60 }],
    },
  ],
});
