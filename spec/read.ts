// The way into a spec's text for the rest of vmspec: the fast path (js-yaml, private in spec/fast/)
// for a plain, valid file, and where a path is in a spec's text whichever way it was read.
import type { Document } from "yaml";
import { fastLoad } from "./fast/load.js";
import { fastPositions } from "./fast/positions.js";
import { loadSpecText } from "./load.js";
import { documentPositions, type SourcePositions } from "./nodes.js";
import { isValidSpec } from "./validate.js";
import { timed } from "../core/timing.js";

/** A plain file read by js-yaml and found valid by the schema; undefined otherwise (then loadSpecText and validateSpec). */
export function readPlainSpec(text: string): Record<string, unknown> | undefined {
  const data = timed("parse (fast)", () => fastLoad(text));
  if (!data || !timed("schema", () => isValidSpec(data))) return undefined;
  return data;
}

/** js-yaml's positions for a plain file, or undefined when they cannot be told with certainty. */
export function plainPositions(text: string): SourcePositions | undefined {
  return timed("positions (fast)", () => fastPositions(text));
}

/** Where paths are in a spec's text: its Document's positions, else the fast ones, else a full parse. */
export function positionsOf(text: string, doc?: Document): SourcePositions {
  return doc ? documentPositions(doc) : (fastPositions(text) ?? documentPositions(loadSpecText(text).doc!));
}
