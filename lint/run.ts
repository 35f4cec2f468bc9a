// Runs the rulebook on one input — a spec with its compiled options, an option list read from a
// command line or -readconfig file, or monitor commands — turning reports into findings.
import type { Finding, Severity } from "../core/finding.js";
import type { VmSpec } from "../spec/types.js";
import type { Prop, QemuOption } from "../qemu/options.js";
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
 * A rule that runs on an input, with what the runner reads of it per file: the same shape for
 * every rule, so the loop over them loads each field from one kind of object instead of from
 * 71 rule and metadata objects of different shapes.
 */
interface Step {
  /** The rule's index in RULES (its timing label). */
  index: number;
  rule: Rule;
  severity: Severity;
  /** The flags it reads (undefined: every option), for an option rule run on options. */
  reads: readonly string[] | undefined;
  /** The same flags as a set, for merging the options of several flags (in input order). */
  readSet: ReadonlySet<string> | undefined;
  /** 0: a spec rule, 1: an option rule on options, 2: an option rule's command check, 3: a command rule. */
  call: 0 | 1 | 2 | 3;
}

/**
 * The rules that run on one kind of input under a settings object, in RULES' order, decided
 * once per run (the settings object, the input kind, the engine, whether a host was probed)
 * instead of once per file and rule: a rule turned off, about another engine (KubeVirt's when
 * linting for QEMU), about the host's binary without `--host`, for another kind of input, or
 * about a whole command on a -readconfig file is not in the list at all. A run passes the same
 * (memoised) settings for every file; a settings object is read as it is when first given and is
 * not expected to change afterwards.
 */
const PLANS = new WeakMap<RuleSettings, Map<string, Step[]>>();
function planFor(
  settings: RuleSettings,
  kind: RuleInput["kind"],
  engine: LintTarget | undefined,
  partial: boolean,
  host: boolean,
  startedBy: QemuStarter | undefined,
): Step[] {
  let plans = PLANS.get(settings);
  if (!plans) PLANS.set(settings, (plans = new Map<string, Step[]>()));
  const key = `${kind} ${engine ?? ""} ${partial ? 1 : 0}${host ? 1 : 0} ${startedBy ?? ""}`;
  let plan = plans.get(key);
  if (plan) return plan;
  plan = [];
  for (let index = 0; index < RULES.length; index++) {
    const rule = RULES[index];
    const severity = resolveSeverity(rule.meta.id, settings);
    if (severity === "off") continue;
    // A rule about an engine (KubeVirt) runs only on a spec linted for that engine.
    if (rule.meta.target !== undefined && rule.meta.target !== engine) continue;
    if (rule.meta.needsHost && !host) continue;
    // A rule about what a manager (libvirtd) decides itself does not run on its inputs.
    if (startedBy !== undefined && rule.meta.notWhenStartedBy?.includes(startedBy)) continue;
    let call: Step["call"];
    if (rule.input === "spec") {
      if (kind !== "spec") continue;
      call = 0;
    } else if (rule.input === "options") {
      if (kind === "commands") {
        if (!rule.checkCommands) continue;
        call = 2;
      } else {
        if (partial && rule.meta.wholeCommand) continue;
        call = 1;
      }
    } else {
      if (kind !== "commands") continue;
      call = 3;
    }
    const reads = call === 1 ? rule.meta.reads : undefined;
    plan.push({ index, rule, severity, reads, readSet: reads && new Set(reads), call });
  }
  plans.set(key, plan);
  return plan;
}

/**
 * The options as the rules see them: copies of one shape (every field present, in one order),
 * with properties of one shape, so that a rule reading `o.flag` or `p.key` meets one kind of
 * object instead of the dozen the compiler's sections and the readers make.
 */
function canonical(options: QemuOption[]): QemuOption[] {
  const out: QemuOption[] = new Array<QemuOption>(options.length);
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    let props: Prop[] | undefined;
    if (o.props !== undefined) {
      props = new Array<Prop>(o.props.length);
      for (let j = 0; j < o.props.length; j++) {
        const p = o.props[j];
        props[j] = { key: p.key, value: p.value, implied: p.implied, bare: p.bare, range: p.range, path: p.path };
      }
    }
    out[i] = {
      flag: o.flag,
      props,
      raw: o.raw,
      path: o.path,
      byDefault: o.byDefault,
      extra: o.extra,
      range: o.range,
      section: o.section,
      passt: o.passt,
    };
  }
  return out;
}

/** The options a step reads, in input order (optionsFor, from the step's own fields). */
function optionsOf(reads: readonly string[], set: ReadonlySet<string>, options: QemuOption[], by: Map<string, QemuOption[]>): QemuOption[] {
  let only: QemuOption[] | undefined;
  let several = false;
  for (let i = 0; i < reads.length; i++) {
    const list = by.get(reads[i]);
    if (!list) continue;
    if (only) several = true;
    only = list;
  }
  if (!only) return NONE;
  if (!several) return only;
  const out: QemuOption[] = [];
  for (let i = 0; i < options.length; i++) if (set.has(options[i].flag)) out.push(options[i]);
  return out;
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
  const target: TargetInfo = { qemu: input.target?.qemu ?? profile.qemuVersion, host: input.target?.host };
  const plan = planFor(
    settings,
    input.kind,
    input.kind === "spec" ? (input.engine ?? "qemu") : undefined,
    input.kind === "options" && input.partial === true,
    target.host !== undefined,
    input.kind === "spec" ? input.startedBy : undefined,
  );
  if (plan.length === 0) return { findings, placers };
  const all = input.kind === "commands" ? NONE : canonical(input.options);
  const by = input.kind === "commands" ? undefined : optionsByFlag(all);

  // The rule running now, and its severity: one report function and one context per input kind,
  // shared by the rules in turn (a rule reports only while its check runs), not made per rule.
  let rule: Rule = plan[0].rule;
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
      qemu: target.qemu,
      host: target.host,
      spec: input.spec,
      profile,
      report: (r) =>
        add(r, (f, positions) => {
          f.range = pathRange(positions, r.path);
        }),
    };
  if (input.kind !== "commands")
    optionCtx = {
      qemu: target.qemu,
      host: target.host,
      options: NONE,
      profile,
      startedBy: input.kind === "spec" ? input.startedBy : undefined,
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
      qemu: target.qemu,
      host: target.host,
      commands: input.commands,
      profile,
      report: (c, r) =>
        add(r, (f) => {
          f.range = c.range;
        }),
    };

  const run = (step: Step): void => {
    rule = step.rule;
    severity = step.severity;
    switch (step.call) {
      case 0:
        (rule.check as (ctx: SpecRuleContext) => void)(specCtx!);
        return;
      case 1: {
        const options = step.reads === undefined ? all : optionsOf(step.reads, step.readSet!, all, by!);
        if (options === NONE) return;
        optionCtx!.options = options;
        (rule.check as (ctx: OptionRuleContext) => void)(optionCtx!);
        return;
      }
      case 2:
        (rule as Rule & { input: "options" }).checkCommands!(commandCtx!);
        return;
      default:
        (rule.check as (ctx: CommandRuleContext) => void)(commandCtx!);
    }
  };

  if (timingEnabled()) for (const step of plan) timed(LABELS[step.index], () => run(step));
  else for (let i = 0; i < plan.length; i++) run(plan[i]);
  return { findings, placers };
}
