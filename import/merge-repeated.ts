// QEMU merges repeated -machine options into one: `-M virt -M virt,highmem=off` starts the same
// machine as `-M virt,highmem=off`, and `-machine virt,gic-version=3 -machine accel=tcg` as
// `-machine virt,gic-version=3,accel=tcg` (QEMU 7.2 parses each into one keyval dictionary,
// machine_opts_dict, a later key replacing an earlier one; the machine type is the implied key).
// -smp and -m are merged alike (their option lists merge: `-smp 4,cores=2 -smp 2` is 2 CPUs with
// cores=2, `-m 512 -m 1G` is 1 GiB, as QEMU 7.2's query-cpus-fast and memory size show).
// -enable-kvm is folded into the merged -machine as accel=kvm at its place, as QEMU 7.2 reads it.
// The import merges them the same way before mapping, so the one option maps onto its field like
// one given once, and what cannot map stays in extraArgs once.
import type { Prop, QemuOption } from "../qemu/options.js";
import { optionWords } from "../compiler/emit/argv.js";

export interface MergedRepeated {
  /** The options with the repeated ones merged into the first's place. */
  options: QemuOption[];
  /** What the header says of each merge. */
  notes: string[];
  /** The reason a merged option gives when it stays in extraArgs. */
  why: Map<QemuOption, string>;
}

/** The flags QEMU merges when given more than once (a later key wins), and the fields they map to. */
const MERGED: Record<string, string> = { "-machine": "machine fields", "-smp": "cpu fields", "-m": "memory field" };

/** `options` with each repeated -machine merged as QEMU merges it; `lineOf` numbers a file offset's line. */
export function mergeRepeated(options: QemuOption[], lineOf: (at: number) => number): MergedRepeated {
  const notes: string[] = [];
  const why = new Map<QemuOption, string>();
  let out = options;
  for (const [flag, fields] of Object.entries(MERGED)) {
    // QEMU 7.2 reads -enable-kvm as `-machine accel=kvm` where it stands: `-enable-kvm -machine
    // virt,accel=tcg` runs TCG, `-machine virt,accel=tcg -enable-kvm` asks for KVM. With a -machine
    // to merge into, it is folded in at its place.
    const kvm = flag === "-machine" && out.some((o) => o.flag === "-machine");
    const given = out.filter((o) => o.flag === flag || (kvm && o.flag === "-enable-kvm"));
    const machines = given.filter((o) => o.flag === flag);
    // A value QEMU would not read as key=value (no properties) is left as written.
    if (given.length < 2 || machines.some((o) => o.props === undefined)) continue;
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
    // In the first option's place, spelled as the first -machine is (-M or -machine).
    const merged: QemuOption = { ...machines[0], props };
    const last = given[given.length - 1];
    if (at.range && last.range) merged.range = [at.range[0], last.range[1]];
    const lines = [...new Set(given.map((o) => (o.range && o.section === undefined ? lineOf(o.range[0]) : 0)))];
    const where = lines.includes(0) ? "" : ` (line${lines.length > 1 ? "s" : ""} ${lines.join(", ")})`;
    const written = optionWords(merged).join(" ");
    const folded = given.length - machines.length;
    const what =
      folded === 0
        ? `${flag} is given ${given.length} times`
        : machines.length === 1
          ? `-enable-kvm (which QEMU 7.2 reads as -machine accel=kvm where it stands) is given with ${flag}`
          : `-enable-kvm (which QEMU 7.2 reads as -machine accel=kvm where it stands) is given with ${machines.length} ${flag}`;
    notes.push(`${what}${where}: QEMU merges them into one, a later key replacing an earlier one: ${written}.`);
    why.set(
      merged,
      `${what}, which QEMU merges into this one (a later key replacing an earlier one), and the spec's ${fields} cannot say exactly it`,
    );
    out = out.flatMap((o) => (o === at ? [merged] : given.includes(o) ? [] : [o]));
  }
  return { options: out, notes, why };
}
