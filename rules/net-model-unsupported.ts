// -net nic,model= other than e1000, rtl8139 and virtio.
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";
import { firstValue } from "./option-helpers.js";

export default optionRule(
  { id: "net-model-unsupported", defaultSeverity: "error", description: "-net nic with a model other than e1000, rtl8139 or virtio" },
  ({ options, profile, report }) => {
    const note = profile.entry("-net", "supported")?.notes.find((n) => n.includes("model="));
    const models = note ? [...note.replace(/.*model=/, "").matchAll(/[a-z0-9]+(?=[,\s]|$)/g)].map((m) => m[0]).filter((w) => !["only", "and", "are", "supported"].includes(w)) : [];
    for (const o of options) {
      if (o.flag !== "-net" || firstValue(o, "type") !== "nic") continue;
      const model = prop(o, "model");
      if (model === undefined || models.includes(model)) continue;
      report(o, { message: `-net nic,model=${model} is unsupported: the statement supports model=${models.join(", ")}`, prop: "model" });
    }
  },
);
