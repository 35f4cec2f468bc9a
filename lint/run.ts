// Runs the rulebook on one input — a spec with its compiled options, an option list read from a
// command line or -readconfig file, or monitor commands — turning reports into findings.
import type { Finding, Severity } from "../core/finding.js";
import type { VmSpec } from "../spec/types.js";
import type { QemuOption } from "../qemu/options.js";
import type { MonitorCommand } from "../qemu/read/monitor-script.js";
import type { SourcePositions, SpecPath } from "../spec/nodes.js";
import type { Profile } from "../rules/profile.js";
import { RULES } from "../rules/index.js";
import { editFor } from "./fix-edit.js";
import { resolveSeverity, type RuleSettings } from "./catalog.js";
import { timed, timingEnabled } from "../core/timing.js";
import {
  formatMessage,
  type CommandRuleContext,
  type MessageRef,
  type OptionRuleContext,
  type LintTarget,
  type QemuStarter,
  type Rule,
  type SpecRuleContext,
  type TargetInfo,
} from "../rules/rule.js";
import { parseTarget } from "../qemu/targets.js";

/** A severity per rule id; "off" disables the rule. */
export type { RuleSettings } from "./catalog.js";

export type RuleInput = (
  | // positions absent: ranges from the spec are [0, 0] (see runRulesUnlocated)
    {
      kind: "spec";
      text: string;
      positions?: SourcePositions;
      spec: VmSpec;
      options: QemuOption[];
      engine?: LintTarget;
      /** What starts QEMU for this input, when not the spec's own command (a libvirt domain: libvirtd). */
      startedBy?: QemuStarter;
    }
  | { kind: "options"; text: string; options: QemuOption[]; partial?: boolean }
  | { kind: "commands"; text: string; commands: MonitorCommand[] }
) & {
  /** The target QEMU (default: the profile's version) and the probed host binary. */
  target?: Partial<TargetInfo>;
};

/** Each rule's timing label, made once. */
const LABELS = RULES.map((r) => `rule:${r.meta.id}`);
const NONE: QemuOption[] = [];
const NO_SETTINGS: RuleSettings = {};

/** Options by flag, in input order: built once per input, for rules that declare what they read. */
export function optionsByFlag(options: QemuOption[]): Map<string, QemuOption[]> {
  const by = new Map<string, QemuOption[]>();
  for (const o of options) {
    const list = by.get(o.flag);
    if (list) list.push(o);
    else by.set(o.flag, [o]);
  }
  return by;
}

/** The options a rule reads, in input order (see RuleMeta.reads). */
export function optionsFor(rule: Rule, options: QemuOption[], by: Map<string, QemuOption[]>): QemuOption[] {
  const reads = rule.meta.reads;
  if (!reads) return options;
  let only: QemuOption[] | undefined;
  let several = false;
  for (const flag of reads) {
    const list = by.get(flag);
    if (!list) continue;
    if (only) several = true;
    only = list;
  }
  if (!only) return NONE;
  return several ? options.filter((o) => reads.includes(o.flag)) : only;
}

export function runRules(input: RuleInput, profile: Profile, settings: RuleSettings = NO_SETTINGS): Finding[] {
  return checkRules(input, profile, settings, false).findings;
}

/**
 * Runs the rules on a spec without its positions (the fast path: most files have no findings, and
 * then none are needed). The findings' ranges are [0, 0], and they have no fixes, until `locate`
 * gives them what runRules with those positions would have: each rule runs once either way.
 */
export function runRulesUnlocated(
  input: RuleInput & { kind: "spec" },
  profile: Profile,
  settings: RuleSettings = NO_SETTINGS,
): { findings: Finding[]; locate(positions: SourcePositions): Finding[] } {
  const { findings, placers } = checkRules(input, profile, settings, true);
  return {
    findings,
    locate: (positions) => {
      for (const place of placers) place(positions);
      return findings;
    },
  };
}

/** Where a finding is (range, fix, suggestions), from the spec's positions when it has some. */
type Placer = (positions: SourcePositions | undefined) => void;

/**
 * Each rule's severity (RULES' order) under a settings object, resolved once per object: a run
 * passes the same (memoised) settings for every file, so this is not redone per file and rule.
 * A settings object is read as it is when first given; it is not expected to change afterwards.
 */
const SEVERITIES = new WeakMap<RuleSettings, (Severity | "off")[]>();
function severities(settings: RuleSettings): (Severity | "off")[] {
  let s = SEVERITIES.get(settings);
  if (!s) SEVERITIES.set(settings, (s = RULES.map((rule) => resolveSeverity(rule.meta.id, settings))));
  return s;
}

