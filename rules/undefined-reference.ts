// A name in boot.order that no disk, CD-ROM, network or host device has.
import { specRule } from "./rule.js";
import { bootableNames } from "./spec-names.js";
import { suggest } from "../spec/validate.js";

export default specRule(
  { id: "undefined-reference", defaultSeverity: "error", description: "boot.order names a device the spec does not define" },
  ({ spec, report }) => {
    const names = [...bootableNames(spec).keys()];
    (spec.boot?.order ?? []).forEach((name, i) => {
      if (names.includes(name)) return;
      const hint = suggest(name, names);
      report({
        path: ["boot", "order", i],
        message: `boot.order names ${JSON.stringify(name)}, which is not a disk, CD-ROM, network or host device${hint ? `; did you mean ${JSON.stringify(hint)}?` : names.length ? `; defined: ${names.map((n) => JSON.stringify(n)).join(", ")}` : ""}`,
      });
    });
  },
);
