// An option in neither list: a technology preview by the statement's own definition ("all
// features indicated as not being supported ... fall under the Technology Preview definition").
import { optionRule } from "./rule.js";

export default optionRule(
  { id: "unlisted-option", defaultSeverity: "warning", description: "an option in neither of the statement's lists (a technology preview)" },
  ({ options, profile, report }) => {
    for (const o of options) {
      if (o.flag === "-readconfig" || profile.optionStatus(o.flag) !== "unlisted") continue;
      report(o, { message: `${o.flag} is in neither list of the ${profile.data.title}: it is a technology preview there, not supported` });
    }
  },
);
