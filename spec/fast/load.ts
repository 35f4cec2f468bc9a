// The fast path of spec loading: js-yaml (about ten times faster than building `yaml`'s ranged
// Document) for the common case of a plain file. It yields data only; positions for findings come
// from its parse events (spec/fast/positions.ts), and anything it leaves alone is read by the full
// loader (spec/load.ts). Agreement of the two paths is proven by test/fast-path.test.ts.
import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";

// YAML 1.2 core schema, resolved exactly as the `yaml` package resolves plain scalars (its
// schema/core and schema/common files): the same patterns, tried in the same order (null, bool,
// int, float), and the same constructors.
type Form = [RegExp, (s: string) => unknown];

const INT_FORMS: Form[] = [
  [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
  [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
  [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
];
const FLOAT_FORMS: Form[] = [
  [
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    (s) => (s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? -Infinity : Infinity),
  ],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
];

/** What coreScalar returns for a plain scalar that is a string. */
const STRING = Symbol("string");

function firstForm(forms: Form[], s: string): unknown {
  for (let i = 0; i < forms.length; i++) if (forms[i][0].test(s)) return forms[i][1](s);
  return STRING;
}

/**
 * The value of a plain scalar under the core schema, or STRING. Told by its first character
 * first: most scalars (keys, names, paths) are strings that no pattern can match.
 */
function coreScalar(s: string): unknown {
  if (s.length === 0) return null; // the null pattern matches ""
  const c = s.charCodeAt(0);
  switch (c) {
    case 126 /* ~ */:
      return s.length === 1 ? null : STRING;
    case 110 /* n */:
    case 78 /* N */:
      return s === "null" || s === "Null" || s === "NULL" ? null : STRING;
    case 116 /* t */:
    case 84 /* T */:
      return s === "true" || s === "True" || s === "TRUE" ? true : STRING;
    case 102 /* f */:
    case 70 /* F */:
      return s === "false" || s === "False" || s === "FALSE" ? false : STRING;
    case 46 /* . */:
      return firstForm(FLOAT_FORMS, s);
    default:
      if ((c >= 48 && c <= 57) /* 0-9 */ || c === 43 /* + */ || c === 45 /* - */) {
        const int = firstForm(INT_FORMS, s);
        return int === STRING ? firstForm(FLOAT_FORMS, s) : int;
      }
      return STRING;
  }
}

// One implicit type for all four tags (js-yaml would call each tag's resolver in turn for every
// plain scalar, keys included): js-yaml constructs a scalar right after resolving it, so the value
// found is kept for it. No tag is read from the result: the fast path leaves tagged nodes to the
// full loader.
let resolvedText: string | undefined;
let resolvedValue: unknown;
const CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type("tag:yaml.org,2002:core-scalar", {
      kind: "scalar",
      resolve: (s: string | null) => {
        if (s === null) return false;
        const v = coreScalar(s);
        if (v === STRING) return false;
        resolvedText = s;
        resolvedValue = v;
        return true;
      },
      construct: (s: string) => (s === resolvedText ? resolvedValue : coreScalar(s)),
    }),
  ],
});

const LONG_LINE = 1000;

/**
 * YAML features the fast path leaves to the full loader, where the two parsers could disagree or
 * where the full loader has checks of its own: tabs and carriage returns, anchors and aliases,
 * tags, reserved indicators, directives and document markers, complex keys, block scalars, escapes, prototype keys,
 * suppression comments, a comment right after a quote or bracket, and very long lines (the
 * 1024-character limit on implicit keys). Scalars over several lines are found while parsing. Checked in pieces V8
 * runs fast (one character class, string searches, a look before each `#`) rather than as one
 * alternation tried at every offset (/[\t\r&*!%|>?@`\\]|^(?:---|\.\.\.)|<<|__proto__|vmspec-|["'\]}]#/m:
 * 20 ms of a cold 1,000-spec run against 2 ms); U+2028 and U+2029, after which that `^` also
 * matches, are left to the full loader too.
 */
