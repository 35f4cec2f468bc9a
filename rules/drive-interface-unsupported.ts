// -drive on an interface other than virtio. Readings (docs/decisions.md): if=none is the modern
// spelling of a drive bound to a -device, read as supported; if=pflash is supported only as the
// UEFI firmware pair (unit 0 read-only code, unit 1 variable store, both raw).
import { optionRule, type RuleDocs } from "./rule.js";
import { prop, type QemuOption } from "../compiler/options.js";
import { valuesOf } from "./data/extract.js";

function isFirmwarePair(o: QemuOption): boolean {
  const unit = prop(o, "unit") ?? prop(o, "index");
  const ro = prop(o, "readonly");
  return prop(o, "format") === "raw" && ((unit === "0" && (ro === "on" || ro === "true")) || unit === "1");
}

const DOCS: RuleDocs = {
  statement: "-drive ... (if specified if=[virtio] and format=[qcow2|qed|raw] and snapshot=off only) ... unsupported: -drive ,if=[scsi|mtd|pflash]",
  details: "`-drive` on an interface other than virtio. `if=none` bound to a `-device` is read as supported, and so is the UEFI firmware pflash pair (unit 0 read-only code, unit 1 variable store, both raw): see docs/decisions.md.",
  examples: [
    { lang: "yaml", kind: "incorrect", text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=data.raw,format=raw,if=scsi"]
` },
    { lang: "yaml", kind: "correct", text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: data, file: data.raw, format: raw}]
` },
    { lang: "sh", kind: "incorrect", text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=vars.fd,format=raw,if=pflash,unit=2
` },
    { lang: "sh", kind: "correct", text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive if=pflash,format=raw,unit=0,readonly=on,file=code.fd -drive if=pflash,format=raw,unit=1,file=vars.fd
` },
  ],
  fix: "Use `if=virtio`, or `if=none` with `-device virtio-blk-pci` / `virtio-scsi-pci`.",
};

export default optionRule(
  { id: "drive-interface-unsupported", reads: ["-drive"], defaultSeverity: "error", description: "a -drive on an interface other than virtio", docs: DOCS },
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
