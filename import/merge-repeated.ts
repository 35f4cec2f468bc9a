// The import's side of the merge of repeated -machine, -smp and -m options (and -enable-kvm
// folded into -machine), which qemu/merge-repeated.ts does as QEMU does: the header notes and the
// reason a merged option gives when it stays in extraArgs. The import merges before mapping, so
// the one option maps onto its field like one given once, and what cannot map stays raw once.
import type { QemuOption } from "../qemu/options.js";
import { mergeRepeatedOptions } from "../qemu/merge-repeated.js";
import { optionWords } from "../compiler/emit/argv.js";

export interface MergedRepeated {
  /** The options with the repeated ones merged into the first's place. */
  options: QemuOption[];
  /** What the header says of each merge. */
  notes: string[];
  /** The reason a merged option gives when it stays in extraArgs. */
  why: Map<QemuOption, string>;
}

/** The spec fields each merged flag maps to. */
const FIELDS: Record<string, string> = { "-machine": "machine fields", "-smp": "cpu fields", "-m": "memory field" };

/** `options` with each repeated -machine (and -enable-kvm), -smp and -m merged as QEMU merges them (qemu/merge-repeated.ts); `lineOf` numbers a file offset's line. */
export function mergeRepeated(options: QemuOption[], lineOf: (at: number) => number): MergedRepeated {
  const notes: string[] = [];
  const why = new Map<QemuOption, string>();
  const { options: out, merges } = mergeRepeatedOptions(options, true);
  for (const { merged, given, folded } of merges) {
    const flag = merged.flag;
    // In the import the merged option stands for all of them: its range spans them.
    const last = given[given.length - 1];
    if (given[0].range && last.range) merged.range = [given[0].range[0], last.range[1]];
    const lines = [...new Set(given.map((o) => (o.range && o.section === undefined ? lineOf(o.range[0]) : 0)))];
    const where = lines.includes(0) ? "" : ` (line${lines.length > 1 ? "s" : ""} ${lines.join(", ")})`;
    const written = optionWords(merged).join(" ");
    const same = given.length - folded;
    const what =
      folded === 0
        ? `${flag} is given ${given.length} times`
        : same === 1
          ? `-enable-kvm (which QEMU 7.2 reads as -machine accel=kvm where it stands) is given with ${flag}`
          : `-enable-kvm (which QEMU 7.2 reads as -machine accel=kvm where it stands) is given with ${same} ${flag}`;
    notes.push(`${what}${where}: QEMU merges them into one, a later key replacing an earlier one: ${written}.`);
    why.set(
      merged,
      `${what}, which QEMU merges into this one (a later key replacing an earlier one), and the spec's ${FIELDS[flag]} cannot say exactly it`,
    );
  }
  return { options: out, notes, why };
}
