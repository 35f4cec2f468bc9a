// Turns a rule's ValueChange on an option into an exact text edit of the input it came from (a
// command line, a -readconfig file, or a spec's extraArgs item), or nothing when the change
// cannot be written exactly there (a first-class spec field, escapes in the way).
import { isScalar, type Document } from "yaml";
import type { TextEdit } from "../spec/finding.js";
import { nodeAt } from "../spec/nodes.js";
import type { QemuOption } from "../compiler/options.js";
import { escapeValue } from "../compiler/escape.js";
import type { ValueChange } from "./rule.js";

/** Characters a fix may write without any quoting in YAML or sh. */
const PLAIN = /^[A-Za-z0-9_.,=:+-]*$/;

function sourceRegion(o: QemuOption, change: ValueChange, doc: Document | undefined, text: string): [number, number] | undefined {
  if (doc) {
    // An extraArgs option's value is the next item; a first-class field is edited only when it
    // is a scalar that holds the value itself (cpu.model: max → host).
    const node = o.path[0] === "extraArgs" && typeof o.path[1] === "number" ? nodeAt(doc, ["extraArgs", o.path[1] + 1]) : nodeAt(doc, o.path);
    return node?.range && isScalar(node) ? [node.range[0], node.range[1]] : undefined;
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

export function editFor(o: QemuOption, change: ValueChange, text: string, doc?: Document): TextEdit | undefined {
  const region = sourceRegion(o, change, doc, text);
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
