// TCG chosen. The statement: "The TCG acceleration mode may be helpful for problem isolation, but
// otherwise presents insufficient benefit and stability."
import { optionRule } from "./rule.js";
import { accelerators } from "./option-helpers.js";

export default optionRule(
  { id: "tcg-unsupported", defaultSeverity: "warning", description: "TCG (software emulation) is chosen" },
  ({ options, report }) => {
    for (const o of options) {
      const accels = accelerators(o);
      if (!accels.includes("tcg")) continue;
      const fallback = accels[0] !== "tcg";
      report(o, {
        message: fallback
          ? `${accels.join(":")} falls back to TCG, which the statement calls insufficiently stable: use accel=kvm alone`
          : "TCG is unsupported (the statement: insufficient benefit and stability; for problem isolation only): use accel=kvm",
        prop: o.flag === "-machine" ? "accel" : undefined,
        suggest: o.flag === "-machine" ? [{ message: "use accel=kvm (needs KVM on the host)", change: { prop: "accel", value: "kvm" } }] : [],
      });
    }
  },
);
