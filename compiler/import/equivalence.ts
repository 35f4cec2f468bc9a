// When two command lines are the same VM: the same options with the same properties, compared
// after normalising what QEMU does not care about — option order (except within one flag), the
// order of properties, `key=value` against JSON spelling, an implied first value against its key,
// `-m`'s size in bytes, and the names of ids (and every reference to them).
import type { QemuOption } from "../options.js";

/** An `-m` size in bytes, as QEMU reads it (a bare number is MiB); undefined when it is not one. */
export function memoryBytes(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kKmMgGtT]?)[iI]?[bB]?$/.exec(v);
  if (!m) return undefined;
  const unit = { "": 2 ** 20, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase()]!;
  return Number(m[1]) * unit;
}

const ID_KEYS = new Set(["id", "node-name"]);

/**
 * One line per option, in a canonical form; sorted, so that the lists compare as multisets. Ids
 * are renamed after what they name (the option's flag and its other properties), so the order
 * options come in does not matter; options alike but for their ids are told apart by order.
 */
export function canonicalOptions(options: QemuOption[]): string[] {
  const known = new Set(options.flatMap((o) => (o.props ?? []).filter((p) => ID_KEYS.has(p.key)).map((p) => p.value)));
  const ids = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const o of options) {
    const own = (o.props ?? []).filter((p) => ID_KEYS.has(p.key));
    if (own.length === 0) continue;
    // What the option is, without ids and references (which are renamed themselves).
    const what = canonicalLine({ ...o, props: (o.props ?? []).filter((p) => !ID_KEYS.has(p.key) && !known.has(p.value)) });
    const n = seen.get(what) ?? 0;
    seen.set(what, n + 1);
    for (const p of own) if (!ids.has(p.value)) ids.set(p.value, `<${what}#${n}:${p.key}>`);
  }
  return options.map((o) => canonicalLine(o, ids)).sort();
}

/** One option in the canonical form; ids renamed through `ids` when given. */
export function canonicalLine(o: QemuOption, ids?: Map<string, string>): string {
  if (o.props) {
    const props = o.props.map((p) => {
      let v = p.bare ? "on" : p.value;
      if (o.flag === "-m" && p.key === "size") v = String(memoryBytes(v) ?? v);
      return `${p.key}=${ids?.get(v) ?? v}`;
    });
    return `${o.flag} ${props.sort().join(",")}`;
  }
  return o.raw === undefined ? o.flag : `${o.flag} ${o.raw}`;
}

/** The options in one list and not the other (as canonical lines); both empty when equivalent. */
export function optionDifference(a: QemuOption[], b: QemuOption[]): { onlyA: string[]; onlyB: string[] } {
  const left = canonicalOptions(a);
  const right = canonicalOptions(b);
  const count = new Map<string, number>();
  for (const l of right) count.set(l, (count.get(l) ?? 0) + 1);
  const onlyA: string[] = [];
  for (const l of left) {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else onlyA.push(l);
  }
  const onlyB = [...count].flatMap(([l, n]) => Array<string>(n).fill(l));
  return { onlyA, onlyB };
}
