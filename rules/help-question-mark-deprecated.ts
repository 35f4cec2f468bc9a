// "?" as the value of -cpu, -soundhw, -device, -M, -machine, -d and -clock: deprecated, use "help".
import { optionRule } from "./rule.js";
import { firstValue } from "./option-helpers.js";

const FLAGS = new Set(["-cpu", "-soundhw", "-device", "-machine", "-d", "-clock"]);

export default optionRule(
  { id: "help-question-mark-deprecated", defaultSeverity: "warning", description: '"?" as a value asking for help' },
  ({ options, report }) => {
    for (const o of options) {
      if (!FLAGS.has(o.flag)) continue;
      if (firstValue(o, "") !== "?") continue;
      const prop = o.props?.[0]?.key;
      report(o, { message: `"${o.flag} ?" is deprecated: use "${o.flag} help"`, prop, fix: { prop, value: "help" } });
    }
  },
);
