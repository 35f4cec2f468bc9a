// An image on an http(s)/ftp(s) URL that is not read-only: "Read only media may also be accessed
// via URL style protocol specifiers."
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";
import { imageFile, IMAGE_FLAGS } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement: "Read only media may also be accessed via URL style protocol specifiers.",
  details: "An image on an `http(s)://` or `ftp(s)://` URL that is not read-only.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=https://example.com/boot.iso,format=raw,if=virtio"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=https://example.com/boot.iso,format=raw,if=virtio,readonly=on"]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=http://example.com/d.raw,format=raw
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=http://example.com/d.raw,format=raw,readonly=on
`,
    },
  ],
  fix: "Add `readonly=on`.",
};

export default optionRule(
  {
    id: "url-media-not-readonly",
    reads: IMAGE_FLAGS,
    defaultSeverity: "error",
    description: "an image on an http(s) or ftp(s) URL that is not read-only",
    docs: DOCS,
    messages: {
      notReadonly: "{{protocol}} images are supported read-only: add readonly=on",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      const file = imageFile(o);
      if (!file || !/^(https?|ftps?):\/\//.test(file) || o.flag === "-cdrom") continue;
      const ro = prop(o, "readonly") ?? prop(o, "read-only");
      if (ro === "on" || ro === "true" || prop(o, "media") === "cdrom") continue;
      report(o, { messageId: "notReadonly", data: { protocol: file.split(":")[0] }, prop: "file" });
    }
  },
);
