// qcow2-encryption-deprecated: qcow/qcow2 built-in (AES) encryption.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/qcow2-encryption-deprecated.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/s.qcow2,format=qcow2,if=virtio"]
`,
    },
    {
      name: "LUKS inside qcow2 is the supported way",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -object secret,id=sec0,file=/etc/vms/web.key \\
  -drive file=/srv/s.qcow2,format=qcow2,if=virtio
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/s.qcow2,format=qcow2,encrypt.format=aes,encrypt.key-secret=sec0"]
`,
      errors: [{ messageId: "deprecated", line: 4, column: 21, endLine: 4, endColumn: 96 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/s.qcow2,format=qcow2,encryption=on
`,
      errors: [{ messageId: "deprecated", line: 2, column: 41, endLine: 2, endColumn: 54 }],
    },
    {
      name: "The QEMU 2.x secret form",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -object secret,id=sec0,data=letmein -drive file=/srv/s.qcow2,format=qcow2,if=virtio,aes=on
`,
      errors: [{ messageId: "deprecated", line: 2, column: 87, endLine: 2, endColumn: 93 }],
    },
  ],
});
