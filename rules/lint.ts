// Lints one spec: load → schema → compile → rules. Everything a finding needs to point at the
// YAML is kept; nothing here prints or exits.
import type { Document } from "yaml";
import type { Finding } from "../spec/finding.js";
import type { VmSpec } from "../spec/types.js";
import { loadSpecBytes } from "../spec/load.js";
import { validateSpec } from "../spec/validate.js";
import { rangeAt } from "../spec/nodes.js";
import { compile, type CompileResult } from "../compiler/compile.js";
import { DEFAULT_TARGET, parseTarget, type QemuVersion } from "../compiler/targets.js";
import { runRules, type RuleSettings } from "./run.js";

export interface LintOptions {
  /** The folder relative paths resolve against (the spec file's folder). */
  baseDir: string;
  /** The target QEMU version; defaults to the statement's (2.9). */
  qemu?: QemuVersion;
  /** Host overrides from the command line (`--accel`, `--cpu`); linted like the spec's own values. */
  overrides?: { accel?: "kvm" | "tcg"; cpu?: string };
  rules?: RuleSettings;
}

export interface LintResult {
  text: string;
  findings: Finding[];
  doc?: Document;
  spec?: VmSpec;
  compiled?: CompileResult;
}

function withOverrides(spec: VmSpec, o: LintOptions["overrides"]): VmSpec {
  if (!o?.accel && !o?.cpu) return spec;
  return { ...spec, ...(o.accel ? { accel: o.accel } : {}), ...(o.cpu ? { cpu: { ...spec.cpu, model: o.cpu } } : {}) };
}

export function lintSpec(bytes: Uint8Array, opts: LintOptions): LintResult {
  const loaded = loadSpecBytes(bytes);
  const { text, doc } = loaded;
  if (loaded.findings.length > 0 || !doc || !loaded.data) return { text, findings: loaded.findings, doc };
  const schemaFindings = validateSpec(doc, loaded.data);
  if (schemaFindings.length > 0) return { text, findings: schemaFindings, doc };
  const spec = withOverrides(loaded.data as unknown as VmSpec, opts.overrides);
  const compiled = compile(spec, { baseDir: opts.baseDir, qemu: opts.qemu ?? parseTarget(DEFAULT_TARGET)! });
  const findings: Finding[] = compiled.problems.map((p) => ({ ruleId: "extra-args-invalid", severity: "error", message: p.message, range: rangeAt(doc, p.path) }));
  findings.push(...runRules(doc, spec, compiled.options, opts.rules));
  return { text, findings, doc, spec, compiled };
}
