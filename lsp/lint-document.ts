// What the language server reports for one open document: exactly what `vmspec lint` prints for
// the same file — the same engine call (lintOne: nearest .vmspec.yaml, profile, rules, suppressions)
// on the editor's text instead of the disk's, then the workspace's baseline file — and the same
// JSON shape (`--format json`), so that a test can compare the two.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FileFindings, LocatedFinding } from "../core/finding.js";
import { UsageError } from "../core/files.js";
import type { QemuVersion } from "../qemu/targets.js";
import { ConfigError } from "../lint/catalog.js";
import { readConfig } from "../lint/config.js";
import { BASELINE_FILE, useBaselineFile } from "../lint/baseline.js";
import type { InputKind } from "../lint/lint.js";
import { lintOne } from "../lint/files/lint-files.js";

/**
 * The language ids the server lints, and as what. Specs: `vmspec` (or `yaml`, for clients that
 * send only vmspec files as YAML); command lines and scripts: `vmspec-argv` (or `shellscript`);
 * `-readconfig` files: `vmspec-readconfig`; monitor scripts: `vmspec-qmp`, `vmspec-hmp`.
 */
export const LANGUAGE_KINDS: Record<string, InputKind> = {
  vmspec: "spec",
  yaml: "spec",
  "vmspec-argv": "argv",
  shellscript: "argv",
  "vmspec-readconfig": "readconfig",
  "vmspec-qmp": "qmp",
  "vmspec-hmp": "hmp",
};

export interface DocumentSettings {
  /** The support statement (like --profile); absent: the configuration's, or the default. */
  profile?: string;
  /** The target QEMU (like --qemu). */
  qemu?: QemuVersion;
  /** A configuration file used instead of the nearest .vmspec.yaml (like --config). */
  config?: string;
  /** The folder whose vmspec-suppressions.json applies (the workspace root). */
  root?: string;
}

export interface DocumentResult {
  kind: InputKind;
  /** The findings, as `vmspec lint --format json` gives them for the file (after the baseline). */
  findings: LocatedFinding[];
  /** The text the offsets of fixes refer to. */
  text: string;
  /** Set when the file could not be linted at all (a broken .vmspec.yaml, ...): the CLI's exit-2 message. */
  error?: string;
  /** The configuration ignores the file. */
  ignored?: boolean;
}

export function lintDocument(path: string, languageId: string, text: string, s: DocumentSettings): DocumentResult | undefined {
  const kind = LANGUAGE_KINDS[languageId];
  if (!kind) return undefined;
  const bytes = new TextEncoder().encode(text);
  try {
    const explicit = s.config ? readConfig(s.config) : undefined;
    const got = lintOne(kind, path, { profile: s.profile, qemu: s.qemu, config: s.config }, explicit, { bytes });
    if (!got.file) return { kind, findings: [], text, ignored: true };
    let file: FileFindings = got.file;
    const baseline = s.root ? join(s.root, BASELINE_FILE) : undefined;
    if (baseline && existsSync(baseline)) [file] = useBaselineFile([file], { path: baseline }).files;
    return { kind, findings: file.findings, text: file.source ?? text };
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError) return { kind, findings: [], text, error: e.message };
    throw e;
  }
}
