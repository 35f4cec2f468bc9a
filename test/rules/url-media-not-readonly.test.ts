// url-media-not-readonly: an image on an http(s) or ftp(s) URL that is not read-only.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/url-media-not-readonly.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: install
memory: {size: 2GiB}
runAs: qemu
extraArgs:
  - -drive
  - file=https://download.opensuse.org/ports/aarch64/tumbleweed/iso/openSUSE-Tumbleweed-DVD-aarch64-Current.iso,format=raw,if=virtio,readonly=on
`,
    },
    {
      name: "-cdrom is read-only by itself",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=https://example.com/boot.iso,format=raw,if=virtio,readonly=on \\
  -drive file=/var/lib/vms/disk.qcow2,format=qcow2,if=virtio
`,
    },
  ],
  invalid: [
    {
      name: "An installer ISO straight from the mirror",
      yaml: `name: install
memory: {size: 2GiB}
runAs: qemu
extraArgs:
  - -drive
  - file=https://download.opensuse.org/ports/aarch64/tumbleweed/iso/openSUSE-Tumbleweed-DVD-aarch64-Current.iso,format=raw,if=virtio
`,
      errors: [{ messageId: "notReadonly", line: 6, column: 5, endLine: 6, endColumn: 133 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=http://192.0.2.10/images/sles12sp3.raw,format=raw,if=virtio
`,
      errors: [{ messageId: "notReadonly", data: { protocol: "http" }, line: 2, column: 10, endLine: 2, endColumn: 53 }],
    },
    {
      name: "Ftp, and the old read-only= spelling on the second drive",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=ftp://ftp.example.com/pub/disk.raw,format=raw,if=virtio \\
  -drive file=ftps://ftp.example.com/pub/disk2.raw,format=raw,if=virtio,read-only=on
`,
      errors: [{ messageId: "notReadonly", data: { protocol: "ftp" }, line: 2, column: 10, endLine: 2, endColumn: 49 }],
    },
  ],
});
