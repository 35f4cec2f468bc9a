// Inline suppressions, in YAML specs and in shell command lines (both use "#" comments):
//   # vmspec-disable-next-line <id>[, <id>] -- <reason>   the whole YAML node that follows
//   <line> # vmspec-disable-line <id>                      the node (or line) it ends
//   # vmspec-disable <id> ... # vmspec-enable <id>         a block
//   # vmspec-disable-file <id>                             the whole file
// No id means every rule. Reading errors are never suppressed. A suppression that suppresses
// nothing is reported, and so is one without a reason when the configuration requires reasons.
import { isNode, isPair, isSeq, visit, type Document } from "yaml";
import type { Finding, Severity } from "../core/finding.js";
import { acceptedIds, CATALOG, catalogEntry, unknownId } from "./catalog.js";

/** Ids that can never be suppressed (the input could not be read, ...): the catalog says which. */
export const UNSUPPRESSIBLE = new Set([...CATALOG.values()].filter((e) => !e.suppressible).map((e) => e.id));

interface Directive {
  kind: "disable-next-line" | "disable-line" | "disable" | "enable" | "disable-file";
  ids: string[] | "all";
  reason?: string;
  /** The comment's range, for findings about the directive. */
  range: [number, number];
  /** The offsets it covers. */
  region: [number, number];
  used: boolean;
}

export interface SuppressionOptions {
  file: string;
  requireReasons?: boolean;
  unused?: Severity | "off";
}

const DIRECTIVE = /(?:^|\s)#\s*vmspec-(disable-next-line|disable-line|disable-file|disable|enable)\b([^\n]*)$/;

/** The end of the YAML node that starts on the line at `lineStart` (or the line's end). */
function nodeEndFrom(doc: Document | undefined, text: string, lineStart: number): number {
  const lineEnd = text.indexOf("\n", lineStart) < 0 ? text.length : text.indexOf("\n", lineStart);
  const indent = lineStart + (text.slice(lineStart, lineEnd).length - text.slice(lineStart, lineEnd).trimStart().length);
  let end = lineEnd;
  if (!doc) return end;
  // Nodes starting at the first character, or just after a "- " sequence marker.
  const starts = new Set([indent, indent + 2]);
  visit(doc, {
    Pair(_k, pair) {
      if (isPair(pair) && isNode(pair.key) && pair.key.range && starts.has(pair.key.range[0])) {
        const v = isNode(pair.value) ? pair.value.range : undefined;
        end = Math.max(end, v ? v[1] : pair.key.range[1]);
      }
    },
    Node(_k, node) {
      // A block sequence starts where its first item's "- " does: the line is that item, not the list.
      if (isSeq(node) && text.charCodeAt(indent) === 45 /* - */) return;
      if (node.range && starts.has(node.range[0])) end = Math.max(end, node.range[1]);
    },
  });
  return end;
}

function parseDirectives(text: string, doc: Document | undefined, problems: Finding[]): Directive[] {
  const out: Directive[] = [];
  const known = acceptedIds("suppression");
  const lines = text.split("\n");
  let offset = 0;
  const starts: number[] = [];
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  lines.forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const kind = m[1] as Directive["kind"];
    const [idPart, ...reasonParts] = m[2].split(" -- ");
    const reason = reasonParts.join(" -- ").trim() || undefined;
    const names = idPart.split(/[\s,]+/).filter(Boolean);
    const commentAt = starts[i] + line.indexOf("#", m.index);
    // An id that is no rule is a finding at it, as ESLint's "Definition for rule 'x' was not
    // found": the comment's other ids still apply, and the file is linted on.
    const valid: string[] = [];
    let from = line.indexOf("vmspec-");
    for (const id of names) {
      const at = line.indexOf(id, from);
      from = at + id.length;
      if (known.includes(id)) {
        valid.push(id);
        continue;
      }
      const [head, tail] = unknownId(id, "suppression").split(";");
      problems.push({
        ruleId: "suppression-unknown-rule",
        severity: "error",
        message: catalogEntry(id) ? unknownId(id, "suppression") : `${head} in a suppression comment${tail ? `;${tail}` : ""}`,
        range: [starts[i] + at, starts[i] + at + id.length],
      });
    }
    // Only unknown ids: the comment suppresses nothing (and is not also reported as unused).
    if (names.length > 0 && valid.length === 0) return;
    const range: [number, number] = [commentAt, starts[i] + line.replace(/\r$/, "").length];
    const ids = valid.length ? valid : "all";
    let region: [number, number] = [0, 0];
    if (kind === "disable-file") region = [0, text.length];
    else if (kind === "disable-line") region = [starts[i], nodeEndFrom(doc, text, starts[i])];
    else if (kind === "disable-next-line") {
      let j = i + 1;
      while (j < lines.length && /^\s*(#.*)?\r?$/.test(lines[j])) j++;
      region = j < lines.length ? [starts[j], nodeEndFrom(doc, text, starts[j])] : [text.length, text.length];
    } else if (kind === "disable") region = [starts[i], text.length];
    out.push({ kind, ids, reason, range, region, used: false });
  });
  // A block ends at the next "enable" that names the same ids (or all).
  for (const d of out.filter((x) => x.kind === "disable")) {
    const end = out.find(
      (e) =>
        e.kind === "enable" &&
        e.range[0] > d.range[0] &&
        (e.ids === "all" || (d.ids !== "all" && d.ids.every((id) => (e.ids as string[]).includes(id)))),
    );
    if (end) {
      d.region = [d.region[0], end.range[0]];
      end.used = true;
    }
  }
  return out;
}

/** Drops suppressed findings and adds findings about the suppressions themselves. */
export function applySuppressions(text: string, doc: Document | undefined, findings: Finding[], opts: SuppressionOptions): Finding[] {
  if (!text.includes("vmspec-")) return findings;
  const notes: Finding[] = [];
  const directives = parseDirectives(text, doc, notes);
  const kept: Finding[] = [];
  for (const d of directives) {
    if (opts.requireReasons && !d.reason && d.kind !== "enable") {
      notes.push({
        ruleId: "suppression-reason-missing",
        severity: "error",
        message: `this suppression needs a reason: add " -- <why>" after the rule ids`,
        range: d.range,
      });
    }
  }
  for (const f of findings) {
    const by = UNSUPPRESSIBLE.has(f.ruleId)
      ? undefined
      : directives.find(
          (d) =>
            d.kind !== "enable" &&
            !(opts.requireReasons && !d.reason) &&
            (d.ids === "all" || d.ids.includes(f.ruleId)) &&
            f.range[0] >= d.region[0] &&
            f.range[0] <= d.region[1],
        );
    if (by) by.used = true;
    else kept.push(f);
  }
  if (opts.unused !== "off") {
    for (const d of directives) {
      if (d.used || d.kind === "enable" || (opts.requireReasons && !d.reason)) continue;
      const what = d.ids === "all" ? "any finding" : d.ids.map((id) => JSON.stringify(id)).join(", ");
      notes.push({
        ruleId: "unused-suppression",
        severity: opts.unused ?? "warning",
        message: `this vmspec-${d.kind} comment suppresses no ${d.ids === "all" ? "finding" : what}: remove it`,
        range: d.range,
      });
    }
  }
  return [...kept, ...notes];
}
