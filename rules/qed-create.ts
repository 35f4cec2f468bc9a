// A spec that asks `build` to create a new qed image: SLE 15 drops creation of qed images.
import { specRule } from "./rule.js";

export default specRule(
  { id: "qed-create", defaultSeverity: "error", description: "a spec asks build to create a new qed image" },
  ({ spec, report }) => {
    (spec.disks ?? []).forEach((d, i) => {
      if (d.format === "qed" && d.size !== undefined) {
        report({ path: ["disks", i, "format"], message: `disk ${JSON.stringify(d.name)} would be created as a new qed image, which the next release (SLE 15) cannot create: use format: qcow2` });
      }
    });
  },
);
