// duplicate-name: two devices share a name, or two shares a tag.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/duplicate-name.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: data, file: /srv/a.qcow2, format: qcow2}
networks:
  - {name: lan, type: user}
shares:
  - {tag: src, path: /srv/src}
  - {tag: www, path: /srv/www}
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: data, file: /srv/a.qcow2, format: qcow2}
networks:
  - {name: data, type: user}
`,
      errors: [{ messageId: "nameTaken", line: 7, column: 12, endLine: 7, endColumn: 16 }],
    },
    {
      name: "Two shares with one tag",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
shares:
  - {tag: src, path: /srv/src}
  - {tag: src, path: /srv/src2}
`,
      errors: [{ messageId: "tagTaken", line: 6, column: 11, endLine: 6, endColumn: 14 }],
    },
  ],
});
