// The support statements vmspec knows. A profile is data: its statement text, the lists generated
// from it, and the QEMU version it describes. Adding one means adding its folder and a line here.
import type { StatementLists } from "./extract.js";
import { lists as sles12sp3 } from "./sles12sp3/lists.js";
import { lists as sles15sp1 } from "./sles15sp1/lists.js";
import { lists as sles15sp2 } from "./sles15sp2/lists.js";
import { lists as sles15sp3 } from "./sles15sp3/lists.js";
import { lists as sles15sp4 } from "./sles15sp4/lists.js";

export interface ProfileData {
  id: string;
  title: string;
  /** The QEMU version the statement describes: the default build target under this profile. */
  qemu: string;
  /** The release before it, for docs/profiles.md's "what changed" (undefined for the first). */
  previous?: string;
  readonly lists: StatementLists;
}

/** A profile whose lists are parsed when first read (each lists.ts keeps them as JSON text). */
function profile(id: string, title: string, qemu: string, previous: string | undefined, lists: () => StatementLists): ProfileData {
  return {
    id,
    title,
    qemu,
    ...(previous ? { previous } : {}),
    get lists() {
      return lists();
    },
  };
}

export const PROFILES: Record<string, ProfileData> = {
  sles12sp3: profile("sles12sp3", "SLES 12 SP3 QEMU/KVM support statement (ARM64)", "2.9", undefined, sles12sp3),
  sles15sp1: profile(
    "sles15sp1",
    "SLES 15 SP1 (post-SP1, QEMU 4.1 package) QEMU/KVM support statement (ARM64)",
    "4.1",
    "sles12sp3",
    sles15sp1,
  ),
  sles15sp2: profile("sles15sp2", "SLES 15 SP2 QEMU/KVM support statement (ARM64)", "4.2", "sles15sp1", sles15sp2),
  sles15sp3: profile("sles15sp3", "SLES 15 SP3 QEMU/KVM support statement (ARM64)", "5.2", "sles15sp2", sles15sp3),
  sles15sp4: profile("sles15sp4", "SLES 15 SP4 QEMU/KVM support statement (ARM64)", "6.2", "sles15sp3", sles15sp4),
};

/** Profile ids, oldest release first. */
export const PROFILE_IDS = Object.keys(PROFILES);

export const DEFAULT_PROFILE = "sles12sp3";
