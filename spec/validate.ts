// Validates spec data against the JSON Schema (precompiled Ajv validator) and maps each error back
// to the YAML node that caused it, with messages that say what to write instead.
import { readFileSync } from "node:fs";
import type { Document } from "yaml";
import type { ErrorObject } from "ajv";
import ucs2length from "ajv/dist/runtime/ucs2length.js";
import validateFast from "./generated/validate-fast.js";
import type { Finding } from "../core/finding.js";
import { keyNodeAt, rangeAt, type SpecPath } from "./nodes.js";
import { packageFile } from "../core/package-root.js";
import { loadCommonJs } from "../core/code-cache.js";
import { SIZE_PATTERN } from "./size.js";

/** The parts of a JSON Schema node that error messages read (the rest is left as it is). */
export interface JsonSchemaNode {
  $ref?: string;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  pattern?: string;
  patternErrorMessage?: string;
  [keyword: string]: unknown;
}
type JsonSchema = JsonSchemaNode;
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let fullValidator: Validator | undefined;

/**
 * The full validator (all errors, for messages): loaded on the first spec that needs it, through
 * V8's code cache (dist/validate-schema.cjs.cache, recorded by the build) and with Ajv's one
 * runtime helper it requires given directly, so a file with a schema error costs no compiling of
 * the 270 KB validator and no module resolution.
 */
function validateSchema(data: unknown): boolean {
  // Node's ESM import of a CommonJS module gives its exports object; a bundler gives its default.
  const imported = ucs2length as unknown as { default?: unknown };
  const helper = typeof imported === "function" ? imported : imported.default;
  fullValidator ??= loadCommonJs(packageFile("spec/generated/validate-schema.cjs"), packageFile("dist/validate-schema.cjs.cache"), {
    "ajv/dist/runtime/ucs2length": { default: helper },
  }).exports as Validator;
  return fullValidator(data);
}
let schemaCache: JsonSchema | undefined;

/** The committed JSON Schema (read lazily: only error messages need it). */
export function schemaJson(): JsonSchema {
  return (schemaCache ??= JSON.parse(readFileSync(packageFile("spec/vmspec.schema.json"), "utf8")) as JsonSchema);
}

const patternCache = new WeakMap<JsonSchema, Map<string, string>>();

/**
 * patternErrorMessage by pattern, from the whole schema (Ajv's schemaPath for an inlined $ref is
 * relative to the definition, so the message cannot be found by path).
 */
function patternMessages(root: JsonSchema): Map<string, string> {
  const cached = patternCache.get(root);
  if (cached) return cached;
  const map = new Map<string, string>();
  const walk = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, unknown>;
    if (typeof o.pattern === "string" && typeof o.patternErrorMessage === "string") map.set(o.pattern, o.patternErrorMessage);
    for (const v of Object.values(o)) walk(v);
  };
  walk(root);
  patternCache.set(root, map);
  return map;
}

/** Patterns whose findings carry their own rule id (the text comes from the schema's patternErrorMessage). */
const PATTERN_RULES: Record<string, string> = { [SIZE_PATTERN]: "invalid-size" };

/** A size written with a decimal or lower-case unit (20GB, 4gib, 512 MiB): the spelling that means what QEMU will do. */
function sizeHint(value: unknown): string {
  if (typeof value !== "string") return "";
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgtKMGT])(i?[bB])?\s*$/.exec(value);
  if (!m) return "";
  const unit = m[2].toUpperCase();
  // "GB" is read as binary, as QEMU and qemu-img read G: say so rather than guess decimal.
  return m[3] && m[3].toLowerCase() === "ib"
    ? `: did you mean ${m[1]}${unit}iB?`
    : `: did you mean ${m[1]}${unit} (binary, as QEMU reads it)?`;
}

function pathOf(instancePath: string): SpecPath {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** Follows a local $ref. */
function deref(n: JsonSchema | undefined, root: JsonSchema): JsonSchema | undefined {
  let cur = n;
  for (let i = 0; cur?.$ref && i < 10; i++) {
    cur = String(cur.$ref)
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], root) as JsonSchema | undefined;
  }
  return cur;
}

