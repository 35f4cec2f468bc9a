// The support statements vmspec knows. A profile is data: its statement text, the lists generated
// from it, and the QEMU version it describes. Adding one means adding its folder and a line here.
import type { StatementLists } from "./extract.js";
import { lists as sles12sp3 } from "./sles12sp3/lists.js";

export interface ProfileData {
  id: string;
  title: string;
  /** The QEMU version the statement describes: the default build target under this profile. */
  qemu: string;
  lists: StatementLists;
}

export const PROFILES: Record<string, ProfileData> = {
  sles12sp3: { id: "sles12sp3", title: "SLES 12 SP3 QEMU/KVM support statement (ARM64)", qemu: "2.9", lists: sles12sp3 },
};

export const DEFAULT_PROFILE = "sles12sp3";
