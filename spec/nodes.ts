// Finds the YAML node (and its source range) behind a spec path such as ["disks", 0, "file"].
// A path may go through aliases and YAML merge keys (`<<: *base`): a merged value is found where
// it is written, in the anchored mapping (explicit keys first, then the merged mappings in order,
// as YAML merges them); an alias at the end of the path is the alias itself, where it is used.
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from "yaml";

export type SpecPath = (string | number)[];

function keyOf(k: unknown): unknown {
  return isScalar(k) ? k.value : k;
}

/** Whether a key is the YAML merge key `<<` (the loader reads with merge: true). */
export function isMergeKey(k: unknown): boolean {
  return isScalar(k) && typeof k.value === "symbol";
}

function resolved(doc: Document, n: unknown): unknown {
  return isAlias(n) ? n.resolve(doc) : n;
}

/** The mappings a `<<` pair merges, in order. */
export function mergeSources(doc: Document, pair: Pair): unknown[] {
  const v = resolved(doc, pair.value);
  return (isSeq(v) ? v.items : [v]).map((s) => resolved(doc, s));
}

/** The pair that gives `key` its value in `map`: its own, else the first merged mapping's. */
function pairIn(doc: Document, map: YAMLMap, key: unknown, depth = 0): Pair | undefined {
  // A YAML key `1` is the number 1; the spec read from it (JSON) names it "1".
  const same = (k: unknown) => k === key || (typeof k === "number" && typeof key === "string" && String(k) === key);
  const own = map.items.find((p) => !isMergeKey(p.key) && same(keyOf(p.key)));
  if (own || depth > 16) return own;
  for (const p of map.items) {
    if (!isMergeKey(p.key)) continue;
    for (const src of mergeSources(doc, p)) {
      const found = isMap(src) ? pairIn(doc, src, key, depth + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** The node at `path`, or undefined when the path is not in the document. */
export function nodeAt(doc: Document, path: SpecPath): Node | undefined {
  let node: unknown = doc.contents;
  for (const seg of path) {
    node = resolved(doc, node);
    if (isMap(node)) {
      const pair = pairIn(doc, node, seg);
      if (!pair) return undefined;
      if (!isNode(pair.value)) return isNode(pair.key) ? pair.key : undefined; // "key:" with no value
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && isNode(node.items[seg])) {
      node = node.items[seg];
    } else break;
  }
  return isNode(node) ? node : undefined;
}

/** The key node of the property `key` of the mapping at `path`. */
export function keyNodeAt(doc: Document, path: SpecPath, key: string): Node | undefined {
  const map = resolved(doc, nodeAt(doc, path));
  if (!isMap(map)) return undefined;
  const pair = pairIn(doc, map, key);
  return pair && isNode(pair.key) ? pair.key : undefined;
}

/**
 * Where spec paths are in the source: the ranged `yaml` Document (documentPositions), or, for a
 * plain file on the fast path, js-yaml's parse events (spec/fast/positions.ts). Both answer
 * exactly alike; test/fast-path.test.ts compares them path by path.
 */
export interface SourcePositions {
  /** The range to underline for `path` (see rangeAt). */
  rangeAt(path: SpecPath): [number, number];
  /** The range of the scalar at `path` (nodeAt's node), or undefined when it is not a scalar. */
  scalarRangeAt(path: SpecPath): [number, number] | undefined;
  /** Whether `path` is written in the source (a value set by --accel or --cpu is not). */
  has(path: SpecPath): boolean;
}

export function documentPositions(doc: Document): SourcePositions {
  return {
    rangeAt: (path) => rangeAt(doc, path),
    scalarRangeAt: (path) => {
      const node = nodeAt(doc, path);
      return node?.range && isScalar(node) ? [node.range[0], node.range[1]] : undefined;
    },
    has: (path) => nodeAt(doc, path) !== undefined,
  };
}

/** The range to underline for `path`: the value's node; for a mapping, the key that names it. */
export function rangeAt(doc: Document, path: SpecPath): [number, number] {
  if (path.length > 0) {
    const last = path[path.length - 1];
    const value = nodeAt(doc, path);
    if (typeof last === "string" && (isMap(value) || isSeq(value))) {
      const key = keyNodeAt(doc, path.slice(0, -1), last);
      if (key?.range) return [key.range[0], key.range[1]];
    }
    if (value?.range) return [value.range[0], value.range[1]];
  }
  const root = doc.contents;
  if (isMap(root) && root.items[0] && isNode(root.items[0].key) && root.items[0].key.range) {
    const r = root.items[0].key.range;
    return [r[0], r[1]];
  }
  return [0, 0];
}
