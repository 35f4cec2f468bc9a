// QEMU merges repeated -machine options into one: `-M virt -M virt,highmem=off` starts the same
// machine as `-M virt,highmem=off`, and `-machine virt,gic-version=3 -machine accel=tcg` as
// `-machine virt,gic-version=3,accel=tcg` (QEMU 7.2 parses each into one keyval dictionary,
// machine_opts_dict, a later key replacing an earlier one; the machine type is the implied key).
// The import merges them the same way before mapping, so the one -machine maps onto machine: and
// accel: like a -machine given once, and what cannot map stays in extraArgs once.
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

/** The flags QEMU merges when given more than once (a later key wins). */
const MERGED = ["-machine"];

/** `options` with each repeated -machine merged as QEMU merges it; `lineOf` numbers a file offset's line. */
export function mergeRepeated(options: QemuOption[], lineOf: (at: number) => number): MergedRepeated {
  const notes: string[] = [];
  const why = new Map<QemuOption, string>();
  let out = options;
  for (const flag of MERGED) {
    const given = out.filter((o) => o.flag === flag);
    // A value QEMU would not read as key=value (no properties) is left as written.
    if (given.length < 2 || given.some((o) => o.props === undefined)) continue;
    const byKey = new Map<string, Prop>();
    for (const o of given)
      for (const p of o.props!) {
        // A bare key is key=on; the implied key is the machine type, by either spelling.
        const value: Prop = { key: p.key, value: p.bare ? "on" : p.value, ...(p.range ? { range: p.range } : {}) };
        byKey.delete(p.key);
        byKey.set(p.key, value);
      }
    const type = byKey.get("type");
    byKey.delete("type");
    const props = [...(type ? [{ ...type, implied: true }] : []), ...byKey.values()];
    const first = given[0];
    const merged: QemuOption = { ...first, props };
    const last = given[given.length - 1];
    if (first.range && last.range) merged.range = [first.range[0], last.range[1]];
    const lines = [...new Set(given.map((o) => (o.range && o.section === undefined ? lineOf(o.range[0]) : 0)))];
    const where = lines.includes(0) ? "" : ` (line${lines.length > 1 ? "s" : ""} ${lines.join(", ")})`;
    const written = optionWords(merged).join(" ");
    notes.push(
      `${flag} is given ${given.length} times${where}: QEMU merges them into one, a later key replacing an earlier one: ${written}.`,
    );
    why.set(
      merged,
      `${flag} is given ${given.length} times, which QEMU merges into this one (a later key replacing an earlier one), and the spec's machine fields cannot say exactly it`,
    );
    out = out.flatMap((o) => (o === first ? [merged] : o.flag === flag ? [] : [o]));
  }
  return { options: out, notes, why };
}
