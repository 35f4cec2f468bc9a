// Encryption built into qcow/qcow2 images. The statement: deprecated, "weak encryption, in
// addition to suffering from poor design. Images can easily be converted to a non-encrypted format."
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";

export const CONVERT_ADVICE =
  "convert it to an unencrypted image: qemu-img convert --object secret,id=sec0,file=<passphrase file> --image-opts driver=qcow2,file.filename=<old>,encrypt.key-secret=sec0 -O qcow2 <new>";

export default optionRule(
  { id: "qcow2-encryption-deprecated", defaultSeverity: "warning", description: "qcow/qcow2 built-in (AES) encryption" },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-drive" && o.flag !== "-blockdev") continue;
      const key = ["encrypt.format", "encryption", "encrypt.key-secret", "aes"].find((k) => prop(o, k) !== undefined);
      if (!key) continue;
      const v = prop(o, key)!;
      if ((key === "encryption" && v !== "on") || (key === "encrypt.format" && v !== "aes")) continue;
      report(o, { message: `qcow/qcow2 encryption (${key}=${v}) is deprecated: it is weak and poorly designed; ${CONVERT_ADVICE}`, prop: key });
    }
  },
);
