// Turns a rule's ValueChange on an option into an exact text edit of the input it came from (a
// command line, a -readconfig file, or a spec's extraArgs item), or nothing when the change
// cannot be written exactly there (a first-class spec field, escapes in the way).
import type { TextEdit } from "../core/finding.js";
import type { SourcePositions } from "../spec/nodes.js";
import type { QemuOption } from "../qemu/options.js";
import { escapeValue } from "../qemu/escape.js";
import type { ValueChange } from "../rules/rule.js";

/** Characters a fix may write without any quoting in YAML or sh. */
const PLAIN = /^[A-Za-z0-9_.,=:+-]*$/;

function sourceRegion(o: QemuOption, change: ValueChange, spec: SourcePositions | undefined, text: string): [number, number] | undefined {
  if (spec) {
    // An extraArgs option's value is the next item; a first-class field is edited only when it
    // is a scalar that holds the value itself (cpu.model: max → host).
    return spec.scalarRangeAt(o.path[0] === "extraArgs" && typeof o.path[1] === "number" ? ["extraArgs", o.path[1] + 1] : o.path);
  }
  if (change.prop) {
    const p = o.props?.find((x) => x.key === change.prop);
    return p?.range;
  }
  if (o.raw !== undefined && o.range) {
    const end = o.range[1];
    return text.slice(end - o.raw.length, end) === o.raw ? [end - o.raw.length, end] : undefined;
  }
  return undefined;
}

/** `spec`: where a spec's paths are, when the option was compiled from a spec. */
export function editFor(o: QemuOption, change: ValueChange, text: string, spec?: SourcePositions): TextEdit | undefined {
  if (change.after !== undefined) {
    // Only on a command line read from text (after the -readconfig option, for an option read
    // from its file): a spec has fields for what it emits.
    if (spec || !o.range || !/^-[A-Za-z0-9_.,=:+ -]*$/.test(change.after)) return undefined;
    // The option's range ends at its last character: step over the quotes that close its word.
    let end = o.range[1];
    while (text[end] === "'" || text[end] === '"') end++;
    if (end < text.length && !/\s/.test(text[end])) return undefined;
    return { range: [end, end], text: ` ${change.after}` };
  }
  const region = sourceRegion(o, change, spec, text);
  if (!region) return undefined;
  const src = text.slice(region[0], region[1]);
  const prop = change.prop ? o.props?.find((x) => x.key === change.prop) : undefined;
  const old = prop ? prop.value : o.raw;
  if (old === undefined) return undefined;
  // The property as written in QEMU's syntax, to find it in the source text exactly.
  const literal = prop && !prop.implied ? `${prop.key}=${escapeValue(old)}` : escapeValue(old);
  const at = src.indexOf(literal);
  if (at < 0 || src.indexOf(literal, at + 1) >= 0) return undefined;
  const start = region[0] + at;
  if (change.append !== undefined) {
    if (!PLAIN.test(change.append)) return undefined;
    return { range: [start + literal.length, start + literal.length], text: `,${change.append}` };
  }
  if (change.value === undefined || !PLAIN.test(change.value)) return undefined;
  const valueStart = start + literal.length - escapeValue(old).length;
  return { range: [valueStart, start + literal.length], text: escapeValue(change.value) };
}

/** Applies non-overlapping edits (a later edit that overlaps an earlier one is skipped). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    if (e.range[0] < pos) continue;
    out += text.slice(pos, e.range[0]) + e.text;
    pos = e.range[1];
  }
  return out + text.slice(pos);
}
