// -net dump|socket|vde and -netdev hubport|l2tpv3|socket|vde|dump: unsupported network backends.
import { optionRule } from "./rule.js";
import { firstValue } from "./option-helpers.js";
import { valuesOf } from "./data/extract.js";

export default optionRule(
  { id: "net-backend-unsupported", defaultSeverity: "error", description: "a network backend the statement lists as unsupported" },
  ({ options, profile, report }) => {
    const l = profile.data.lists;
    for (const o of options) {
      if (o.flag !== "-net" && o.flag !== "-netdev") continue;
      const type = firstValue(o, "type");
      if (type === undefined || !valuesOf(l.unsupportedOptions, o.flag).includes(type)) continue;
      const supported = valuesOf(l.supportedOptions, "-netdev");
      report(o, { message: `${o.flag} ${type} is unsupported: use -netdev ${supported.join(", ")}`, prop: o.props?.[0]?.key });
    }
  },
);
