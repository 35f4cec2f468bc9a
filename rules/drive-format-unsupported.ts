// -drive with an image format other than qcow2, qed or raw.
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../compiler/options.js";
import { valuesOf } from "./data/extract.js";

const DOCS: RuleDocs = {
  statement: "The images used with -drive or -cdrom, may be in the raw (no format), qcow2 or qed storage formats ... unsupported: -drive ... format=[anything besides qcow2, qed or raw]",
  details: "`-drive` with an image format other than `qcow2`, `qed` or `raw`.",
  examples: [
    { lang: "yaml", kind: "incorrect", text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=disk.vmdk,format=vmdk,if=virtio"]
` },
    { lang: "yaml", kind: "correct", text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: disk.qcow2, format: qcow2}]
` },
    { lang: "sh", kind: "incorrect", text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=disk.vdi,format=vdi,if=virtio
` },
    { lang: "sh", kind: "correct", text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=disk.qcow2,format=qcow2,if=virtio
` },
  ],
  fix: "Convert the image: `qemu-img convert -O qcow2 disk.vmdk disk.qcow2`.",
};

export default optionRule(
  { id: "drive-format-unsupported", reads: ["-drive"], defaultSeverity: "error", description: "a -drive image format other than qcow2, qed or raw", docs: DOCS },
  ({ options, profile, report }) => {
    const formats = valuesOf(profile.data.lists.supportedOptions, "-drive", "format");
    for (const o of options) {
      const format = o.flag === "-drive" ? prop(o, "format") : undefined;
      if (format === undefined || formats.includes(format)) continue;
      report(o, { message: `format=${format} is unsupported: the statement supports ${formats.join(", ")}; convert with qemu-img convert -O qcow2`, prop: "format" });
    }
  },
);
