// Runs the rulebook on a spec and on its compiled options, turning reports into findings.
import type { Document } from "yaml";
import type { Finding, Severity } from "../spec/finding.js";
import type { VmSpec } from "../spec/types.js";
import type { QemuOption } from "../compiler/options.js";
import { rangeAt, type SpecPath } from "../spec/nodes.js";
import { RULES } from "./index.js";

/** A severity per rule id; "off" disables the rule. */
export type RuleSettings = Record<string, Severity | "off">;

export function runRules(doc: Document, spec: VmSpec, options: QemuOption[], settings: RuleSettings = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = settings[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === "off") continue;
    const add = (path: SpecPath, message: string): void => {
      findings.push({ ruleId: rule.meta.id, severity: setting, message, range: rangeAt(doc, path) });
    };
    if (rule.input === "spec") rule.check({ spec, report: (r) => add(r.path, r.message) });
    else rule.check({ options, report: (o, r) => add(r.path ?? o.path, r.message) });
  }
  return findings;
}
