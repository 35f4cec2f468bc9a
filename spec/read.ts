// The way into a spec's text for the rest of vmspec: readSpec() decodes the bytes and reads them
// by the fast path (js-yaml, private in spec/fast/) when the file is plain and valid, else by the
// full path (the ranged `yaml` Document, then the schema); positionsOf() says where a path is in
// a spec's text whichever way it was read.
import type { Document } from "yaml";
import type { Finding } from "../core/finding.js";
import { fastLoad } from "./fast/load.js";
import { fastPositions } from "./fast/positions.js";
import { decodeSpecBytes, loadSpecText, type LoadedSpec } from "./load.js";
import { documentPositions, type SourcePositions } from "./nodes.js";
import { isValidSpec, validateSpec } from "./validate.js";
import { timed } from "../core/timing.js";

/** A spec's text, read. */
export interface SpecRead {
  /** The decoded text (BOM removed); finding offsets refer to it. */
  text: string;
  /** What stops the file: a decoding, YAML or schema finding. Empty when `data` is a valid spec. */
  findings: Finding[];
  /** The spec's data, present only when it is valid (no findings). */
  data?: Record<string, unknown>;
  /** The ranged Document (full path only; also present when the schema found problems). */
  doc?: Document;
  /**
   * Where paths are in the text: the Document's, or on the fast path js-yaml's, worked out on the
   * first call (`positions (fast)`) and kept. Undefined when they cannot be told with certainty
   * (fast path: then read the text again with full()) or the text did not parse.
   */
  positions(): SourcePositions | undefined;
  /** Read by the fast path (no Document). */
  fast: boolean;
  /** The same text read by the full path, for what the fast path cannot tell (itself when already full). */
  full(): SpecRead;
}

export interface ReadSpecOptions {
  /** Always take the full path (ranged `yaml` Document), never the fast path; for tests. */
  fullPath?: boolean;
  /** decodeSpecBytes(bytes), when the caller has it already (lintSpec looks for directives in the text). */
  decoded?: { text: string } | LoadedSpec;
}

/** Decodes spec bytes and reads them: the fast path for a plain, valid file, else the full path. */
export function readSpec(bytes: Uint8Array, opts: ReadSpecOptions = {}): SpecRead {
  const decoded = opts.decoded ?? decodeSpecBytes(bytes);
  if ("findings" in decoded) {
    const failed = decoded as LoadedSpec;
    const read: SpecRead = {
      text: failed.text,
      findings: failed.findings,
      doc: failed.doc,
      positions: () => (failed.doc ? documentPositions(failed.doc) : undefined),
      fast: false,
      full: () => read,
    };
    return read;
  }
  const text = decoded.text;
  if (!opts.fullPath) {
    const data = readPlainSpec(text);
    if (data) {
      let positions: SourcePositions | undefined | null = null;
      return {
        text,
        findings: [],
        data: normalisedSpec(data),
        positions: () => (positions === null ? (positions = timed("positions (fast)", () => fastPositions(text))) : positions),
        fast: true,
        full: () => readFull(text),
      };
    }
  }
  return readFull(text);
}

/** The full path: the ranged Document, then the schema. */
function readFull(source: string): SpecRead {
  const loaded = timed("parse", () => loadSpecText(source));
  const { text, doc } = loaded;
  const positions = () => (doc ? documentPositions(doc) : undefined);
  const read: SpecRead = { text, findings: loaded.findings, doc, positions, fast: false, full: () => read };
  if (loaded.findings.length > 0 || !doc || !loaded.data) return read;
  read.findings = timed("schema", () => validateSpec(doc, loaded.data!));
  if (read.findings.length === 0) read.data = normalisedSpec(loaded.data);
  return read;
}

/**
 * The shorthands people write, in the one shape the compiler, rules and emitters read (VmSpec in
 * spec/types.ts): `guestAgent: true` is `{}` (the default socket), `guestAgent: false` is none.
 */
export function normalisedSpec(data: Record<string, unknown>): Record<string, unknown> {
  if (typeof data.guestAgent !== "boolean") return data;
  const { guestAgent, ...rest } = data;
  return guestAgent ? { ...rest, guestAgent: {} } : rest;
}

/** A plain file read by js-yaml and found valid by the schema; undefined otherwise (then the full path). */
function readPlainSpec(text: string): Record<string, unknown> | undefined {
  const data = timed("parse (fast)", () => fastLoad(text));
  if (!data || !timed("schema", () => isValidSpec(data))) return undefined;
  return data;
}

/** Where paths are in a spec's text: its Document's positions, else the fast ones, else a full parse. */
export function positionsOf(text: string, doc?: Document): SourcePositions {
  return doc ? documentPositions(doc) : (fastPositions(text) ?? documentPositions(loadSpecText(text).doc!));
}