const LEAVE_CHAR = /[\t\r&*!%|>?@`\\\u2028\u2029]/;
export function leftToFullLoader(text: string): boolean {
  if (LEAVE_CHAR.test(text)) return true;
  if (text.startsWith("---") || text.startsWith("...") || text.includes("\n---") || text.includes("\n...")) return true;
  if (text.includes("<<") || text.includes("__proto__") || text.includes("vmspec-")) return true;
  // A comment right after a quote or a closing bracket.
  for (let i = text.indexOf("#", 1); i >= 0; i = text.indexOf("#", i + 1)) {
    const c = text.charCodeAt(i - 1);
    if (c === 34 /* " */ || c === 39 /* ' */ || c === 93 /* ] */ || c === 125 /* } */) return true;
  }
  return false;
}

function hasLongLine(text: string): boolean {
  if (text.length < LONG_LINE) return false;
  for (let start = 0; start < text.length;) {
    const end = text.indexOf("\n", start);
    if ((end < 0 ? text.length : end) - start >= LONG_LINE) return true;
    if (end < 0) break;
    start = end + 1;
  }
  return false;
}

/**
 * Keys that are not plain strings (`: x`, `null: x`, `1.0: x`, `true: x`, `{a: 1}: x`, `[a, b]: x`):
 * js-yaml and `yaml` turn them into different property names ("null" and "", "[object Object]"
 * and "{ a: 1 }"), so such a file is left to the full loader.
 */
const NOT_A_STRING_KEY = /^(?:null|true|false|Infinity|-Infinity|NaN|[-+.0-9].*|\[object Object\])$|,/;

function hasNonStringKey(data: unknown): boolean {
  if (data === null || typeof data !== "object") return false;
  if (Array.isArray(data)) return data.some(hasNonStringKey);
  for (const k in data) if (NOT_A_STRING_KEY.test(k) || hasNonStringKey((data as Record<string, unknown>)[k])) return true;
  return false;
}

/** js-yaml's parse events: each node opens and closes, with the parser's state at that moment. */
export type ParseListener = (event: "open" | "close", state: { position: number; kind: string | null; result: unknown }) => void;

/** The first offset from `i` that is neither white space nor part of a comment. */
export function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10) i++;
    else if (c === 35 /* # */) {
      const nl = text.indexOf("\n", i);
      if (nl < 0) return text.length;
      i = nl;
    } else return i;
  }
}

/** Where a scalar that starts at `start` and was read up to `position` ends: its last character. */
export function scalarEnd(text: string, start: number, position: number): number {
  let end = Math.min(position, text.length); // js-yaml reads the text with a line break added at its end
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 10)) end--;
  return end;
}

/**
 * Scalars over several lines (quoted or plain, keys or values), and flow collections whose further
 * lines are not indented enough, are where js-yaml is laxer than YAML and `yaml` (continuation
 * lines indented too little, keys over two lines): a file with one is left to the full loader.
 * Found from js-yaml's events, with the offsets each node opened at.
 */
const opened: number[] = [];
let reading = "";
let multiline = false;
let passOn: ParseListener | undefined;

const watch: ParseListener = (event, state) => {
  if (event === "open") opened.push(state.position);
  else {
    const at = opened.pop()!;
    if (!multiline) {
      const start = skipSpace(reading, at);
      const c = reading.charCodeAt(start);
      if (state.kind === "scalar") {
        const nl = reading.indexOf("\n", start);
        if (nl >= 0 && nl < scalarEnd(reading, start, state.position)) multiline = true;
      } else if (c === 123 /* { */ || c === 91 /* [ */) {
        if (!flowIndented(reading, start, Math.min(state.position, reading.length))) multiline = true;
      }
    }
  }
  passOn?.(event, state);
};

/**
 * Whether a flow collection over several lines has every further line indented more than the line
 * it starts on, as YAML requires of a flow collection in a block one (js-yaml does not check it).
 */
function flowIndented(text: string, start: number, end: number): boolean {
  let nl = text.indexOf("\n", start);
  if (nl < 0 || nl >= end) return true;
  const lineStart = text.lastIndexOf("\n", start) + 1;
  let indent = 0;
  while (text.charCodeAt(lineStart + indent) === 32) indent++;
  while (nl >= 0 && nl < end) {
    let i = nl + 1;
    while (text.charCodeAt(i) === 32) i++;
    // A blank line says nothing; any other must be indented further.
    if (i < end && text.charCodeAt(i) !== 10 && i - (nl + 1) <= indent) return false;
    nl = text.indexOf("\n", nl + 1);
  }
  return true;
}

/** js-yaml's options, made once rather than per file. */
const LOAD_OPTIONS = { schema: CORE, json: false, listener: watch };

/** The spec's data when the fast path can read it, else undefined (use the full loader). */
export function fastLoad(text: string, listener?: ParseListener): Record<string, unknown> | undefined {
  if (leftToFullLoader(text) || hasLongLine(text)) return undefined;
  let data: unknown;
  opened.length = 0;
  reading = text;
  multiline = false;
  passOn = listener;
  try {
    data = load(text, LOAD_OPTIONS);
  } catch {
    return undefined;
  } finally {
    reading = "";
    passOn = undefined;
  }
  if (multiline) return undefined;
  return data !== null && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length > 0 && !hasNonStringKey(data)
    ? (data as Record<string, unknown>)
    : undefined;
}
