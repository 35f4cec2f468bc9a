// The one typed factory every rule is made with. A rule never formats output and never reads
// files: it reads the spec or the option list and reports. Severity comes from configuration,
// with the rule's default when none is set.
import type { Severity } from "../spec/finding.js";
import type { SpecPath } from "../spec/nodes.js";
import type { VmSpec } from "../spec/types.js";
import type { QemuOption } from "../compiler/options.js";

export interface RuleMeta {
  /** The public id: used in suppressions, `--rule` and JSON output. Equal to the file name. */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Which input the rule reads. */
  input: "spec" | "options";
}

export interface Report {
  message: string;
  /** The spec path to point at (spec rules), or omitted for the option's own path (option rules). */
  path?: SpecPath;
}

export interface SpecRuleContext {
  spec: VmSpec;
  report(r: Report & { path: SpecPath }): void;
}

export interface OptionRuleContext {
  options: QemuOption[];
  report(option: QemuOption, r: Report): void;
}

export type Rule =
  | { input: "spec"; meta: RuleMeta; check(ctx: SpecRuleContext): void }
  | { input: "options"; meta: RuleMeta; check(ctx: OptionRuleContext): void };

export function specRule(meta: Omit<RuleMeta, "input">, check: (ctx: SpecRuleContext) => void): Rule {
  return { input: "spec", meta: { ...meta, input: "spec" }, check };
}

export function optionRule(meta: Omit<RuleMeta, "input">, check: (ctx: OptionRuleContext) => void): Rule {
  return { input: "options", meta: { ...meta, input: "options" }, check };
}

/** The rule's documentation page, derived from its id. */
export function docsUrl(id: string): string {
  return `https://github.com/vmspec/vmspec/blob/main/docs/rules/${id}.md`;
}
