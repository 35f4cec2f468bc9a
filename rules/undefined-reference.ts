// A name in boot.order, or a qemuProperties.devices key, that no device of the spec has.
import { specRule, type RuleDocs } from "./rule.js";
import { bootableNames, namedDevices } from "./spec-names.js";
import { didYouMean } from "../spec/validate.js";

const DOCS: RuleDocs = {
  details:
    "`boot.order` names a device that no disk, CD-ROM, network or host device of the spec has, or `qemuProperties.devices` adds properties to a device the spec does not define (they would go nowhere).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
boot: {order: [rot]}
disks:
  - {name: root, file: root.qcow2, format: qcow2}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
boot: {order: [root]}
disks:
  - {name: root, file: root.qcow2, format: qcow2}
`,
    },
  ],
  fix: "Use the `name` of a defined device; the message suggests the closest one.",
};

export default specRule(
  {
    id: "undefined-reference",
    defaultSeverity: "error",
    description: "boot.order or qemuProperties.devices names a device the spec does not define",
    docs: DOCS,
    messages: {
      notDefined: "boot.order names {{name}}, which is not a disk, CD-ROM, network or host device{{hint}}",
      noSuchDevice:
        "qemuProperties.devices names {{name}}, which is not a disk, CD-ROM, network, host PCI or USB device: its properties would go nowhere{{hint}}",
    },
  },
  ({ spec, report }) => {
    // The names are gathered only when something refers to a device by name.
    const devices = spec.qemuProperties?.devices;
    const all = devices === undefined ? [] : namedDevices(spec).map((d) => d.name);
    for (const name of Object.keys(devices ?? {})) {
      if (all.includes(name)) continue;
      report({
        path: ["qemuProperties", "devices", name],
        messageId: "noSuchDevice",
        data: {
          name: JSON.stringify(name),
          hint: didYouMean(name, all, all.length ? `; defined: ${all.map((n) => JSON.stringify(n)).join(", ")}` : ""),
        },
      });
    }
    if (spec.boot?.order === undefined) return;
    const names = [...bootableNames(spec).keys()];
    (spec.boot?.order ?? []).forEach((name, i) => {
      if (names.includes(name)) return;
      report({
        path: ["boot", "order", i],
        messageId: "notDefined",
        data: {
          name: JSON.stringify(name),
          hint: didYouMean(name, names, names.length ? `; defined: ${names.map((n) => JSON.stringify(n)).join(", ")}` : ""),
        },
      });
    });
  },
);
