// A disk image format other than qcow2, qed or raw: -drive format= (or driver=), and every
// -blockdev node (k=v or JSON, nested nodes too) whose driver is an image format.
import { optionRule, type RuleDocs } from "./rule.js";
import { valuesOf } from "./data/extract.js";
import { formatProps } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement:
    "The images used with -drive or -cdrom, may be in the raw (no format), qcow2 or qed storage formats ... unsupported: -drive ... format=[anything besides qcow2, qed or raw]",
  details:
    "An image format other than `qcow2`, `qed` or `raw`: `-drive format=` (or its `driver=` spelling), and a `-blockdev` node, written `k=v` or as JSON, nested nodes (`file.driver=`, `backing`) included, whose driver is one of QEMU's image format drivers (bochs, cloop, dmg, luks, parallels, qcow, qcow2, qed, raw, vdi, vhdx, vmdk, vpc). Protocol and filter drivers (`file`, `host_device`, `nbd`, `throttle`, ...) are not formats and are not judged here. `luks` is a format of its own and is reported: an encrypted qcow2 is the supported way (see docs/decisions.md).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=disk.vmdk,format=vmdk,if=virtio"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: disk.qcow2, format: qcow2}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=disk.vdi,format=vdi,if=virtio
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=disk.qcow2,format=qcow2,if=virtio
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -blockdev driver=file,node-name=f0,filename=disk.vmdk -blockdev driver=vmdk,node-name=d0,file=f0 \\
  -device virtio-blk-pci,drive=d0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -blockdev '{"driver":"qcow2","node-name":"d0","file":{"driver":"file","filename":"disk.qcow2"}}' \\
  -device virtio-blk-pci,drive=d0
`,
    },
  ],
  fix: "Convert the image: `qemu-img convert -O qcow2 disk.vmdk disk.qcow2`.",
};

export default optionRule(
  {
    id: "drive-format-unsupported",
    reads: ["-drive", "-blockdev"],
    defaultSeverity: "error",
    description: "a disk image format other than qcow2, qed or raw (-drive, -blockdev)",
    docs: DOCS,
    messages: {
      unsupported:
        "{{spelled}}{{key}}={{value}} is unsupported: the statement supports {{formats}}; convert with qemu-img convert -O qcow2",
    },
  },
  ({ options, profile, report }) => {
    const formats = valuesOf(profile.data.lists.supportedOptions, "-drive", "format");
    for (const o of options) {
      for (const p of formatProps(o)) {
        if (formats.includes(p.value)) continue;
        const spelled = o.flag === "-drive" && p.key === "format" ? "" : `${o.flag} `;
        report(o, {
          messageId: "unsupported",
          data: { spelled, key: p.key, value: String(p.value), formats: formats.join(", ") },
          prop: p.key,
        });
      }
    }
  },
);
