// Loads a YAML VM spec, keeping every node's source range. Problems are collected as findings with
// codes from a closed set (LOADER_RULES); nothing here throws on bad input.
import { parseAllDocuments, isMap, isAlias, isNode, isScalar, visit, type Document } from "yaml";
import { isMergeKey, mergeSources } from "./nodes.js";
import type { Finding } from "../core/finding.js";
import { READING_FINDINGS } from "../core/catalog.js";
import { MAX_SPEC_BYTES } from "../core/limits.js";

export { MAX_SPEC_BYTES };
/** Aliases in one spec; more is refused (a VM spec rarely needs any, an alias bomb needs many). */
export const MAX_ALIASES = 64;

/** Ids of loader findings, with what each means: the reading entries of the finding catalog. */
export const LOADER_RULES = Object.fromEntries(READING_FINDINGS.map((e) => [e.id, e.doc])) as Record<LoaderRuleId, string>;
export type LoaderRuleId = (typeof READING_FINDINGS)[number]["id"];

export interface LoadedSpec {
  /** The decoded text (BOM removed); finding offsets refer to it. */
  text: string;
  /** The YAML document with source ranges, when the text parsed. */
  doc?: Document.Parsed;
  /** The plain data, when the document is usable (a mapping without errors). */
  data?: Record<string, unknown>;
  findings: Finding[];
}

function problem(ruleId: LoaderRuleId, message: string, range: [number, number]): Finding {
  return { ruleId, severity: "error", message, range };
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0 || i + n >= bytes.length) return i; // not a lead byte, or truncated
    for (let k = 1; k <= n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong 3- and 4-byte forms, surrogates and code points past U+10FFFF.
    if (n === 2 && ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0))) return i;
    if (n === 3 && ((b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90))) return i;
    i += n + 1;
  }
  return -1;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true }); // drops a leading BOM

/**
 * Decodes spec bytes, checking what comes before parsing (size, UTF-8, NUL bytes): the text, or
 * a loader result holding the one finding that stops the file.
 */
export function decodeSpecBytes(bytes: Uint8Array): { text: string } | LoadedSpec {
  if (bytes.length > MAX_SPEC_BYTES) {
    return {
      text: "",
      findings: [problem("file-too-large", `the file is larger than the limit of ${MAX_SPEC_BYTES} bytes`, [0, 0])],
    };
  }
  let text: string | undefined;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    // the byte-wise check below names the offending byte
  }
  const bad = text === undefined ? invalidUtf8At(bytes) : -1;
  if (bad >= 0) {
    const before = new TextDecoder().decode(bytes.subarray(0, bad));
    const at = before.length;
    return {
      text: before,
      findings: [problem("invalid-utf8", `invalid UTF-8 byte 0x${bytes[bad].toString(16).padStart(2, "0")} at byte ${bad}`, [at, at])],
    };
  }
  text ??= new TextDecoder().decode(bytes);
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    return { text, findings: [problem("binary-file", "the file holds a NUL byte: is it a binary file?", [nul, nul + 1])] };
  }
  return { text };
}

/** Loads spec text from raw bytes (as read from a file or stdin). */
export function loadSpecBytes(bytes: Uint8Array): LoadedSpec {
  const decoded = decodeSpecBytes(bytes);
  return "findings" in decoded ? decoded : loadSpecText(decoded.text);
}

/** Parses spec text. */
export function loadSpecText(text: string): LoadedSpec {
  const findings: Finding[] = [];
  // merge: YAML merge keys (`<<: *base`, `<<: [*a, *b]`), how specs share blocks (docs/spec.md).
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
  // parseAllDocuments returns an EmptyStream (an array with no documents) for an empty file.
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length === 0) {
    findings.push(problem("empty-file", "the file holds no YAML document: expected a VM spec", [0, 0]));
    return { text, findings };
  }
  const doc = list[0];
  for (const extra of list.slice(1)) {
    const r = extra.range;
    findings.push(
      problem("multiple-documents", "a spec file holds one YAML document: split the others into their own files", [
        r[0],
        Math.min(r[0] + 3, text.length),
      ]),
    );
  }
  for (const d of list) {
    for (const e of d.errors) {
      const isDup = e.code === "DUPLICATE_KEY";
      const msg = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      const message = isDup
        ? `duplicate key ${JSON.stringify((/^("[^"\n]*"|'[^'\n]*'|[^:\n]*)/.exec(text.slice(e.pos[0]))?.[0] ?? "").trim())}: a key may appear once in a mapping`
        : e.code === "RESOURCE_EXHAUSTION"
          ? "the YAML nests too deeply to be read"
          : msg.charAt(0).toLowerCase() + msg.slice(1);
      // The parser may place an error at the end of input plus one: keep ranges inside the text.
      const at = Math.min(e.pos[0], text.length);
      findings.push(problem(isDup ? "duplicate-key" : "yaml-syntax", message, [at, Math.max(at, Math.min(e.pos[1], text.length))]));
    }
  }
  if (findings.length > 0) return { text, doc, findings };

  if (doc.contents === null) {
    findings.push(problem("empty-file", "the document is empty: expected a VM spec", [0, Math.min(text.length, 1)]));
    return { text, doc, findings };
  }
  if (!isMap(doc.contents)) {
    const r = doc.contents.range ?? [0, 0];
    findings.push(problem("root-not-mapping", "the top level must be a mapping of keys such as name: and memory:", [r[0], r[1]]));
    return { text, doc, findings };
  }
  let aliases = 0;
  visit(doc, {
    Alias(_key, node) {
      aliases++;
      if (aliases === MAX_ALIASES + 1) {
        const r = node.range ?? [0, 0];
        findings.push(problem("too-many-aliases", `more than ${MAX_ALIASES} YAML aliases in one spec`, [r[0], r[1]]));
        return visit.BREAK;
      }
    },
  });
  if (findings.length > 0) return { text, doc, findings };
  // A merge key takes mappings only; toJS would throw on anything else.
  visit(doc, {
    Pair(_key, pair) {
      if (!isMergeKey(pair.key)) return;
      for (const src of mergeSources(doc, pair)) {
        if (isMap(src)) continue;
        const r = (isNode(pair.value) && pair.value.range) || (isNode(pair.key) && pair.key.range) || [0, 0];
        const what =
          src === undefined
            ? "an alias that names no anchor defined before it"
            : isScalar(src)
              ? `the value ${JSON.stringify(String(src.source ?? src.value))}`
              : "a list inside a list";
        findings.push(
          problem(
            "yaml-syntax",
            `a merge key (<<) takes a mapping, an alias of one (<<: *base) or a list of them (<<: [*a, *b]); this is ${what}`,
            [r[0], r[1]],
          ),
        );
        return visit.BREAK;
      }
    },
  });
  if (findings.length > 0) return { text, doc, findings };
  try {
    const data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    return { text, doc, data, findings };
  } catch (e) {
    // The only documented throw of toJS: an alias expanding past maxAliasCount (a "billion laughs").
    let at: [number, number] = [0, 0];
    visit(doc, {
      Alias(_k, node) {
        if (isAlias(node) && node.range) at = [node.range[0], node.range[1]];
        return visit.BREAK;
      },
    });
    findings.push(problem("too-many-aliases", `aliases expand too much: ${(e as Error).message}`, at));
    return { text, doc, findings };
  }
}
