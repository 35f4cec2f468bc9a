// unsupported-device: a -device the statement lists as unsupported.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/unsupported-device.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: vnc, video: std}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device usb-ehci,id=usb -device usb-kbd,bus=usb.0 -device virtio-net-pci,netdev=n0 -netdev user,id=n0
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: vnc, video: virtio-gpu}
`,
      errors: [{ messageId: "unsupported", line: 4, column: 29, endLine: 4, endColumn: 39 }],
    },
    {
      name: "The virtio input devices of many aarch64 guides",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device virtio-keyboard-pci -device virtio-tablet-pci
`,
      errors: [
        { messageId: "unsupported", line: 2, column: 11, endLine: 2, endColumn: 30 },
        { messageId: "unsupported", line: 2, column: 39, endLine: 2, endColumn: 56 },
      ],
    },
  ],
});
