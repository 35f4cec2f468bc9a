// -device pc-sysfw: "no longer recognized ... (no longer needed)".
import { optionRule } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";

export default optionRule(
  { id: "pc-sysfw-removed", defaultSeverity: "error", description: "-device pc-sysfw" },
  ({ options, report }) => {
    for (const o of options) {
      if (deviceDriver(o) === "pc-sysfw") report(o, { message: "-device pc-sysfw is no longer recognized and no longer needed: remove it", prop: o.props?.[0]?.key });
    }
  },
);
