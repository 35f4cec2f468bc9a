// qed-create: a spec asks build to create a new qed image.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/qed-create.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "An existing qed image is qed-deprecated's, not this rule's",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks: [{name: data, file: /srv/data.qed, format: qed}]
`,
    },
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks: [{name: data, file: /srv/data.qcow2, format: qcow2, size: 10GiB}]
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks: [{name: data, file: /srv/data.qed, format: qed, size: 10GiB}]
`,
      errors: [{ messageId: "qedCreate", line: 4, column: 51, endLine: 4, endColumn: 54 }],
    },
  ],
});
