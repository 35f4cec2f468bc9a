// "+feature/-feature" and "feature=on/off" in one -cpu: a warning, and their meaning will change
// ("+feature" and "-feature" become synonyms for feature=on and feature=off).
import { optionRule } from "./rule.js";

export default optionRule(
  { id: "cpu-feature-mixed-syntax", defaultSeverity: "warning", description: "+feature/-feature mixed with feature=on/off in one -cpu" },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-cpu" || !o.props) continue;
      const rest = o.props.filter((p) => !p.implied);
      const signed = rest.filter((p) => /^[+-]/.test(p.key));
      const named = rest.filter((p) => !/^[+-]/.test(p.key) && /^(on|off|true|false|yes|no)$/.test(p.value));
      if (signed.length && named.length) {
        report(o, { message: `-cpu mixes ${signed.map((p) => p.key).join(", ")} with ${named.map((p) => `${p.key}=${p.value}`).join(", ")}: today +/- wins, later they become synonyms; write every feature as feature=on|off`, prop: signed[0].key });
      }
    }
  },
);
