// qed-deprecated: a qed image.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/qed-deprecated.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks: [{name: data, file: /srv/data.qcow2, format: qcow2}]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/data.qcow2,format=qcow2,if=virtio
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks: [{name: data, file: /srv/data.qed, format: qed}]
`,
      errors: [{ messageId: "deprecated", line: 4, column: 51, endLine: 4, endColumn: 54 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/data.qed,format=qed,if=virtio
`,
      errors: [{ messageId: "deprecated", line: 2, column: 29, endLine: 2, endColumn: 39 }],
    },
    {
      name: "A qed node in JSON -blockdev, and driver= on a -drive",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -blockdev '{"driver":"qed","node-name":"d0","file":{"driver":"file","filename":"/srv/a.qed"}}' -device virtio-blk-pci,drive=d0 \\
  -drive file=/srv/b.qed,driver=qed,if=virtio
`,
      errors: [
        { messageId: "deprecated", line: 2, column: 13, endLine: 2, endColumn: 96 },
        { messageId: "deprecated", line: 3, column: 26, endLine: 3, endColumn: 36 },
      ],
    },
  ],
});
