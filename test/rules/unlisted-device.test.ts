// unlisted-device: a device in neither of the statement's lists (a technology preview).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/unlisted-device.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2G -runas qemu \\
  -device usb-ehci,id=ehci -device usb-kbd,bus=ehci.0 -usbdevice tablet
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc, video: ramfb}
`,
      // The statement's lists, judged for a QEMU that has ramfb (3.0+; QEMU 2.9 itself has none: target-unsupported).
      lint: { qemu: [7, 2] },
      errors: [{ messageId: "unlisted", line: 4, column: 29, endLine: 4, endColumn: 34 }],
    },
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-device, pvpanic-pci]
`,
      // Written for a QEMU that has it (a newer spelling than 2.9's: target-unsupported there).
      lint: { qemu: [7, 2] },
      errors: [{ messageId: "unlisted", line: 4, column: 22, endLine: 4, endColumn: 33 }],
    },
    {
      name: "The USB tablet setup most aarch64 guides give",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2G -runas qemu \\
  -device qemu-xhci -device usb-kbd -device usb-tablet
`,
      // Written for a QEMU that has it (a newer spelling than 2.9's: target-unsupported there).
      lint: { qemu: [7, 2] },
      errors: [
        {
          messageId: "unlisted",
          data: { device: "qemu-xhci", title: "SLES 12 SP3 QEMU/KVM support statement (ARM64)" },
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 20,
        },
      ],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2G -runas qemu \\
  -usbdevice braille
`,
      errors: [{ messageId: "unlistedUsbdevice", line: 2, column: 3, endLine: 2, endColumn: 21 }],
    },
  ],
});