/** The object schema that describes the value at a data path (the mapping branch of a union). */
function objectSchemaAt(path: SpecPath, root: JsonSchema): JsonSchema | undefined {
  let node = deref(root, root);
  for (const seg of path) {
    if (!node) return undefined;
    const branches = [node, ...(node.anyOf ?? node.oneOf ?? []).map((b) => deref(b, root))];
    const holder = branches.find((b) => (typeof seg === "number" ? b?.items : b?.properties?.[seg]));
    node = deref(typeof seg === "number" ? holder?.items : holder?.properties?.[seg], root);
  }
  const branches = node ? [node, ...(node.anyOf ?? node.oneOf ?? []).map((b) => deref(b, root))] : [];
  return branches.find((b) => b?.properties);
}

/** Whether the value at a data path is declared a Size (its schema carries the size pattern). */
function isSizeAt(path: SpecPath, root: JsonSchema): boolean {
  let node = deref(root, root);
  for (const seg of path) {
    if (!node) return false;
    const branches = [node, ...(node.anyOf ?? node.oneOf ?? []).map((b) => deref(b, root))];
    const holder = branches.find((b) => (typeof seg === "number" ? b?.items : b?.properties?.[seg]));
    node = deref(typeof seg === "number" ? holder?.items : holder?.properties?.[seg], root);
  }
  return node?.pattern === SIZE_PATTERN;
}

/** Edit distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** "; did you mean "x"?" when a candidate is close to `word`, else `otherwise`. */
export function didYouMean(word: string, candidates: string[], otherwise = ""): string {
  const hint = suggest(word, candidates);
  return hint ? `; did you mean ${JSON.stringify(hint)}?` : otherwise;
}

/** The closest candidate to `word`, if it is close enough to be a likely typo. */
export function suggest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

function valueAt(data: unknown, path: SpecPath): unknown {
  let v: unknown = data;
  for (const p of path) v = (v as Record<string | number, unknown> | null | undefined)?.[p];
  return v;
}

function describeTypes(t: string | string[]): string {
  const names: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    string: "a string",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
  };
  return (Array.isArray(t) ? t : [t]).map((x) => names[x] ?? x).join(" or ");
}

function toFinding(e: ErrorObject, doc: Document, data: unknown, root: JsonSchema): Finding {
  const path = pathOf(e.instancePath);
  const where = path.length ? path.join(".") : "the spec";
  const value = valueAt(data, path);
  const at = (range: [number, number], message: string, ruleId = "schema"): Finding => ({ ruleId, severity: "error", message, range });
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(e.params.additionalProperty as string);
      const node = keyNodeAt(doc, path, key);
      const allowed = Object.keys(objectSchemaAt(path, root)?.properties ?? {});
      const tail = didYouMean(key, allowed, allowed.length ? `; expected one of ${allowed.map((k) => JSON.stringify(k)).join(", ")}` : "");
      return at(node?.range ? [node.range[0], node.range[1]] : rangeAt(doc, path), `unknown key ${JSON.stringify(key)} in ${where}${tail}`);
    }
    case "required":
      return at(rangeAt(doc, path), `${where} is missing the required key ${JSON.stringify(e.params.missingProperty)}`);
    case "enum": {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const hint = typeof value === "string" ? didYouMean(value, (e.params.allowedValues as unknown[]).map(String)) : "";
      return at(rangeAt(doc, path), `${JSON.stringify(value)} is not a valid ${where}: expected one of ${allowed.join(", ")}${hint}`);
    }
    case "const":
      return at(rangeAt(doc, path), `${where} must be ${JSON.stringify(e.params.allowedValue)}`);
    case "type":
      if (typeof value === "number" && isSizeAt(path, root)) {
        // A bare number is ambiguous: QEMU reads -m 2048 as MiB, qemu-img reads 2048 as bytes.
        return at(
          rangeAt(doc, path),
          `${where} must be a size with a unit (B, K/KiB, M/MiB, G/GiB, T/TiB) such as 512MiB, 4GiB or 20G, not the bare number ${value}: write ${value}MiB if you mean MiB, or ${value}B if you mean bytes (QEMU reads a bare -m 2048 as MiB, but qemu-img reads 2048 as bytes)`,
          "invalid-size",
        );
      }
      return at(rangeAt(doc, path), `${where} must be ${describeTypes(e.params.type as string | string[])}, not ${typeName(value)}`);
    case "pattern": {
      // The same text the editor shows (patternErrorMessage in the schema, from the TSDoc).
      const what = patternMessages(root).get(String(e.params.pattern)) ?? `expected text matching ${e.params.pattern}`;
      const rule = PATTERN_RULES[String(e.params.pattern)];
      return at(
        rangeAt(doc, path),
        `${JSON.stringify(value)} is not a valid ${where}: ${what}${rule === "invalid-size" ? sizeHint(value) : ""}`,
        rule,
      );
    }
    case "minItems":
      return at(
        rangeAt(doc, path),
        Number(e.params.limit) === 1
          ? `${where} must not be empty: give at least one item`
          : `${where} needs at least ${e.params.limit} items`,
      );
    case "maxItems":
      return at(rangeAt(doc, path), `${where} has more than ${e.params.limit} items`);
    case "minLength":
      return at(rangeAt(doc, path), `${where} must not be empty`);
    case "maxLength":
      return at(rangeAt(doc, path), `${where} is longer than ${e.params.limit} characters`);
    case "minimum":
    case "maximum":
      return at(
        rangeAt(doc, path),
        `${where} is ${JSON.stringify(value)}: it must be ${e.keyword === "minimum" ? "at least" : "at most"} ${e.params.limit}`,
      );
    default:
      return at(rangeAt(doc, path), `${where} ${e.message ?? "is invalid"}`);
  }
}

