// -drive with an image format other than qcow2, qed or raw.
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";
import { valuesOf } from "./data/extract.js";

export default optionRule(
  { id: "drive-format-unsupported", defaultSeverity: "error", description: "a -drive image format other than qcow2, qed or raw" },
  ({ options, profile, report }) => {
    const formats = valuesOf(profile.data.lists.supportedOptions, "-drive", "format");
    for (const o of options) {
      const format = o.flag === "-drive" ? prop(o, "format") : undefined;
      if (format === undefined || formats.includes(format)) continue;
      report(o, { message: `format=${format} is unsupported: the statement supports ${formats.join(", ")}; convert with qemu-img convert -O qcow2`, prop: "format" });
    }
  },
);
