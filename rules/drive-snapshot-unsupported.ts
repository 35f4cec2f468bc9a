// -drive snapshot=on (the statement: "-drive ... snapshot=off only").
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";

export default optionRule(
  { id: "drive-snapshot-unsupported", defaultSeverity: "error", description: "-drive snapshot=on" },
  ({ options, report }) => {
    for (const o of options) {
      const s = o.flag === "-drive" ? prop(o, "snapshot") : undefined;
      if (s === "on" || s === "true" || s === "yes") report(o, { message: "-drive snapshot=on is unsupported (the statement supports snapshot=off only): use a qcow2 overlay (qemu-img create -f qcow2 -b base.qcow2 -F qcow2 overlay.qcow2)", prop: "snapshot" });
    }
  },
);
