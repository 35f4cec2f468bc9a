// A spec that asks `build` to create a new qed image: SLE 15 drops creation of qed images.
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  statement: "the next major release (SLE15) will not support creation of new qed images",
  details: "A spec that asks `build` to create a new qed image (`format: qed` with `size:`).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: d.qed, format: qed, size: 10GiB}]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: d.qcow2, format: qcow2, size: 10GiB}]
`,
    },
  ],
  fix: "Create qcow2 images.",
};

export default specRule(
  {
    id: "qed-create",
    defaultSeverity: "error",
    description: "a spec asks build to create a new qed image",
    docs: DOCS,
    messages: {
      qedCreate: "disk {{name}} would be created as a new qed image, which the next release (SLE 15) cannot create: use format: qcow2",
    },
  },
  ({ spec, report }) => {
    (spec.disks ?? []).forEach((d, i) => {
      if (d.format === "qed" && d.size !== undefined) {
        report({ path: ["disks", i, "format"], messageId: "qedCreate", data: { name: JSON.stringify(d.name) } });
      }
    });
  },
);
