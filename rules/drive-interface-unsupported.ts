// -drive on an interface other than virtio. Readings (docs/decisions.md): if=none is the modern
// spelling of a drive bound to a -device, read as supported; if=pflash is supported only as the
// UEFI firmware pair (unit 0 read-only code, unit 1 variable store, both raw).
import { optionRule, type RuleDocs } from "./rule.js";
import { prop, type QemuOption } from "../qemu/options.js";
import { valuesOf } from "./data/extract.js";

const ON = ["on", "yes", "true", "y"];

/**
 * The unit QEMU gives each pflash drive: unit= (or index=, the same on an interface with one
 * bus) when written, else the lowest unit no earlier pflash drive holds, in command-line order
 * (blockdev.c drive_new). -pflash <file> is a pflash drive too.
 */
function pflashUnits(options: QemuOption[]): Map<QemuOption, number> {
  const units = new Map<QemuOption, number>();
  const taken = new Set<number>();
  for (const o of options) {
    if (o.flag !== "-pflash" && !(o.flag === "-drive" && prop(o, "if") === "pflash")) continue;
    const written = o.flag === "-drive" ? (prop(o, "unit") ?? prop(o, "index")) : undefined;
    let unit = written !== undefined && /^\d+$/.test(written) ? Number(written) : NaN;
    if (written === undefined) for (unit = 0; taken.has(unit);) unit++;
    if (!Number.isNaN(unit)) {
      taken.add(unit);
      units.set(o, unit);
    }
  }
  return units;
}

function isFirmwarePair(o: QemuOption, unit: number | undefined): boolean {
  return prop(o, "format") === "raw" && ((unit === 0 && ON.includes(prop(o, "readonly") ?? "")) || unit === 1);
}

const DOCS: RuleDocs = {
  statement:
    "-drive ... (if specified if=[virtio] and format=[qcow2|qed|raw] and snapshot=off only) ... unsupported: -drive ,if=[scsi|mtd|pflash]",
  details:
    "`-drive` on an interface other than virtio. `if=none` bound to a `-device` is read as supported, and so is the UEFI firmware pflash pair (unit 0 read-only code, unit 1 variable store, both raw): see docs/decisions.md. A pflash drive without `unit=` gets the unit QEMU gives it, the lowest one no earlier pflash drive (or `-pflash`) holds, so the pair written in order without `unit=` (as QEMU's and distributions' docs write it) is read as the firmware pair.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=data.raw,format=raw,if=scsi"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: data, file: data.raw, format: raw}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=vars.fd,format=raw,if=pflash,unit=2
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive if=pflash,format=raw,unit=0,readonly=on,file=code.fd -drive if=pflash,format=raw,unit=1,file=vars.fd
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd -drive if=pflash,format=raw,file=vars.fd
`,
    },
  ],
  fix: "Use `if=virtio`, or `if=none` with `-device virtio-blk-pci` / `virtio-scsi-pci`.",
};

export default optionRule(
  {
    id: "drive-interface-unsupported",
    reads: ["-drive", "-pflash"],
    defaultSeverity: "error",
    description: "a -drive on an interface other than virtio",
    docs: DOCS,
    messages: {
      unsupported:
        "-drive if={{iface}} is unsupported: the statement supports -drive only with if={{supported}}; use if=virtio, or if=none with -device virtio-blk-pci or virtio-scsi-pci",
      pflash:
        "-drive if={{iface}} is unsupported: the statement supports -drive only with if={{supported}}; pflash is supported only for UEFI firmware: unit 0 readonly=on and unit 1 (written as unit= or numbered by QEMU in order), both format=raw",
    },
  },
  ({ options, profile, report }) => {
    const supported = valuesOf(profile.data.lists.supportedOptions, "-drive", "if");
    const units = pflashUnits(options);
    for (const o of options) {
      if (o.flag !== "-drive") continue;
      const iface = prop(o, "if");
      if (iface === undefined || supported.includes(iface) || iface === "none") continue;
      if (iface === "pflash" && isFirmwarePair(o, units.get(o))) continue;
      report(o, { messageId: iface === "pflash" ? "pflash" : "unsupported", data: { iface, supported: supported.join("|") }, prop: "if" });
    }
  },
);