/**
 * An `anyOf` failure is reported once. When the value is a mapping, the mapping branch's own
 * errors say more than "must match a schema in anyOf", so those are kept instead.
 */
function collapseAnyOf(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === "anyOf");
  if (anyOfs.length === 0) return errors;
  const drop = new Set<ErrorObject>();
  for (const a of anyOfs) {
    // Branch errors are those about the same value or inside it (a $ref'd branch reports the
    // schema path of its definition, so the instance path is what ties them to the anyOf).
    const branch = errors.filter((e) => e !== a && (e.instancePath === a.instancePath || e.instancePath.startsWith(a.instancePath + "/")));
    const value = valueAt(data, pathOf(a.instancePath));
    const isObj = value !== null && typeof value === "object" && !Array.isArray(value);
    const deeper = branch.filter((e) => e.instancePath !== a.instancePath || (isObj && e.keyword !== "type" && e.keyword !== "const"));
    if (isObj && deeper.length > 0) {
      drop.add(a);
      for (const e of branch) if (!deeper.includes(e)) drop.add(e);
    } else {
      for (const e of branch) drop.add(e);
      const types = branch
        .filter((e) => e.keyword === "type" || e.keyword === "const")
        .map((e) => (e.keyword === "type" ? describeTypes(e.params.type as string | string[]) : JSON.stringify(e.params.allowedValue)));
      a.message = types.length ? `must be ${types.join(" or ")}, not ${typeName(value)}` : a.message;
      a.keyword = "anyOf";
    }
  }
  return errors.filter((e) => !drop.has(e));
}

/**
 * Enums also carry a oneOf of consts (for per-value descriptions in editors): their errors repeat
 * the enum error at the same place, so they are dropped.
 */
function dropEnumOneOf(errors: ErrorObject[]): ErrorObject[] {
  const enums = new Set(errors.filter((e) => e.keyword === "enum").map((e) => e.instancePath));
  return errors.filter((e) => !((e.keyword === "oneOf" || e.keyword === "const") && enums.has(e.instancePath)));
}

/** Whether the data is a valid spec (the fast path's check: no findings to map to nodes). */
export function isValidSpec(data: unknown): boolean {
  return validateFast(data);
}

/** Schema findings for loaded spec data. */
export function validateSpec(doc: Document, data: unknown): Finding[] {
  if (validateSchema(data)) return [];
  return schemaFindings([...(fullValidator!.errors ?? [])], doc, data, schemaJson());
}

/**
 * Ajv's errors for `data` (validated against `root`, the spec's or the configuration's schema)
 * as findings in vmspec's words, at the YAML node each is about, once each.
 */
export function schemaFindings(ajvErrors: ErrorObject[], doc: Document, data: unknown, root: JsonSchema): Finding[] {
  const errors = collapseAnyOf(dropEnumOneOf(ajvErrors), data);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const e of errors) {
    const f = toFinding(e, doc, data, root);
    const k = `${f.range[0]}:${f.range[1]}:${f.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      findings.push(f);
    }
  }
  return findings;
}
