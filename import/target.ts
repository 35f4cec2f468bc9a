// What QEMU a command line was written for, read from the command line itself: a versioned machine
// type names its QEMU (virt-4.2 exists from QEMU 4.2 on), and some spellings only a later QEMU
// accepts (JSON -device from 6.2). `vmspec import` without --qemu targets the oldest version that
// accepts everything the command line says, through the smallest SUSE profile whose QEMU is at
// least that (docs/import.md, docs/profiles.md).
import { later, type TargetNeed } from "../qemu/since.js";
import { KNOWN_TARGETS, parseTarget, type QemuVersion } from "../qemu/targets.js";
import { PROFILES, DEFAULT_PROFILE } from "../rules/data/profiles.js";

export type { TargetNeed };

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
