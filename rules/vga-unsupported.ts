// -vga cg3|tcx|cirrus|xenfb, and -vga virtio (in both lists; read by the device it creates,
// virtio-vga, which is unsupported: docs/decisions.md).
import { optionRule } from "./rule.js";
import { valuesOf } from "./data/extract.js";
import { VGA_DEVICES } from "./data/qemu-devices.js";

export default optionRule(
  { id: "vga-unsupported", defaultSeverity: "error", description: "a -vga type the statement lists as unsupported" },
  ({ options, profile, report }) => {
    const l = profile.data.lists;
    const supported = valuesOf(l.supportedOptions, "-vga");
    const unsupported = valuesOf(l.unsupportedOptions, "-vga");
    for (const o of options) {
      if (o.flag !== "-vga" || o.raw === undefined || !unsupported.includes(o.raw)) continue;
      const device = VGA_DEVICES[o.raw];
      if (supported.includes(o.raw) && device && profile.deviceStatus(device).status !== "unsupported") continue;
      const ok = supported.filter((v) => !unsupported.includes(v));
      report(o, { message: `-vga ${o.raw} is unsupported${supported.includes(o.raw) && device ? ` (it creates ${device}, an unsupported device)` : ""}: use -vga ${ok.join(", ")}` });
    }
  },
);
