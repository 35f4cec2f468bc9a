// -drive on an interface other than virtio. Readings (docs/decisions.md): if=none is the modern
// spelling of a drive bound to a -device, read as supported; if=pflash is supported only as the
// UEFI firmware pair (unit 0 read-only code, unit 1 variable store, both raw).
import { optionRule } from "./rule.js";
import { prop, type QemuOption } from "../compiler/options.js";
import { valuesOf } from "./data/extract.js";

function isFirmwarePair(o: QemuOption): boolean {
  const unit = prop(o, "unit") ?? prop(o, "index");
  const ro = prop(o, "readonly");
  return prop(o, "format") === "raw" && ((unit === "0" && (ro === "on" || ro === "true")) || unit === "1");
}

export default optionRule(
  { id: "drive-interface-unsupported", defaultSeverity: "error", description: "a -drive on an interface other than virtio" },
  ({ options, profile, report }) => {
    const supported = valuesOf(profile.data.lists.supportedOptions, "-drive", "if");
    for (const o of options) {
      if (o.flag !== "-drive") continue;
      const iface = prop(o, "if");
      if (iface === undefined || supported.includes(iface) || iface === "none") continue;
      if (iface === "pflash" && isFirmwarePair(o)) continue;
      const hint = iface === "pflash" ? "; pflash is supported only for UEFI firmware: unit=0 readonly=on and unit=1, both format=raw" : "; use if=virtio, or if=none with -device virtio-blk-pci or virtio-scsi-pci";
      report(o, { message: `-drive if=${iface} is unsupported: the statement supports -drive only with if=${supported.join("|")}${hint}`, prop: "if" });
    }
  },
);
