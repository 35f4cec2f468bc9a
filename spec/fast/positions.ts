// Source positions for a file the fast path read (spec/fast/load.ts), from js-yaml's parse events
// instead of the ranged `yaml` Document: a file whose only findings come from the rules is located
// by the parser that is already warm, not by a second, cold one. It answers exactly as the Document
// does (spec/nodes.ts) or not at all: any shape it does not map with certainty — an empty or null
// value, events that do not pair up with the data — makes it give up, and the
// full path locates the file instead. test/fast-path.test.ts compares the two on every path.
import { fastLoad, scalarEnd, skipSpace } from "./load.js";
import type { SourcePositions, SpecPath } from "../nodes.js";

interface PNode {
  kind: "scalar" | "mapping" | "sequence";
  start: number;
  end: number;
  /** A mapping's keys and values in turn, or a sequence's items. */
  children: PNode[];
  result: unknown;
}

function isFlow(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  return c === 123 /* { */ || c === 91; /* [ */
}

/**
 * Where the Document ends a block collection: after the line break of its last line with content
 * (a comment at the end of that line included), not after blank or comment lines that follow it.
 */
function blockEnd(text: string, start: number, end: number): number {
  let lineEnd = end;
  while (lineEnd > start) {
    const lineStart = Math.max(text.lastIndexOf("\n", lineEnd - 1) + 1, start);
    const first = skipBlanks(text, lineStart, lineEnd);
    if (first < lineEnd && text.charCodeAt(first) !== 35 /* # */)
      return lineEnd < text.length && text.charCodeAt(lineEnd) === 10 ? lineEnd + 1 : lineEnd;
    lineEnd = lineStart - 1;
  }
  return start;
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10)) i++;
  return i;
}

/** The tree of nodes behind `text`, or undefined when it cannot be mapped with certainty. */
function nodeTree(text: string): PNode | undefined {
  const open: { at: number; children: PNode[] }[] = [{ at: 0, children: [] }];
  let sure = true;
  const data = fastLoad(text, (event, state) => {
    if (event === "open") {
      open.push({ at: state.position, children: [] });
      return;
    }
    const frame = open.pop()!;
    const kind = state.kind as PNode["kind"];
    const start = skipSpace(text, frame.at);
    const end =
      kind !== "scalar" && !isFlow(text, start)
        ? blockEnd(text, start, Math.min(state.position, text.length))
        : scalarEnd(text, start, state.position);
    // Empty and null values are left to the full path (fastLoad already leaves multi-line scalars).
    if (kind === "scalar" && (state.result === null || end <= start)) sure = false;
    // js-yaml composes some nodes twice, one inside the other (a sequence item): keep one.
    const only = frame.children.length === 1 ? frame.children[0] : undefined;
    const node =
      only && only.kind === kind && only.start === start && only.result === state.result
        ? only
        : { kind, start, end, children: frame.children, result: state.result };
    open[open.length - 1].children.push(node);
  });
  const root = open[0].children;
  if (!data || !sure || open.length !== 1 || root.length !== 1 || !paired(root[0])) return undefined;
  return root[0];
}

/** Whether every node's children are exactly its data's keys and values, or items. */
function paired(n: PNode): boolean {
  if (n.kind === "scalar") return n.children.length === 0;
  if (n.kind === "sequence") {
    const items = n.result as unknown[];
    if (!Array.isArray(items) || items.length !== n.children.length) return false;
  } else {
    if (n.kind !== "mapping" || n.result === null || typeof n.result !== "object") return false;
    const keys = Object.keys(n.result);
    if (keys.length * 2 !== n.children.length) return false;
    for (let i = 0; i < keys.length; i++)
      if (String(n.children[2 * i].result) !== keys[i] || n.children[2 * i].kind !== "scalar") return false;
  }
  return n.children.every(paired);
}

/** nodeAt of spec/nodes.ts, on this tree. */
function nodeAt(root: PNode, path: SpecPath): PNode | undefined {
  let node = root;
  for (const seg of path) {
    if (node.kind === "mapping") {
      let value: PNode | undefined;
      for (let i = 0; i < node.children.length; i += 2) {
        if (node.children[i].result === seg) {
          value = node.children[i + 1];
          break;
        }
      }
      if (!value) return undefined;
      node = value;
    } else if (node.kind === "sequence" && typeof seg === "number" && node.children[seg]) {
      node = node.children[seg];
    } else break;
  }
  return node;
}

/** The spec's source positions from js-yaml, or undefined when the full path must locate it. */
export function fastPositions(text: string): SourcePositions | undefined {
  const root = nodeTree(text);
  if (!root) return undefined;
  return {
    rangeAt(path) {
      if (path.length > 0) {
        const last = path[path.length - 1];
        const value = nodeAt(root, path);
        if (typeof last === "string" && value && value.kind !== "scalar") {
          const map = nodeAt(root, path.slice(0, -1));
          if (map?.kind === "mapping") {
            for (let i = 0; i < map.children.length; i += 2)
              if (map.children[i].result === last) return [map.children[i].start, map.children[i].end];
          }
        }
        if (value) return [value.start, value.end];
      }
      if (root.kind === "mapping" && root.children[0]) return [root.children[0].start, root.children[0].end];
      return [0, 0];
    },
    scalarRangeAt(path) {
      const node = nodeAt(root, path);
      return node?.kind === "scalar" ? [node.start, node.end] : undefined;
    },
    has: (path) => nodeAt(root, path) !== undefined,
  };
}
