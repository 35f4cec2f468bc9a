// vga-unsupported: a -vga type the statement lists as unsupported.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/vga-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-vga, std]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -vga qxl
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-vga, virtio]
`,
      errors: [{ messageId: "unsupportedDevice", line: 4, column: 13, endLine: 4, endColumn: 17 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -vga cirrus
`,
      errors: [{ messageId: "unsupported", line: 2, column: 3, endLine: 2, endColumn: 14 }],
    },
  ],
});
