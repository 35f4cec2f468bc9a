// virtfs-passthrough: a shared folder with security_model=passthrough.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/virtfs-passthrough.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
shares: [{path: /srv/share, tag: share}]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -virtfs local,path=/srv/share,mount_tag=share,security_model=mapped-xattr,id=share0
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
shares: [{path: /srv/share, tag: share, securityModel: passthrough}]
`,
      errors: [{ messageId: "passthrough", line: 4, column: 56, endLine: 4, endColumn: 67 }],
    },
    {
      name: "-fsdev with passthrough",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -fsdev local,id=f,path=/srv,security_model=passthrough -device virtio-9p-pci,fsdev=f,mount_tag=share
`,
      errors: [{ messageId: "passthrough", line: 2, column: 31, endLine: 2, endColumn: 57 }],
    },
    {
      name: "The -virtfs shorthand",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -virtfs local,path=/srv/share,mount_tag=share,security_model=passthrough,id=share0
`,
      errors: [{ messageId: "passthrough", line: 2, column: 49, endLine: 2, endColumn: 75 }],
    },
  ],
});
