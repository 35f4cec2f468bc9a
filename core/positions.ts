// Turns character offsets into 1-based line:column pairs. Lines end at "\n" (so "\r\n" files keep
// the right columns: the "\r" only ever sits at the end of a line).
import type { Finding, LocatedFinding } from "./finding.js";

/** Offsets of the first character of every line of `text`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of `offset`. */
export function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

let lastText: string | undefined;
let lastStarts: number[] = [];

/**
 * 1-based line and column of `offset` in `text`, the one helper for a message that names a line:
 * the line starts of the last text asked about are kept, so numbering many offsets of one file
 * costs one scan of it and a binary search each.
 */
export function positionIn(text: string, offset: number): { line: number; column: number } {
  if (text !== lastText) {
    lastStarts = lineStarts(text);
    lastText = text;
  }
  return position(lastStarts, offset);
}

/** Locates findings and sorts them by line, column and rule id. */
export function locate(text: string, findings: Finding[]): LocatedFinding[] {
  if (findings.length === 0) return [];
  const starts = lineStarts(text);
  const max = text.length;
  return findings
    .map((f) => {
      const start = Math.min(Math.max(0, f.range[0]), max);
      const end = Math.min(Math.max(start, f.range[1]), max);
      const a = position(starts, start);
      const b = position(starts, end);
      return {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: a.line,
        column: a.column,
        endLine: b.line,
        endColumn: b.column,
        ...(f.fix ? { fix: f.fix } : {}),
        ...(f.suggestions?.length ? { suggestions: f.suggestions } : {}),
      };
    })
    .sort((x, y) => x.line - y.line || x.column - y.column || x.ruleId.localeCompare(y.ruleId));
}
