// The fast path of spec loading: js-yaml (about ten times faster than building `yaml`'s ranged
// Document) for the common case of a plain, clean file. It yields data only; a caller that finds
// anything to report loads the file again with the full loader (spec/load.ts) to get ranges, so a
// finding never comes from this path. Agreement of the two paths is proven by test/fast-path.test.ts.
import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";

// YAML 1.2 core schema, resolved exactly as the `yaml` package resolves plain scalars (its
// schema/core and schema/common files): the same patterns, tried in the same order, and the same
// constructors. js-yaml keeps one type per tag, so each tag's forms are one type here.
type Form = [RegExp, (s: string) => unknown];

function scalarType(tag: string, forms: Form[]): Type {
  const formOf = (s: string) => forms.find(([test]) => test.test(s));
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (s: string | null) => s !== null && formOf(s) !== undefined,
    construct: (s: string) => formOf(s)![1](s),
  });
}

const CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType("null", [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    scalarType("bool", [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === "t" || s[0] === "T"]]),
    scalarType("int", [
      [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
      [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
    ]),
    scalarType("float", [
      [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? -Infinity : Infinity)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
    ]),
  ],
});

/**
 * YAML features the fast path leaves to the full loader, where the two parsers could disagree or
 * where the full loader has checks of its own: tabs and carriage returns, anchors and aliases,
 * tags, reserved indicators, directives and document markers, complex keys, block scalars, escapes, prototype keys,
 * suppression comments, and very long lines (the 1024-character limit on implicit keys).
 */
const LEAVE_TO_FULL_LOADER = /[\t\r&*!%|>?@`\\]|^(?:---|\.\.\.)|<<|__proto__|vmspec-/m;
const LONG_LINE = 1000;

function hasLongLine(text: string): boolean {
  if (text.length < LONG_LINE) return false;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf("\n", start);
    if ((end < 0 ? text.length : end) - start >= LONG_LINE) return true;
    if (end < 0) break;
    start = end + 1;
  }
  return false;
}

/** The spec's data when the fast path can read it, else undefined (use the full loader). */
export function fastLoad(text: string): Record<string, unknown> | undefined {
  if (LEAVE_TO_FULL_LOADER.test(text) || hasLongLine(text)) return undefined;
  let data: unknown;
  try {
    data = load(text, { schema: CORE, json: false });
  } catch {
    return undefined;
  }
  return data !== null && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length > 0 ? (data as Record<string, unknown>) : undefined;
}
