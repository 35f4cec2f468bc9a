// Any use of qed. The statement: upstream no longer fully supports it, SLE 15 will not create qed
// images and "highly discourages continuing to use existing qed images".
import { optionRule, type RuleDocs } from "./rule.js";
import { formatProps } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement:
    "Due to upstream's decision to no longer fully support the qed storage format going forward ... highly discourages continuing to use existing qed images. They should instead be converted to another supported format.",
  details: "Any use of a qed image: `-drive format=qed` or `driver=qed`, and a `-blockdev` qed node, nested or JSON too.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: d.qed, format: qed}]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: d.qcow2, format: qcow2}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=d.qed,format=qed
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=d.qcow2,format=qcow2
`,
    },
  ],
  fix: "Convert: `qemu-img convert -f qed -O qcow2 d.qed d.qcow2`.",
};

export default optionRule(
  {
    id: "qed-deprecated",
    reads: ["-drive", "-blockdev"],
    defaultSeverity: "warning",
    description: "a qed image",
    docs: DOCS,
    messages: {
      deprecated:
        "qed is deprecated (no benefit over qcow2, no longer maintained upstream): convert with qemu-img convert -f qed -O qcow2 <old> <new>",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      // format=qed, -drive driver=qed, and -blockdev qed nodes however nested.
      for (const p of formatProps(o)) {
        if (p.value !== "qed") continue;
        report(o, { messageId: "deprecated", prop: p.key });
      }
    }
  },
);
