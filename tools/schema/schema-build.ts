// Builds the JSON Schema from spec/types.ts with typescript-json-schema, and the precompiled
// (standalone) Ajv validator from that schema. Used by tools/schema/generate-schema.ts to write the
// committed files and by the staleness test to compare against them; never loaded at run time.
import { fileURLToPath } from "node:url";
import * as TJS from "typescript-json-schema";
import { Ajv } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";

// The CommonJS module is its own default export; its typings say otherwise.
const standaloneCode = standaloneModule as unknown as (ajv: Ajv, validate: unknown) => string;

export const SCHEMA_ID = "https://vmspec.dev/schema/vmspec-v1.json";
export const CONFIG_SCHEMA_ID = "https://vmspec.dev/schema/vmspec-config-v1.json";
const typesFile = fileURLToPath(new URL("../../spec/types.ts", import.meta.url));
const configTypesFile = fileURLToPath(new URL("../../spec/config-types.ts", import.meta.url));

/** Editor keywords (VS Code / yaml-language-server) written in TSDoc and kept in the schema. */
export const EDITOR_KEYWORDS = ["markdownDescription", "enumDescriptions", "defaultSnippets", "patternErrorMessage", "deprecationMessage"];
/** TSDoc tags that enrich() turns into standard or editor keywords, then removes. */
const SOURCE_TAGS = ["statement", "enumDeprecations", "deprecatedUnless", "deprecationText"];

/** A JSON Schema node as typescript-json-schema writes it, with the TSDoc tags that enrich() reads. */
interface Node {
  description?: string;
  markdownDescription?: string;
  statement?: string;
  $ref?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  enumDeprecations?: Record<string, string>;
  deprecatedUnless?: unknown[];
  deprecationText?: string;
  oneOf?: Node[];
  const?: unknown;
  [keyword: string]: unknown;
}

/**
 * Editor enrichments, all from TSDoc: markdownDescription (with what the statement says),
 * oneOf/const per enum value with its description and deprecation, and if/else deprecations.
 */
function enrich(node: Node, isProperty: boolean, statement: boolean): void {
  if (typeof node.description === "string" && node.markdownDescription === undefined) {
    const support = statement ? (node.statement ?? (isProperty ? "supported" : undefined)) : undefined;
    node.markdownDescription = node.description + (support ? `\n\n**SLES 12 SP3 statement:** ${support}.` : "");
  }
  delete node.statement;
  // typescript-json-schema copies an interface's tags onto each reference to it: keep keywords
  // beside a $ref only in the definition itself.
  if (node.$ref) delete node.propertyNames;
  const descriptions = node.enumDescriptions;
  if (Array.isArray(node.enum) && Array.isArray(descriptions)) {
    const deprecations = node.enumDeprecations ?? {};
    node.oneOf = node.enum.map((value: unknown, i: number) => ({
      const: value,
      description: descriptions[i],
      markdownDescription: descriptions[i],
      ...(deprecations[String(value)] ? { deprecationMessage: deprecations[String(value)] } : {}),
    }));
  }
  delete node.enumDeprecations;
  if (Array.isArray(node.deprecatedUnless)) {
    node.if = { enum: node.deprecatedUnless };
    node.else = { deprecationMessage: node.deprecationText };
  }
  delete node.deprecatedUnless;
  delete node.deprecationText;
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties") for (const p of Object.values(value as Record<string, Node>)) enrich(p, true, statement);
    else if (key === "definitions") for (const d of Object.values(value as Record<string, Node>)) enrich(d, false, statement);
    else if ((key === "items" || key === "additionalProperties") && typeof value === "object") enrich(value as Node, false, statement);
    else if (key === "patternProperties") for (const p of Object.values(value as Record<string, Node>)) enrich(p, false, statement);
    else if (key === "anyOf" || key === "oneOf" || key === "allOf") for (const sub of value as Node[]) enrich(sub, false, statement);
  }
}

