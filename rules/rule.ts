// The one typed factory every rule is made with. A rule never formats output and never reads
// files: it reads the spec, the option list or the monitor commands, and reports. Severity comes
// from configuration, with the rule's default when none is set.
import type { Severity } from "../core/finding.js";
import type { SpecPath } from "../spec/nodes.js";
import type { VmSpec } from "../spec/types.js";
import type { Prop, QemuOption } from "../qemu/options.js";
import type { MonitorCommand } from "../qemu/read/monitor-script.js";
import type { Profile } from "./profile.js";

/** A rule's documentation, from which its page in docs/rules/ is generated. */
export interface RuleDocs {
  /** The statement's own words that the rule enforces. */
  statement?: string;
  /** What the rule finds, and the readings it makes. */
  details: string;
  /** Failing and passing examples; the test suite runs every one. */
  examples: { lang: "yaml" | "sh" | "cfg" | "qmp" | "hmp"; kind: "incorrect" | "correct"; text: string }[];
  /** What to do about a finding. */
  fix: string;
}

export interface RuleMeta {
  /** The public id: used in suppressions, `--rule` and JSON output. Equal to the file name. */
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Which input the rule reads. */
  input: "spec" | "options" | "commands";
  docs: RuleDocs;
  /** Some findings carry a safe fix that --fix applies. */
  fixable?: boolean;
  /**
   * The rule judges a whole command line (something missing from it), so it does not run on a
   * -readconfig file, which holds only part of one.
   */
  wholeCommand?: boolean;
  /**
   * The option flags an option rule reads. It is given only those options (in their order) and
   * is not run when there are none; without `reads` it sees every option. Declared so that a run
   * indexes each input's options once instead of every rule scanning all of them
   * (test/rule-reads.test.ts checks each declaration against the full list).
   */
  reads?: readonly string[];
  /**
   * The rule judges the accelerator or the CPU model, which `--accel`/`--cpu` set on the command
   * line for a host that differs: its findings then say so and do not stop `build`.
   */
  excusedBy?: "accel" | "cpu";
}

export interface SpecRuleContext {
  spec: VmSpec;
  profile: Profile;
  report(r: { message: string; path: SpecPath }): void;
}

/**
 * A change to an option's value, written where the option stands in the input: the new value of
 * property `prop` (or of the option's literal value when there is no prop), text to add right
 * after that property, or (`after`) a new option to add after the option on a command line.
 */
export interface ValueChange {
  prop?: string;
  value?: string;
  append?: string;
  /** A new option (`-cpu host`) to write right after this option on its command line. */
  after?: string;
}

export interface OptionRuleContext {
  options: QemuOption[];
  profile: Profile;
  /**
   * Reports on an option, or on one of its properties when `prop` names it (the first with that
   * key) or is that property (an option may repeat a key: `hostfwd`); `at` is the same as a property `prop`. `fix` is applied by
   * --fix when it can be written exactly; `suggest` is only offered.
   */
  report(option: QemuOption, r: { message: string; prop?: string | Prop; at?: Prop; fix?: ValueChange; suggest?: { message: string; change: ValueChange }[] }): void;
}

export interface CommandRuleContext {
  commands: MonitorCommand[];
  profile: Profile;
  report(command: MonitorCommand, r: { message: string }): void;
}

export type Rule =
  | { input: "spec"; meta: RuleMeta; check(ctx: SpecRuleContext): void }
  | { input: "options"; meta: RuleMeta; check(ctx: OptionRuleContext): void }
  | { input: "commands"; meta: RuleMeta; check(ctx: CommandRuleContext): void };

export function specRule(meta: Omit<RuleMeta, "input">, check: (ctx: SpecRuleContext) => void): Rule {
  return { input: "spec", meta: { ...meta, input: "spec" }, check };
}

export function optionRule(meta: Omit<RuleMeta, "input">, check: (ctx: OptionRuleContext) => void): Rule {
  return { input: "options", meta: { ...meta, input: "options" }, check };
}

export function commandRule(meta: Omit<RuleMeta, "input">, check: (ctx: CommandRuleContext) => void): Rule {
  return { input: "commands", meta: { ...meta, input: "commands" }, check };
}

/** The rule's documentation page, derived from its id. */
export function docsUrl(id: string): string {
  return `https://github.com/vmspec/vmspec/blob/main/docs/rules/${id}.md`;
}
