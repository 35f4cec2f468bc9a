// An image on an http(s)/ftp(s) URL that is not read-only: "Read only media may also be accessed
// via URL style protocol specifiers."
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";
import { imageFile } from "./option-helpers.js";

export default optionRule(
  { id: "url-media-not-readonly", defaultSeverity: "error", description: "an image on an http(s) or ftp(s) URL that is not read-only" },
  ({ options, report }) => {
    for (const o of options) {
      const file = imageFile(o);
      if (!file || !/^(https?|ftps?):\/\//.test(file) || o.flag === "-cdrom") continue;
      const ro = prop(o, "readonly") ?? prop(o, "read-only");
      if (ro === "on" || ro === "true" || prop(o, "media") === "cdrom") continue;
      report(o, { message: `${file.split(":")[0]} images are supported read-only: add readonly=on`, prop: "file" });
    }
  },
);
