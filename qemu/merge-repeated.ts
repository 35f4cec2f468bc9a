// QEMU merges repeated -machine options into one: `-M virt -M virt,highmem=off` starts the same
// machine as `-M virt,highmem=off`, and `-machine virt,gic-version=3 -machine accel=tcg` as
// `-machine virt,gic-version=3,accel=tcg` (QEMU 7.2 parses each into one keyval dictionary,
// machine_opts_dict, a later key replacing an earlier one; the machine type is the implied key).
// -smp and -m are merged alike (their option lists merge: `-smp 4,cores=2 -smp 2` is 2 CPUs with
// cores=2, `-m 512 -m 1G` is 1 GiB, as QEMU 7.2's query-cpus-fast and memory size show).
// -enable-kvm is `-machine accel=kvm` where it stands (QEMU 7.2: `-enable-kvm -machine
// virt,accel=tcg` runs TCG, `-machine virt,accel=tcg -enable-kvm` asks for KVM). The one merge,
// shared by import (before mapping) and lint (before the rules).
import type { Prop, QemuOption } from "./options.js";

/** The flags QEMU merges when given more than once (a later key wins). */
export const MERGED_FLAGS = ["-machine", "-smp", "-m"] as const;

export interface RepeatedMerge {
  /** The one option QEMU makes of them, in the first one's place. */
  merged: QemuOption;
  /** The options merged, in order (-enable-kvm among them when folded in). */
  given: QemuOption[];
  /** How many of them are -enable-kvm. */
  folded: number;
}

/**
 * `options` with each repeated -machine, -smp and -m merged as QEMU merges it, and with
 * `foldEnableKvm` each -enable-kvm folded into a -machine as accel=kvm at its place. The same
 * array when nothing is merged (most command lines): one pass over the flags.
 */
export function mergeRepeatedOptions(options: QemuOption[], foldEnableKvm: boolean): { options: QemuOption[]; merges: RepeatedMerge[] } {
  let machines = 0;
  let smp = 0;
  let m = 0;
  let kvm = 0;
  for (let i = 0; i < options.length; i++) {
    const f = options[i].flag;
    if (f === "-machine") machines++;
    else if (f === "-smp") smp++;
    else if (f === "-m") m++;
    else if (f === "-enable-kvm") kvm++;
  }
  const merges: RepeatedMerge[] = [];
  if (machines + (foldEnableKvm && machines > 0 ? kvm : 0) < 2 && smp < 2 && m < 2) return { options, merges };
  let out = options;
  for (const flag of MERGED_FLAGS) {
    const fold = foldEnableKvm && flag === "-machine" && machines > 0;
    const given = out.filter((o) => o.flag === flag || (fold && o.flag === "-enable-kvm"));
    const same = given.filter((o) => o.flag === flag);
    // A value QEMU would not read as key=value (no properties) is left as written.
    if (given.length < 2 || same.some((o) => o.props === undefined)) continue;
    const byKey = new Map<string, Prop>();
    // The implied key (the machine type, -smp's cpus, -m's size), by either spelling.
    let implied: string | undefined;
    for (const o of given)
      for (const p of o.flag === "-enable-kvm" ? [{ key: "accel", value: "kvm", ...(o.range ? { range: o.range } : {}) }] : o.props!) {
        if (p.implied) implied = p.key;
        // A bare key is key=on.
        const value: Prop = { key: p.key, value: p.bare ? "on" : p.value, ...(p.range ? { range: p.range } : {}) };
        byKey.delete(p.key);
        byKey.set(p.key, value);
      }
    const first = implied !== undefined ? byKey.get(implied) : undefined;
    if (implied !== undefined) byKey.delete(implied);
    const props = [...(first ? [{ ...first, implied: true }] : []), ...byKey.values()];
    const at = given[0];
    // In the first option's place, spelled as the first of the flag is.
    // Placed where the first stands (a finding on the whole option points there, not across the
    // options between them); each property keeps its own range.
    const merged: QemuOption = { ...same[0], props };
    if (at.range) merged.range = at.range;
    else delete merged.range;
    merges.push({ merged, given, folded: given.length - same.length });
    const gone = new Set(given);
    out = out.flatMap((o) => (o === at ? [merged] : gone.has(o) ? [] : [o]));
  }
  return { options: out, merges };
}
