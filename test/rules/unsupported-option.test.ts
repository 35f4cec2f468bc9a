// unsupported-option: an option the statement lists as unsupported.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/unsupported-option.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-no-reboot]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/var/lib/vms/web.qcow2,format=qcow2,if=virtio
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-snapshot]
`,
      errors: [{ messageId: "unsupportedUse", line: 4, column: 13, endLine: 4, endColumn: 22 }],
    },
    {
      name: "-hda from an x86 habit",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -hda /var/lib/vms/web.qcow2
`,
      errors: [{ messageId: "unsupportedUse", line: 2, column: 3, endLine: 2, endColumn: 30 }],
    },
    {
      name: "-chroot from a hardening guide",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu -chroot /var/empty
`,
      errors: [{ messageId: "unsupported", line: 1, column: 75, endLine: 1, endColumn: 93 }],
    },
  ],
});
