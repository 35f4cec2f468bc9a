// A whole `vmspec lint` run as a library call: every input with the configuration that applies to
// it (nearest .vmspec.yaml, or the given one), its suppressions, safe fixes and image checks.
// It reads and writes files but prints nothing.
import { relative, resolve } from "node:path";
import type { FileFindings } from "../spec/finding.js";
import { locate } from "../spec/positions.js";
import { baseDirOf, readInput, writeAtomic } from "../spec/files.js";
import type { QemuVersion } from "../compiler/targets.js";
import { lintInput, type InputKind } from "./lint.js";
import { timed } from "../spec/timing.js";
import { effectiveConfig, findConfig, readConfig } from "./config.js";
import { checkImages } from "./image-checks.js";
import { applyEdits } from "./fix-edit.js";
import type { RuleSettings } from "./run.js";

export interface LintRunOptions {
  /** A configuration file to use instead of the nearest .vmspec.yaml. */
  config?: string;
  profile?: string;
  qemu?: QemuVersion;
  /** --rule settings, over the configuration's. */
  rules?: RuleSettings;
  checkImages?: boolean;
  /** Apply safe fixes to the files; or, with "dry-run", only compute them. */
  fix?: "apply" | "dry-run";
  /** Called before each input, for a progress display. */
  onProgress?: (done: number, total: number) => void;
}

export interface LintRun {
  files: FileFindings[];
  /** The fixes as (before, after) texts, for --fix-dry-run's diff. */
  fixes: { file: string; before: string; after: string }[];
}

export function lintFiles(inputs: [InputKind, string][], o: LintRunOptions): LintRun {
  const files: FileFindings[] = [];
  const fixes: LintRun["fixes"] = [];
  const explicit = o.config ? readConfig(o.config) : undefined;
  for (const [index, [kind, file]] of inputs.entries()) {
    o.onProgress?.(index, inputs.length);
    const eff = effectiveConfig(file, explicit ?? findConfig(file), o.rules);
    if (eff.ignored) continue;
    const shown = file === "-" ? "<stdin>" : file;
    const opts = {
      baseDir: baseDirOf(file),
      profile: o.profile ?? eff.profile,
      qemu: o.qemu,
      rules: eff.rules,
      suppressions: { file: shown, requireReasons: eff.requireSuppressionReasons, unused: eff.unusedSuppressions },
    };
    let r = lintInput(kind, timed("read", () => readInput(file)), opts);
    const edits = r.findings.flatMap((f) => (f.fix ? [f.fix] : []));
    if (o.fix && edits.length > 0 && file !== "-") {
      const after = applyEdits(r.text, edits);
      if (o.fix === "dry-run") fixes.push({ file: relative(process.cwd(), resolve(file)), before: r.text, after });
      else {
        writeAtomic(file, after);
        r = lintInput(kind, new TextEncoder().encode(after), opts);
      }
    }
    const findings = o.checkImages && r.options ? [...r.findings, ...checkImages(r, opts)] : r.findings;
    files.push({ file: shown, findings: locate(r.text, findings), source: r.text });
  }
  return { files, fixes };
}
