// What QEMU a command line was written for, read from the command line itself: a versioned machine
// type names its QEMU (virt-4.2 exists from QEMU 4.2 on), and some spellings only a later QEMU
// accepts (JSON -device from 6.2). `vmspec import` without --qemu targets the oldest version that
// accepts everything the command line says, through the smallest SUSE profile whose QEMU is at
// least that (docs/import.md, docs/profiles.md).
import type { QemuOption } from "../qemu/options.js";
import { prop } from "../qemu/options.js";
import { KNOWN_TARGETS, parseTarget, type QemuVersion } from "../qemu/targets.js";
import { PROFILES, DEFAULT_PROFILE } from "../rules/data/profiles.js";

export interface TargetNeed {
  version: QemuVersion;
  /** What needs it, as the command line writes it: "-machine virt-4.2". */
  what: string;
  range?: [number, number];
}

/**
 * Spellings that name their first QEMU version. Sources: QEMU's commits and changelogs, and
 * libvirt's capability dumps of each QEMU (tests/qemucapabilitiesdata: qemu-xhci is in 2.10.0's,
 * the Arm `max` CPU in 2.12.0's and not in 2.10.0's).
 */
export const DEVICE_SINCE: Record<string, QemuVersion> = {
  "qemu-xhci": [2, 10],
  "tpm-tis-device": [5, 0],
  "pvpanic-pci": [6, 0],
};

const MACHINE_PROP_SINCE: Record<string, QemuVersion> = {
  // The virt board's pflash drives as -blockdev nodes (QEMU 4.1, "hw/arm/virt: Support firmware
  // configuration with -blockdev").
  pflash0: [4, 1],
  pflash1: [4, 1],
  // Guest RAM from a memory backend object (QEMU 5.0).
  "memory-backend": [5, 0],
};

const FLAG_SINCE: Record<string, QemuVersion> = {
  "-audiodev": [4, 0],
  "-compat": [6, 0],
};

function later(a: QemuVersion, b: QemuVersion): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

/** Everything in the options that needs a QEMU newer than 2.9, with the version it needs. */
export function targetNeeds(options: QemuOption[], words: Map<QemuOption, string[]>): TargetNeed[] {
  const out: TargetNeed[] = [];
  const need = (version: QemuVersion, what: string, o: QemuOption) => {
    if (later(version, [2, 9])) out.push({ version, what, ...(o.range ? { range: o.range } : {}) });
  };
  for (const o of options) {
    const value = words.get(o)?.[1] ?? "";
    if (o.flag === "-machine") {
      const type = prop(o, "type");
      const m = type && /^virt-(\d+)\.(\d+)$/.exec(type);
      if (m) need([Number(m[1]), Number(m[2])], `-machine ${type}`, o);
      for (const [key, v] of Object.entries(MACHINE_PROP_SINCE)) if (prop(o, key) !== undefined) need(v, `-machine ${key}=`, o);
    }
    if (o.flag === "-device") {
      // JSON -device: QEMU 6.2 ("vl: Enable JSON syntax for -device"); JSON -object: 6.0.
      if (value.trimStart().startsWith("{")) need([6, 2], "-device in JSON", o);
      const driver = prop(o, "driver");
      if (driver && DEVICE_SINCE[driver]) need(DEVICE_SINCE[driver], `-device ${driver}`, o);
    }
    if (o.flag === "-object" && value.trimStart().startsWith("{")) need([6, 0], "-object in JSON", o);
    if (o.flag === "-cpu" && prop(o, "model") === "max") need([2, 12], "-cpu max", o);
    if (FLAG_SINCE[o.flag]) need(FLAG_SINCE[o.flag], o.flag, o);
  }
  return out;
}

export interface InferredTarget {
  /** The profile: the smallest whose QEMU accepts every need. */
  profile: string;
  /** The target: the profile's QEMU, or a newer known target when no profile's QEMU is new enough. */
  qemu: QemuVersion;
  /** The need that decided it (the newest). */
  decidedBy?: TargetNeed;
  needs: TargetNeed[];
}

/** The smallest profile (and target) that accepts every need; the default profile when nothing needs more than 2.9. */
export function inferTarget(needs: TargetNeed[]): InferredTarget {
  let newest: TargetNeed | undefined;
  for (const n of needs) if (!newest || later(n.version, newest.version)) newest = n;
  if (!newest) return { profile: DEFAULT_PROFILE, qemu: parseTarget(PROFILES[DEFAULT_PROFILE].qemu)!, needs };
  const byQemu = Object.values(PROFILES).sort((a, b) => (later(parseTarget(a.qemu)!, parseTarget(b.qemu)!) ? 1 : -1));
  const fits = byQemu.find((p) => !later(newest.version, parseTarget(p.qemu)!));
  if (fits) return { profile: fits.id, qemu: parseTarget(fits.qemu)!, decidedBy: newest, needs };
  // Newer than every statement: the newest statement, and the oldest known target that is new enough.
  const target = KNOWN_TARGETS.map((t) => parseTarget(t)!).find((t) => !later(newest.version, t)) ?? newest.version;
  return { profile: byQemu.at(-1)!.id, qemu: target, decidedBy: newest, needs };
}
