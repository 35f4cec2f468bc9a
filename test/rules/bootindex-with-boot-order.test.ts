// bootindex-with-boot-order: a device's bootindex and its place in boot.order both set.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/bootindex-with-boot-order.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot: {order: [cd, root]}
disks:
  - {name: root, file: /var/lib/vms/web.qcow2, format: qcow2}
cdroms:
  - {name: cd, file: /srv/iso/SLE-12-SP3-Server-DVD-aarch64-GM-DVD1.iso}
`,
    },
    {
      name: "Bootindex alone is fine",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: /var/lib/vms/web.qcow2, format: qcow2, bootindex: 1}
networks:
  - {name: pxe, type: user, bootindex: 2}
`,
    },
  ],
  invalid: [
    {
      name: "Install from the CD first, but the disk's own bootindex wins",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot: {order: [cd, root]}
disks:
  - {name: root, file: /var/lib/vms/web.qcow2, format: qcow2, bootindex: 0}
cdroms:
  - {name: cd, file: /srv/iso/SLE-12-SP3-Server-DVD-aarch64-GM-DVD1.iso}
`,
      errors: [{ messageId: "bothSet", line: 6, column: 74, endLine: 6, endColumn: 75 }],
    },
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot:
  order: [root, pxe]
disks:
  - {name: root, file: /var/lib/vms/web.qcow2, format: qcow2, bootindex: 2}
networks:
  - {name: pxe, type: user, bootindex: 1}
`,
      errors: [
        { messageId: "bothSet", line: 7, column: 74, endLine: 7, endColumn: 75 },
        { messageId: "bothSet", line: 9, column: 40, endLine: 9, endColumn: 41 },
      ],
    },
  ],
});
