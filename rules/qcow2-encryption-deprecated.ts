// Encryption built into qcow/qcow2 images. The statement: deprecated, "weak encryption, in
// addition to suffering from poor design. Images can easily be converted to a non-encrypted format."
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";

export const CONVERT_ADVICE =
  "convert it to an unencrypted image: qemu-img convert --object secret,id=sec0,file=<passphrase file> --image-opts driver=qcow2,file.filename=<old>,encrypt.key-secret=sec0 -O qcow2 <new>";

const DOCS: RuleDocs = {
  statement:
    "The use of image encryption in qcow and qcow2 formats is now considered deprecated. Analysis has shown it to be weak encryption, in addition to suffering from poor design. Images can easily be converted to a non-encrypted format.",
  details:
    "An option that opens a qcow/qcow2 image with its built-in AES encryption. `vmspec lint --check-images` also finds encrypted images by reading them with `qemu-img info`.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=s.qcow2,format=qcow2,encrypt.format=aes,encrypt.key-secret=sec0"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=s.qcow2,format=qcow2"]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=s.qcow2,format=qcow2,encryption=on
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=s.qcow2,format=qcow2
`,
    },
  ],
  fix: "Convert to an unencrypted image with `qemu-img convert` (the message gives the command), or use LUKS.",
};

export default optionRule(
  {
    id: "qcow2-encryption-deprecated",
    reads: ["-drive", "-blockdev"],
    defaultSeverity: "warning",
    description: "qcow/qcow2 built-in (AES) encryption",
    docs: DOCS,
    messages: {
      deprecated: "qcow/qcow2 encryption ({{key}}={{value}}) is deprecated: it is weak and poorly designed; {{advice}}",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-drive" && o.flag !== "-blockdev") continue;
      const key = ["encrypt.format", "encryption", "encrypt.key-secret", "aes"].find((k) => prop(o, k) !== undefined);
      if (!key) continue;
      const v = prop(o, key)!;
      if ((key === "encryption" && v !== "on") || (key === "encrypt.format" && v !== "aes")) continue;
      report(o, { messageId: "deprecated", data: { key, value: v, advice: CONVERT_ADVICE }, prop: key });
    }
  },
);
