// invalid-size: a size that does not parse, is zero, or that QEMU cannot use.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/invalid-size.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 4GiB}
runAs: qemu
disks:
  - {name: data, file: /srv/data.qcow2, format: qcow2, size: 20G}
  - {name: more, file: /srv/more.qcow2, format: qcow2, size: 1.5T}
`,
    },
  ],
  invalid: [
    {
      name: "Too little memory",
      yaml: `name: web
memory: {size: 512KiB}
runAs: qemu
`,
      errors: [{ messageId: "memoryTooSmall", line: 2, column: 16, endLine: 2, endColumn: 22 }],
    },
    {
      name: "More memory than can be addressed",
      yaml: `name: web
memory: {size: 99999999999T}
runAs: qemu
`,
      errors: [{ messageId: "memoryUnusable", line: 2, column: 16, endLine: 2, endColumn: 28 }],
    },
    {
      name: "A fraction of a byte, and an empty disk",
      yaml: `name: web
memory: {size: 2G}
runAs: qemu
disks:
  - {name: data, file: /srv/data.qcow2, format: qcow2, size: 0.5B}
  - {name: empty, file: /srv/empty.qcow2, format: qcow2, size: 0G}
`,
      errors: [
        { messageId: "diskSizeUnusable", line: 5, column: 62, endLine: 5, endColumn: 66 },
        { messageId: "diskSizeZero", line: 6, column: 64, endLine: 6, endColumn: 66 },
      ],
    },
  ],
});
