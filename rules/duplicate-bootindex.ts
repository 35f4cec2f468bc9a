// Two devices on one bootindex: QEMU refuses to start ("bootindex ... used by multiple devices").
import { specRule, type RuleDocs } from "./rule.js";
import { namedDevices } from "./spec-names.js";
import type { SpecPath } from "../spec/nodes.js";
import { bootIndex } from "../compiler/bootorder.js";

const DOCS: RuleDocs = {
  details:
    "Two devices with the same boot priority, whether set with `bootindex` or through their place in\n`boot.order`. QEMU refuses to start with two devices on one bootindex.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
disks:
  - {name: a, file: a.qcow2, format: qcow2, bootindex: 1}
  - {name: b, file: b.qcow2, format: qcow2, bootindex: 1}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
boot: {order: [a, b]}
disks:
  - {name: a, file: a.qcow2, format: qcow2}
  - {name: b, file: b.qcow2, format: qcow2}
`,
    },
  ],
  fix: "Use `boot.order` (names in order) or give each device its own `bootindex`, not both.",
};

export default specRule(
  {
    id: "duplicate-bootindex",
    defaultSeverity: "error",
    description: "two devices have the same boot priority",
    docs: DOCS,
    messages: {
      duplicate: "{{device}} ({{name}}) has bootindex {{index}}, already used by {{first}}: QEMU refuses two devices on one bootindex",
    },
  },
  ({ spec, report }) => {
    // The first device at an index, described only for a report.
    const seen = new Map<number, { name: string; path: SpecPath }>();
    for (const d of namedDevices(spec)) {
      const own = d.bootindex;
      const index = bootIndex(spec, d.name, own);
      if (index === undefined) continue;
      const first = seen.get(index);
      if (first !== undefined) {
        const orderAt = spec.boot?.order?.indexOf(d.name) ?? -1;
        report({
          path: own !== undefined ? [...d.path, "bootindex"] : ["boot", "order", orderAt],
          messageId: "duplicate",
          data: {
            device: d.path.join("."),
            name: JSON.stringify(d.name),
            index,
            first: `${first.path.join(".")} (${JSON.stringify(first.name)})`,
          },
        });
      } else seen.set(index, d);
    }
  },
);
