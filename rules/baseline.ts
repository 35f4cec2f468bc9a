// A baseline for adopting vmspec on an existing fleet (like ESLint's bulk suppressions): counts
// of findings per file and rule, recorded once; later runs report only what is new. When a file
// has more findings of a rule than recorded, all of them are reported (which ones are new cannot
// be told apart).
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import type { LocatedFinding } from "../spec/finding.js";
import { UsageError, writeAtomic } from "../spec/files.js";
import { UNSUPPRESSIBLE } from "./suppressions.js";

export const BASELINE_FILE = "vmspec-suppressions.json";

export type Baseline = Record<string, Record<string, { count: number }>>;

interface FileResult {
  file: string;
  findings: LocatedFinding[];
}

function counts(findings: LocatedFinding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (!UNSUPPRESSIBLE.has(f.ruleId)) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

/** Adds the current findings (all rules, or only `rules`) to a baseline. */
export function record(base: Baseline, files: FileResult[], key: (file: string) => string, rules?: string[]): Baseline {
  const out: Baseline = JSON.parse(JSON.stringify(base));
  for (const f of files) {
    for (const [rule, count] of counts(f.findings)) {
      if (rules && !rules.includes(rule)) continue;
      (out[key(f.file)] ??= {})[rule] = { count };
    }
  }
  return sorted(out);
}

/** Drops findings the baseline covers; says which entries now cover more than there is. */
export function apply(base: Baseline, files: FileResult[], key: (file: string) => string): { files: FileResult[]; prunable: number } {
  let prunable = 0;
  const seen = new Set<string>();
  const result = files.map((f) => {
    const entry = base[key(f.file)] ?? {};
    seen.add(key(f.file));
    const current = counts(f.findings);
    for (const [rule, { count }] of Object.entries(entry)) if ((current.get(rule) ?? 0) < count) prunable++;
    return { ...f, findings: f.findings.filter((x) => !(entry[x.ruleId] && (current.get(x.ruleId) ?? 0) <= entry[x.ruleId].count)) };
  });
  return { files: result, prunable };
}

/** The baseline with each count lowered to what is found now, and empty entries removed. */
export function prune(base: Baseline, files: FileResult[], key: (file: string) => string): Baseline {
  const out: Baseline = {};
  const byKey = new Map(files.map((f) => [key(f.file), counts(f.findings)]));
  for (const [file, rules] of Object.entries(base)) {
    const current = byKey.get(file);
    for (const [rule, { count }] of Object.entries(rules)) {
      // Files not linted in this run keep their entries.
      const now = current ? Math.min(count, current.get(rule) ?? 0) : count;
      if (now > 0) (out[file] ??= {})[rule] = { count: now };
    }
  }
  return sorted(out);
}

function sorted(b: Baseline): Baseline {
  return Object.fromEntries(Object.keys(b).sort().map((f) => [f, Object.fromEntries(Object.keys(b[f]).sort().map((r) => [r, b[f][r]]))]));
}

/** A file's key in the baseline: its path relative to the working folder, with "/". */
function fileKey(file: string): string {
  return file === "<stdin>" ? file : relative(process.cwd(), resolve(file)).split(sep).join("/");
}

/**
 * The baseline file step of a lint run: records (--suppress-all, --suppress-rule) or prunes
 * (--prune-suppressions) the file as asked, then drops what it covers from the results.
 */
export function useBaselineFile<T extends FileResult>(files: T[], o: { path?: string; suppressAll?: boolean; suppressRules?: string[]; prune?: boolean }): { files: T[]; prunable: number; path: string } {
  const path = o.path ?? BASELINE_FILE;
  let base: Baseline = {};
  if (existsSync(path)) {
    try {
      base = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new UsageError(`cannot read the baseline ${path}: ${(e as Error).message}`);
    }
  }
  if (o.suppressAll || o.suppressRules) {
    base = record(base, files, fileKey, o.suppressAll ? undefined : o.suppressRules);
    writeAtomic(path, JSON.stringify(base, null, 2) + "\n");
  } else if (o.prune) {
    base = prune(base, files, fileKey);
    writeAtomic(path, JSON.stringify(base, null, 2) + "\n");
  }
  // No baseline: nothing to apply (and no key to compute for each of thousands of files).
  if (Object.keys(base).length === 0) return { files, prunable: 0, path };
  const applied = apply(base, files, fileKey);
  return { files: applied.files as T[], prunable: o.prune ? 0 : applied.prunable, path };
}
