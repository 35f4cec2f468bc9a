// drive-interface-unsupported: a -drive on an interface other than virtio.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/drive-interface-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks: [{name: data, file: /srv/data.raw, format: raw}]
`,
    },
    {
      name: "The firmware pair as QEMU's docs write it, without unit=",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd \\
  -drive if=pflash,format=raw,file=/var/lib/vms/web_VARS.fd \\
  -drive file=/srv/web.qcow2,format=qcow2,if=none,id=hd0 -device virtio-blk-pci,drive=hd0
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.raw,format=raw,if=scsi"]
`,
      errors: [{ messageId: "unsupported", line: 4, column: 21, endLine: 4, endColumn: 60 }],
    },
    {
      name: "An IDE CD-ROM line from an x86 script",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/iso/install.iso,format=raw,if=ide,media=cdrom
`,
      errors: [{ messageId: "unsupported", line: 2, column: 47, endLine: 2, endColumn: 53 }],
    },
    {
      name: "A third pflash unit",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/var/lib/vms/extra.fd,format=raw,if=pflash,unit=2
`,
      errors: [{ messageId: "pflash", line: 2, column: 48, endLine: 2, endColumn: 57 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive if=sd,file=/srv/sd.img,format=raw -drive if=mtd,file=/srv/mtd.img,format=raw
`,
      errors: [
        { messageId: "unsupported", line: 2, column: 10, endLine: 2, endColumn: 15 },
        { messageId: "unsupported", line: 2, column: 51, endLine: 2, endColumn: 57 },
      ],
    },
  ],
});