function checkRules(
  input: RuleInput,
  profile: Profile,
  settings: RuleSettings,
  later: boolean,
): { findings: Finding[]; placers: Placer[] } {
  const findings: Finding[] = [];
  const placers: Placer[] = [];
  const given = input.kind === "spec" ? input.positions : undefined;
  const pathRange = (positions: SourcePositions | undefined, path: SpecPath): [number, number] =>
    positions ? positions.rangeAt(path) : [0, 0];
  const by = input.kind === "commands" ? undefined : optionsByFlag(input.options);
  const sev = severities(settings);
  const target: TargetInfo = { qemu: input.target?.qemu ?? parseTarget(profile.data.qemu)!, host: input.target?.host };

  // The rule running now, and its severity: one report function and one context per input kind,
  // shared by the rules in turn (a rule reports only while its check runs), not made per rule.
  let rule: Rule = RULES[0];
  let severity: Severity = "error";
  // The finding now; its range (and fix) when the positions are known: at once, or in locate().
  const add = (r: MessageRef, place: (f: Finding, positions: SourcePositions | undefined) => void): void => {
    const f: Finding = { ruleId: rule.meta.id, messageId: r.messageId, severity, message: formatMessage(rule.meta, r), range: [0, 0] };
    findings.push(f);
    if (later) placers.push((positions) => place(f, positions));
    else place(f, given);
  };
  let specCtx: SpecRuleContext | undefined;
  let optionCtx: OptionRuleContext | undefined;
  let commandCtx: CommandRuleContext | undefined;
  if (input.kind === "spec")
    specCtx = {
      ...target,
      spec: input.spec,
      profile,
      report: (r) =>
        add(r, (f, positions) => {
          f.range = pathRange(positions, r.path);
        }),
    };
  if (input.kind !== "commands")
    optionCtx = {
      ...target,
      options: NONE,
      profile,
      report: (o, r) => {
        const meta = rule.meta;
        add(r, (f, positions) => {
          const p = r.at ?? (typeof r.prop === "object" ? r.prop : r.prop ? o.props?.find((x) => x.key === r.prop) : undefined);
          const fix = r.fix ? editFor(o, r.fix, input.text, positions) : undefined;
          const suggestions = (r.suggest ?? []).flatMap((sg) => {
            const e = editFor(o, sg.change, input.text, positions);
            return e ? [{ message: formatMessage(meta, sg), fix: e }] : [];
          });
          // A property's own setting when the source has it (not one set by --accel), else the option's.
          const path = p?.path && positions?.has(p.path) ? p.path : o.path;
          f.range = p?.range ?? o.range ?? pathRange(positions, path);
          if (fix) f.fix = fix;
          if (suggestions.length) f.suggestions = suggestions;
        });
      },
    };
  else
    commandCtx = {
      ...target,
      commands: input.commands,
      profile,
      report: (c, r) =>
        add(r, (f) => {
          f.range = c.range;
        }),
    };
  const skipWhole = input.kind === "options" && input.partial === true;
  const all = input.kind === "commands" ? NONE : input.options;
  // A rule about an engine (KubeVirt) runs only on a spec linted for that engine.
  const engine = input.kind === "spec" ? (input.engine ?? "qemu") : undefined;
  const startedBy = input.kind === "spec" ? input.startedBy : undefined;

  const checkRule = (i: number): void => {
    const s = sev[i];
    if (s === "off") return;
    if (RULES[i].meta.target !== undefined && RULES[i].meta.target !== engine) return;
    if (startedBy !== undefined && RULES[i].meta.notWhenStartedBy?.includes(startedBy)) return;
    rule = RULES[i];
    severity = s;
    if (rule.input === "spec") {
      if (specCtx) rule.check(specCtx);
    } else if (rule.input === "options") {
      if (!optionCtx && commandCtx && rule.checkCommands) return rule.checkCommands(commandCtx);
      if (!optionCtx || (skipWhole && rule.meta.wholeCommand)) return;
      const options = optionsFor(rule, all, by!);
      if (options === NONE) return;
      optionCtx.options = options;
      rule.check(optionCtx);
    } else if (commandCtx) rule.check(commandCtx);
  };

  if (timingEnabled()) for (let i = 0; i < RULES.length; i++) timed(LABELS[i], () => checkRule(i));
  else for (let i = 0; i < RULES.length; i++) checkRule(i);
  return { findings, placers };
}
