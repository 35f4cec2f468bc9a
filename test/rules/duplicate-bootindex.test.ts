// duplicate-bootindex: two devices have the same boot priority.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/duplicate-bootindex.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot: {order: [a, b]}
disks:
  - {name: a, file: /srv/a.qcow2, format: qcow2}
  - {name: b, file: /srv/b.qcow2, format: qcow2}
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: a, file: /srv/a.qcow2, format: qcow2, bootindex: 1}
  - {name: b, file: /srv/b.qcow2, format: qcow2, bootindex: 1}
`,
      errors: [{ messageId: "duplicate", line: 6, column: 61, endLine: 6, endColumn: 62 }],
    },
    {
      name: "A bootindex that collides with a place in boot.order",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot: {order: [root, pxe]}
disks:
  - {name: root, file: /srv/root.qcow2, format: qcow2}
  - {name: data, file: /srv/data.qcow2, format: qcow2, bootindex: 1}
networks:
  - {name: pxe, type: user}
`,
      errors: [{ messageId: "duplicate", line: 7, column: 67, endLine: 7, endColumn: 68 }],
    },
    {
      name: "The network's place in boot.order is bootindex 2, which a disk already has",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
boot: {order: [root, pxe]}
disks:
  - {name: root, file: /srv/root.qcow2, format: qcow2}
  - {name: data, file: /srv/data.qcow2, format: qcow2, bootindex: 2}
networks:
  - {name: pxe, type: user}
`,
      errors: [{ messageId: "duplicate", line: 4, column: 22, endLine: 4, endColumn: 25 }],
    },
  ],
});
