// -vga cg3|tcx|cirrus|xenfb, and -vga virtio (in both lists; read by the device it creates,
// virtio-vga, which is unsupported: docs/decisions.md).
import { optionRule, type RuleDocs } from "./rule.js";
import { valuesOf } from "./data/extract.js";
import { VGA_DEVICES } from "./data/qemu-devices.js";

const DOCS: RuleDocs = {
  statement: "-vga [none|qxl|std|virtio] ... unsupported: -vga [cg3|tcx|virtio|cirrus|xenfb]",
  details:
    "A `-vga` type the statement lists as unsupported. `virtio` is in both lists; it creates `virtio-vga`, an unsupported device in SLES 12 SP3, so it is read as unsupported there; the SLES 15 statements list `virtio-vga` as supported, so under their profiles it is not reported (docs/decisions.md).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-vga, virtio]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-vga, std]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -vga cirrus
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -vga qxl
`,
    },
  ],
  fix: "Use `-vga std` or `qxl` (or `display.video` in a spec).",
};

export default optionRule(
  {
    id: "vga-unsupported",
    reads: ["-vga"],
    defaultSeverity: "error",
    description: "a -vga type the statement lists as unsupported",
    docs: DOCS,
    messages: {
      unsupported: "-vga {{type}} is unsupported: use -vga {{supported}}",
      unsupportedDevice: "-vga {{type}} is unsupported (it creates {{device}}, an unsupported device): use -vga {{supported}}",
    },
  },
  ({ options, profile, report }) => {
    const l = profile.data.lists;
    const supported = valuesOf(l.supportedOptions, "-vga");
    const unsupported = valuesOf(l.unsupportedOptions, "-vga");
    for (const o of options) {
      if (o.flag !== "-vga" || o.raw === undefined || !unsupported.includes(o.raw)) continue;
      const device = VGA_DEVICES[o.raw];
      if (supported.includes(o.raw) && device && profile.deviceStatus(device).status !== "unsupported") continue;
      const ok = supported.filter((v) => !unsupported.includes(v));
      report(o, {
        messageId: supported.includes(o.raw) && device ? "unsupportedDevice" : "unsupported",
        data: { type: o.raw, device: device ?? "", supported: ok.join(", ") },
      });
    }
  },
);
