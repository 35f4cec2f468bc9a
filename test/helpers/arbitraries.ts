// fast-check arbitraries derived from the committed JSON Schema, biased towards the values that
// break compilers: empty and long strings, unicode, commas, quotes, "=", ":", newlines, huge and
// zero numbers. Used by the property tests and by `npm run fuzz`.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

type Schema = Record<string, any>;
const root: Schema = JSON.parse(readFileSync(join(ROOT, "spec/vmspec.schema.json"), "utf8"));

const deref = (s: Schema): Schema =>
  s.$ref
    ? deref(
        s.$ref
          .replace(/^#\//, "")
          .split("/")
          .reduce((o: any, k: string) => o[k], root),
      )
    : s;

/** Strings that have broken option parsers and shells somewhere. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  ",",
  ",,",
  "a,b=c",
  "=",
  ":",
  "'",
  '"',
  "$(id)",
  "`id`",
  "a\nb",
  "\\",
  "help",
  "?",
  "é",
  "日本",
  "-",
  "--x",
  "x".repeat(300),
  "#",
  "%",
  "a b",
];
/** Sizes at and past the edges: zero, negative, fractional bytes, beyond 2^53. */
const EDGE_SIZES = ["0B", "0G", "-1GiB", "1.5B", "0.5K", "9999999999999999999T", "1T", "4096TiB"];

function stringArb(s: Schema): fc.Arbitrary<string> {
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    // Mostly valid, so that specs get past the schema and reach the compiler.
    const edges = s.pattern.includes("KiB") ? EDGE_SIZES : HOSTILE_STRINGS;
    return fc.oneof(
      { weight: 16, arbitrary: fc.stringMatching(re) },
      { weight: 3, arbitrary: fc.constantFrom(...edges) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    );
  }
  const base = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 10 }) },
  );
  return base.map((x) => {
    let v = s.maxLength !== undefined ? [...x].slice(0, s.maxLength).join("") : x;
    if (s.minLength && v.length < s.minLength) v += "x".repeat(s.minLength - v.length);
    return v;
  });
}

function numberArb(s: Schema): fc.Arbitrary<number> {
  const min = s.minimum ?? -1000;
  const max = s.maximum ?? Number.MAX_SAFE_INTEGER;
  const edges = [min, max, Math.min(max, Math.max(min, 0)), Math.min(max, min + 1)];
  // Past the schema's bounds now and then, so the schema's own errors are exercised too.
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...edges) },
    { weight: 6, arbitrary: fc.integer({ min, max: Math.min(max, 2 ** 31) }) },
    { weight: 1, arbitrary: fc.constantFrom(-1, 2 ** 53, 1e21, 0.5) },
  );
}

/** An arbitrary for values of schema `s` (valid ones mostly; hostile strings where the schema allows any). */
export function arbitraryFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x: Schema) => arbitraryFor(x, depth + 1)));
  const type = Array.isArray(s.type) ? s.type : [s.type];
  if (type.length > 1) return fc.oneof(...type.map((t: string) => arbitraryFor({ ...s, type: t }, depth + 1)));
  switch (type[0]) {
    case "string":
      return stringArb(s);
    case "integer":
    case "number":
      return numberArb(s);
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(arbitraryFor(s.items, depth + 1), { maxLength: depth > 2 ? 1 : 3 });
    case "object": {
      const props = s.properties ?? {};
      const required: string[] = s.required ?? [];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      // Optional keys are mostly left out: a spec with every field at once rarely makes sense.
      for (const [k, v] of Object.entries(props)) {
        const arb = arbitraryFor(v as Schema, depth + 1);
        record[k] = required.includes(k)
          ? arb
          : fc.oneof({ weight: depth === 0 ? 4 : 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
      }
      return fc.record(record).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    default:
      return fc.constant(null);
  }
}

/** Whole VM specs. */
export const specArbitrary = arbitraryFor(root);