/** The JSON Schema text, exactly as committed in spec/vmspec.schema.json (or, for the config, spec/vmspec-config.schema.json). */
export function buildSchemaText(which: "spec" | "config" = "spec"): string {
  const program = TJS.getProgramFromFiles([which === "spec" ? typesFile : configTypesFile], { strict: true, strictNullChecks: true });
  const schema = TJS.generateSchema(program, which === "spec" ? "VmSpecFile" : "VmspecConfig", {
    required: true,
    noExtraProps: true,
    strictNullChecks: true,
    ref: true,
    aliasRef: false,
    topRef: false,
    uniqueNames: false,
    ignoreErrors: false,
    validationKeywords: [...EDITOR_KEYWORDS, ...SOURCE_TAGS, "propertyNames"],
  });
  if (!schema) throw new Error("typescript-json-schema produced no schema");
  if (which === "spec") {
    // docker-compose-style extension keys: blocks to share with anchors and merge keys
    // (`x-disk: &disk {...}`, then `<<: *disk`). vmspec ignores them; after the properties, so
    // editors complete the spec's own keys only.
    (schema as Node).patternProperties = {
      "^x-": {
        description:
          "An extension key (`x-` as in docker-compose): ignored by vmspec, for blocks shared with YAML anchors and merge keys, e.g. `x-disk: &disk {format: qcow2, cache: none}` then `disks: [{<<: *disk, name: root, file: root.qcow2}]`.",
      },
    };
  }
  enrich(schema as Node, false, which === "spec");
  return (
    JSON.stringify(
      { $schema: "http://json-schema.org/draft-07/schema#", $id: which === "spec" ? SCHEMA_ID : CONFIG_SCHEMA_ID, ...schema },
      null,
      2,
    ) + "\n"
  );
}

/** Keywords that only annotate (for editors and people): they never make data invalid. */
const ANNOTATIONS = new Set([...EDITOR_KEYWORDS, "description", "default", "examples", "title", "$comment"]);

/** Whether a schema node only annotates (after stripping): {} or annotation keywords alone. */
const onlyAnnotates = (n: unknown) => typeof n === "object" && n !== null && Object.keys(n).every((k) => ANNOTATIONS.has(k));

/**
 * The same language as the schema, written for speed: annotations dropped, each oneOf of consts
 * (the editor's per-value descriptions) as one enum, and if/then/else that only annotate removed.
 * Data valid for one is valid for the other (test/fast-path.test.ts checks it on every input kind).
 */
export function fastSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fastSchema);
  if (typeof node !== "object" || node === null) return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node as Node)) {
    if (ANNOTATIONS.has(k)) continue;
    // Inside "properties" and "definitions", keys are names, not keywords.
    out[k] =
      k === "properties" || k === "definitions" || k === "patternProperties"
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, s]) => [name, fastSchema(s)]))
        : fastSchema(v);
  }
  const branches = out.oneOf;
  if (
    branches?.every((b) => Object.keys(b).length === 1 && "const" in b) &&
    new Set(branches.map((b) => JSON.stringify(b.const))).size === branches.length
  ) {
    delete out.oneOf;
    out.enum = branches.map((b) => b.const);
  }
  if ("if" in out && onlyAnnotates(out.then ?? {}) && onlyAnnotates(out.else ?? {})) {
    delete out.if;
    delete out.then;
    delete out.else;
  }
  return out;
}

// Ajv's ESM output still calls require() for its runtime helpers (ucs2length): give it one.
const ESM_REQUIRE = 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n';

/** The fast path's validator (spec/generated/validate-fast.js): stops at the first error, reports none. */
export function buildFastValidatorText(schemaText: string): string {
  const ajv = new Ajv({
    allErrors: false,
    messages: false,
    strict: true,
    allowUnionTypes: true,
    code: { source: true, esm: true, optimize: true },
  });
  const validate = ajv.compile(fastSchema(JSON.parse(schemaText)) as Node);
  return (
    "// GENERATED by `npm run schema` from spec/types.ts: do not edit. The fast path's validator (see fastSchema).\n" +
    ESM_REQUIRE +
    standaloneCode(ajv, validate)
  );
}

/**
 * The standalone validator module text, exactly as committed: ESM for the configuration
 * (spec/generated/validate-config.js), CommonJS for the spec's full validator (spec/generated/validate-schema.cjs),
 * which is loaded only when a spec has errors to explain, not at start-up.
 */
export function buildValidatorText(schemaText: string, format: "esm" | "cjs" = "esm"): string {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: true, esm: format === "esm", lines: true } });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  const validate = ajv.compile(JSON.parse(schemaText) as Node);
  const header = "// GENERATED by `npm run schema` from spec/types.ts: do not edit.\n";
  return header + (format === "esm" ? ESM_REQUIRE : "") + standaloneCode(ajv, validate);
}
