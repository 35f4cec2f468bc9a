// Any use of qed. The statement: upstream no longer fully supports it, SLE 15 will not create qed
// images and "highly discourages continuing to use existing qed images".
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";

export default optionRule(
  { id: "qed-deprecated", defaultSeverity: "warning", description: "a qed image" },
  ({ options, report }) => {
    for (const o of options) {
      const key = o.flag === "-drive" ? "format" : o.flag === "-blockdev" ? "driver" : undefined;
      if (!key || prop(o, key) !== "qed") continue;
      report(o, { message: "qed is deprecated (no benefit over qcow2, no longer maintained upstream): convert with qemu-img convert -f qed -O qcow2 <old> <new>", prop: key });
    }
  },
);
