// undefined-reference: boot.order names a device the spec does not define.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/undefined-reference.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot: {order: [root]}
disks:
  - {name: root, file: /srv/root.qcow2, format: qcow2}
`,
    },
    {
      name: "qemuProperties.devices for a disk and a host USB device",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: /srv/root.qcow2, format: qcow2}
usb:
  host: [{name: token, vendor: "046d", product: c52b}]
qemuProperties:
  devices: {root: {num-queues: "2"}, token: {guest-reset: "off"}}
`,
    },
  ],
  invalid: [
    {
      name: "qemuProperties.devices for a device the spec does not have",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: /srv/root.qcow2, format: qcow2}
qemuProperties:
  devices: {rot: {num-queues: "2"}}
`,
      errors: [{ messageId: "noSuchDevice", line: 7, column: 13, endLine: 7, endColumn: 16 }],
    },
    {
      name: "A typo: the closest name is suggested",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot: {order: [rot]}
disks:
  - {name: root, file: /srv/root.qcow2, format: qcow2}
`,
      errors: [{ messageId: "notDefined", line: 4, column: 16, endLine: 4, endColumn: 19 }],
    },
    {
      name: "Nothing close: the defined names are listed",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot: {order: [cdrom, root]}
disks:
  - {name: root, file: /srv/root.qcow2, format: qcow2}
networks:
  - {name: lan, type: user}
`,
      errors: [{ messageId: "notDefined", line: 4, column: 16, endLine: 4, endColumn: 21 }],
    },
  ],
});
