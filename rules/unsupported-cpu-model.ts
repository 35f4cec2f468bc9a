// Any -cpu model other than host ("-cpu ... (all except host)").
import { optionRule } from "./rule.js";
import { firstValue } from "./option-helpers.js";

export default optionRule(
  { id: "unsupported-cpu-model", defaultSeverity: "error", description: "a CPU model other than host" },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-cpu") continue;
      const model = firstValue(o, "model");
      if (model === undefined || model === "host" || model === "?" || model === "help") continue;
      const prop = o.props?.[0]?.key;
      report(o, { message: `-cpu ${model} is unsupported: the statement supports only -cpu host (with KVM)`, prop, suggest: [{ message: "use -cpu host (needs KVM)", change: { prop, value: "host" } }] });
    }
  },
);
