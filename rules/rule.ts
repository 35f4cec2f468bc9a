// The one typed factory every rule is made with. A rule never formats output and never reads
// files: it reads the spec, the option list or the monitor commands, and reports. Severity comes
// from configuration, with the rule's default when none is set.
import type { Severity } from "../core/finding.js";
import type { SpecPath } from "../spec/nodes.js";
import type { VmSpec } from "../spec/types.js";
import type { Prop, QemuOption } from "../qemu/options.js";
import type { MonitorCommand } from "../qemu/read/monitor-script.js";
import type { Profile } from "./profile.js";
import type { QemuVersion } from "../qemu/targets.js";
import type { HostQemu } from "../qemu/probe.js";

/** What every rule is told about the QEMU that will run: the target version, and the host binary when probed (`--host`). */
export interface TargetInfo {
  /** The target QEMU version: `--qemu`, else the probed host's (`--host`), else the profile's. */
  qemu: QemuVersion;
  /** What the host's QEMU binary has, when `--host` probed it. */
  host?: HostQemu;
}

/** A rule's documentation, from which its page in docs/rules/ is generated. */
export interface RuleDocs {
  /** The statement's own words that the rule enforces. */
  statement?: string;
  /** What the rule finds, and the readings it makes. */
  details: string;
  /** Failing and passing examples; the test suite runs every one. */
  examples: {
    lang: "yaml" | "sh" | "cfg" | "qmp" | "hmp";
    kind: "incorrect" | "correct";
    text: string;
    /** Lint the example against that statement (`--profile`), for rules only some statements give reason to. */
    profile?: string;
    /** The target QEMU version the example is linted for (`vmspec lint --qemu`), when not the profile's. */
    qemu?: string;
    /** Linted against the host's QEMU (`vmspec lint --host`). */
    host?: boolean;
  }[];
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
  /**
   * Every message the rule reports, by id (as ESLint's `meta.messages`): `{{name}}` stands for
   * `data.name` of the report. Tests and docs name a message by its id.
   */
  messages: Record<string, string>;
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
  /**
   * The rule reports a `-drive` whose image format is not said: with `--check-images`, where
   * qemu-img reads the image as raw or qcow2, the image check gives its finding the fix
   * `format=<that>` (lint/image-checks.ts), which the rule alone cannot know.
   */
  fixedFromImageFormat?: boolean;
  /**
   * The engine the rule is about: it runs only when lint's target is this one (`vmspec lint
   * --target kubevirt`, `vmspec build --format kubevirt`), and only on specs. Without it the rule
   * is about QEMU and runs for every target.
   */
  target?: "kubevirt";
  /**
   * The rule judges the host's QEMU binary as probed (`--host`): without one it has nothing to
   * say, and a run leaves it out once instead of calling it for every file.
   */
  needsHost?: boolean;
  /**
   * Inputs whose QEMU is started by a manager that decides what the rule judges itself: the rule
   * does not run on them (libvirtd runs QEMU as qemu.conf's user, whatever the domain says).
   */
  notWhenStartedBy?: readonly QemuStarter[];
  /** An option rule that judges QMP and HMP commands too (set by optionRule when given a command check). */
  commands?: boolean;
}

/** A manager that starts QEMU from an input of its own (`vmspec lint domain.xml`). */
export type QemuStarter = "libvirt";

/** What a spec is linted for: QEMU itself (the default), or a KubeVirt VirtualMachine. */
export const LINT_TARGETS = ["qemu", "kubevirt"] as const;
export type LintTarget = (typeof LINT_TARGETS)[number];

/** The values a message's `{{name}}` placeholders stand for. */
export type MessageData = Record<string, string | number>;

/** A message named by its id in the rule's `messages`, with the data for its placeholders. */
export interface MessageRef<M extends string = string> {
  messageId: M;
  data?: MessageData;
}

/**
 * The text of a message: the rule's template for `messageId` with each `{{name}}` replaced by
 * `data.name` (a placeholder with no data stays as written, as in ESLint).
 */
export function formatMessage(meta: Pick<RuleMeta, "id" | "messages">, r: MessageRef): string {
  const template = meta.messages[r.messageId];
  if (template === undefined)
    throw new Error(`rule ${meta.id} reports the message id ${JSON.stringify(r.messageId)}, which its meta.messages does not declare`);
  const data = r.data;
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, key: string) => (Object.hasOwn(data, key) ? String(data[key]) : whole));
}

export interface SpecRuleContext<M extends string = string> extends TargetInfo {
  spec: VmSpec;
  profile: Profile;
  report(this: void, r: MessageRef<M> & { path: SpecPath }): void;
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

export interface OptionRuleContext<M extends string = string> extends TargetInfo {
  options: QemuOption[];
  profile: Profile;
  /** What starts QEMU for this input when not its own command (a libvirt domain: libvirtd), to say a fix in its words. */
  startedBy?: QemuStarter;
  /**
   * Reports on an option, or on one of its properties when `prop` names it (the first with that
   * key) or is that property (an option may repeat a key: `hostfwd`); `at` is the same as a property `prop`. `fix` is applied by
   * --fix when it can be written exactly; `suggest` is only offered.
   */
  report(
    this: void,
    option: QemuOption,
    r: MessageRef<M> & { prop?: string | Prop; at?: Prop; fix?: ValueChange; suggest?: (MessageRef<M> & { change: ValueChange })[] },
  ): void;
}

export interface CommandRuleContext<M extends string = string> extends TargetInfo {
  commands: MonitorCommand[];
  profile: Profile;
  report(this: void, command: MonitorCommand, r: MessageRef<M>): void;
}

export type Rule =
  | { input: "spec"; meta: RuleMeta; check(ctx: SpecRuleContext): void }
  | {
      input: "options";
      meta: RuleMeta;
      check(ctx: OptionRuleContext): void;
      /** An option rule that judges monitor commands too (QMP and HMP scripts), by the same measure. */
      checkCommands?(ctx: CommandRuleContext): void;
    }
  | { input: "commands"; meta: RuleMeta; check(ctx: CommandRuleContext): void };

/** A rule's metadata as written in its file; `M` is its message ids, so a report of an undeclared id does not compile. */
type MetaOf<M extends string> = Omit<RuleMeta, "input" | "messages"> & { messages: Record<M, string> };

export function specRule<M extends string>(meta: MetaOf<M>, check: (ctx: SpecRuleContext<M>) => void): Rule {
  return { input: "spec", meta: { ...meta, input: "spec" }, check: check };
}

export function optionRule<M extends string>(
  meta: MetaOf<M>,
  check: (ctx: OptionRuleContext<M>) => void,
  checkCommands?: (ctx: CommandRuleContext<M>) => void,
): Rule {
  if (!checkCommands) return { input: "options", meta: { ...meta, input: "options" }, check: check };
  return { input: "options", meta: { ...meta, input: "options", commands: true }, check: check, checkCommands };
}

export function commandRule<M extends string>(meta: MetaOf<M>, check: (ctx: CommandRuleContext<M>) => void): Rule {
  return { input: "commands", meta: { ...meta, input: "commands" }, check: check };
}

/** The rule's documentation page, derived from its id. */
export function docsUrl(id: string): string {
  return `https://github.com/vmspec/vmspec/blob/main/docs/rules/${id}.md`;
}
