// Two devices with one name (names become QEMU ids, which must be unique), or two shares with one tag.
import { specRule, type RuleDocs } from "./rule.js";
import { namedDevices } from "./spec-names.js";
import type { SpecPath } from "../spec/nodes.js";

const DOCS: RuleDocs = {
  details:
    "Two disks, CD-ROMs, networks or host devices with one name, or two shares with one tag. Names\nbecome QEMU ids (`-device ...,id=<name>`), which QEMU requires to be unique.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
disks:
  - {name: data, file: a.qcow2, format: qcow2}
networks:
  - {name: data, type: user}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
disks:
  - {name: data, file: a.qcow2, format: qcow2}
networks:
  - {name: lan, type: user}
`,
    },
  ],
  fix: "Rename one of them.",
};

export default specRule(
  {
    id: "duplicate-name",
    defaultSeverity: "error",
    description: "two devices share a name, or two shares a tag",
    docs: DOCS,
    messages: {
      nameTaken: "the name {{name}} is already used by {{first}}: names must be unique",
      tagTaken: "the tag {{tag}} is already used by shares.{{index}}",
    },
  },
  ({ spec, report }) => {
    // The first device's path is written out only for a report.
    const seen = new Map<string, SpecPath>();
    for (const d of namedDevices(spec)) {
      const first = seen.get(d.name);
      if (first)
        report({ path: [...d.path, "name"], messageId: "nameTaken", data: { name: JSON.stringify(d.name), first: first.join(".") } });
      else seen.set(d.name, d.path);
    }
    const tags = new Map<string, number>();
    (spec.shares ?? []).forEach((s, i) => {
      if (tags.has(s.tag))
        report({ path: ["shares", i, "tag"], messageId: "tagTaken", data: { tag: JSON.stringify(s.tag), index: String(tags.get(s.tag)) } });
      else tags.set(s.tag, i);
    });
  },
);
