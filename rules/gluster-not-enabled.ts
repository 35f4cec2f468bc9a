// A GlusterFS image: "GlusterFS integration is not enabled."
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";
import { imageFile } from "./option-helpers.js";

export default optionRule(
  { id: "gluster-not-enabled", defaultSeverity: "error", description: "an image on GlusterFS" },
  ({ options, report }) => {
    for (const o of options) {
      const file = imageFile(o);
      const viaDriver = o.flag === "-blockdev" && (prop(o, "driver") === "gluster" || prop(o, "file.driver") === "gluster");
      if (!viaDriver && !(file && /^gluster(\+[a-z]+)?:/.test(file))) continue;
      report(o, { message: "GlusterFS integration is not enabled: use an image on local storage, a logical volume, iSCSI or NBD", prop: viaDriver ? "driver" : "file" });
    }
  },
);
