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
  ],
  invalid: [
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
