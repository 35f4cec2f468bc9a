// A baseline for adopting vmspec on an existing fleet (like ESLint's bulk suppressions): counts
// of findings per file and rule, recorded once; later runs report only what is new. When a file
// has more findings of a rule than recorded, all of them are reported (which ones are new cannot
// be told apart).
//
// Keys are paths relative to the baseline file's folder, so that the same baseline applies from
// whatever folder vmspec runs (CI often runs elsewhere than where it was recorded). A baseline in
// the working folder (the default) has the same keys as before; one written elsewhere by an older
// version names files relative to the working folder of that run: re-record it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import type { LocatedFinding } from "../core/finding.js";
import { UsageError, writeAtomic } from "../core/files.js";
import { UNSUPPRESSIBLE } from "./suppressions.js";

export const BASELINE_FILE = "vmspec-suppressions.json";

export type Baseline = Record<string, Record<string, { count: number }>>;

interface FileResult {
  file: string;
  findings: LocatedFinding[];
}

/**
 * Findings a baseline never records nor hides: those no suppression can hide, and a suppression
 * comment without its reason (recording it would defeat requireSuppressionReasons).
 */
const NOT_BASELINED = UNSUPPRESSIBLE;

function counts(findings: LocatedFinding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (!NOT_BASELINED.has(f.ruleId)) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

/** Adds the current findings (all rules, or only `rules`) to a baseline. */
export function record(base: Baseline, files: FileResult[], key: (file: string) => string, rules?: string[]): Baseline {
  const out = JSON.parse(JSON.stringify(base)) as Baseline;
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
    return {
      ...f,
      findings: f.findings.filter(
        (x) => !(entry[x.ruleId] && !NOT_BASELINED.has(x.ruleId) && (current.get(x.ruleId) ?? 0) <= entry[x.ruleId].count),
      ),
    };
  });
  return { files: result, prunable };
}

/**
 * The baseline with each count lowered to what is found now, and empty entries removed; so are
 * the entries of files that no longer exist (`exists` says, by key).
 */
export function prune(
  base: Baseline,
  files: FileResult[],
  key: (file: string) => string,
  exists: (key: string) => boolean = () => true,
): Baseline {
  const out: Baseline = {};
  const byKey = new Map(files.map((f) => [key(f.file), counts(f.findings)]));
  for (const [file, rules] of Object.entries(base)) {
    const current = byKey.get(file);
    if (!current && !exists(file)) continue;
    for (const [rule, { count }] of Object.entries(rules)) {
      // Files not linted in this run keep their entries.
      const now = current ? Math.min(count, current.get(rule) ?? 0) : count;
      if (now > 0) (out[file] ??= {})[rule] = { count: now };
    }
  }
  return sorted(out);
}

function sorted(b: Baseline): Baseline {
  return Object.fromEntries(
    Object.keys(b)
      .sort()
      .map((f) => [
        f,
        Object.fromEntries(
          Object.keys(b[f])
            .sort()
            .map((r) => [r, b[f][r]]),
        ),
      ]),
  );
}

/** A file's key in the baseline: its path relative to the baseline's folder, with "/". */
function keyFor(baselinePath: string): (file: string) => string {
  const dir = dirname(resolve(baselinePath));
  return (file) => (file === "<stdin>" || file === "-" ? "<stdin>" : relative(dir, resolve(file)).split(sep).join("/"));
}

/**
 * The baseline file step of a lint run: records (--suppress-all, --suppress-rule) or prunes
 * (--prune-suppressions) the file as asked, then drops what it covers from the results.
 */
export function useBaselineFile<T extends FileResult>(
  files: T[],
  o: { path?: string; suppressAll?: boolean; suppressRules?: string[]; prune?: boolean },
): { files: T[]; prunable: number; path: string } {
  const path = o.path ?? BASELINE_FILE;
  const fileKey = keyFor(path);
  const exists = (key: string) => key === "<stdin>" || existsSync(resolve(dirname(resolve(path)), key));
  let base: Baseline = {};
  if (existsSync(path)) {
    try {
      base = JSON.parse(readFileSync(path, "utf8")) as Baseline;
    } catch (e) {
      throw new UsageError(`cannot read the baseline ${path}: ${(e as Error).message}`);
    }
  }
  if (o.suppressAll || o.suppressRules) {
    base = record(base, files, fileKey, o.suppressAll ? undefined : o.suppressRules);
    writeAtomic(path, JSON.stringify(base, null, 2) + "\n");
  } else if (o.prune) {
    base = prune(base, files, fileKey, exists);
    writeAtomic(path, JSON.stringify(base, null, 2) + "\n");
  }
  // No baseline: nothing to apply (and no key to compute for each of thousands of files).
  if (Object.keys(base).length === 0) return { files, prunable: 0, path };
  const applied = apply(base, files, fileKey);
  // Entries of files that are gone (or of a baseline keyed from another folder) can be pruned too.
  let gone = 0;
  if (!o.prune) {
    const linted = new Set(files.map((f) => fileKey(f.file)));
    for (const key of Object.keys(base)) if (!linted.has(key) && !exists(key)) gone++;
  }
  return { files: applied.files as T[], prunable: o.prune ? 0 : applied.prunable + gone, path };
}
