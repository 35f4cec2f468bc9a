// -drive without format=: QEMU then probes the image, and a raw image whose contents look like
// another format (written by the guest) would be opened as that format: a security risk.
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";

export default optionRule(
  { id: "drive-format-missing", defaultSeverity: "warning", description: "a -drive without format= (QEMU probes the image)" },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-drive" || prop(o, "format") !== undefined || prop(o, "file") === undefined) continue;
      report(o, { message: "-drive has no format=, so QEMU probes the image: a guest that writes a header into a raw image can change how it is opened; add format=raw or format=qcow2" });
    }
  },
);
