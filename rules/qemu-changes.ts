// What QEMU's own deprecated and removed lists (rules/data/qemu/changes.ts) say of an option, a
// property, a device, a machine type, a CPU model or a monitor command, for a target QEMU version.
// Used by qemu-removed and qemu-deprecated; readings in docs/decisions.md ("QEMU's own lists").
import type { Prop, QemuOption } from "../qemu/options.js";
import type { MonitorCommand } from "../qemu/read/monitor-script.js";
import type { QemuVersion } from "../qemu/targets.js";
import { QEMU_CHANGES, VERSIONED_MACHINES } from "./data/qemu/changes.js";
import type { QemuChange } from "./data/qemu/types.js";
import { DEVICE_ALIASES } from "./data/qemu-devices.js";
import { firstValue, machineType } from "./option-helpers.js";

export type ChangeState = "removed" | "deprecated";

/** A version string (`3.1`) as a pair. */
export function versionOf(v: string): QemuVersion {
  const [a, b] = v.split(".").map(Number);
  return [a, b];
}

export function atLeast(v: QemuVersion, w: QemuVersion): boolean {
  return v[0] > w[0] || (v[0] === w[0] && v[1] >= w[1]);
}

export const showVersion = (v: QemuVersion) => `${v[0]}.${v[1]}`;

/**
 * Removed when the target is at or past the release that removed it; deprecated from the release
 * that deprecated it until the one that removed it (or whose list dropped it without removing it).
 * An entry known only from a removed list has no known deprecation: below its removal it is not reported.
 */
export function stateAt(c: QemuChange, target: QemuVersion): ChangeState | undefined {
  // Asked for every option of every file, always of the same few versions: each answer is kept.
  let byTarget = states.get(c);
  if (!byTarget) states.set(c, (byTarget = new Map<number, ChangeState | null>()));
  const key = target[0] * 1000 + target[1];
  let s = byTarget.get(key);
  if (s === undefined) byTarget.set(key, (s = computeState(c, target) ?? null));
  return s ?? undefined;
}
const states = new WeakMap<QemuChange, Map<number, ChangeState | null>>();

function computeState(c: QemuChange, target: QemuVersion): ChangeState | undefined {
  if (c.removedIn && atLeast(target, versionOf(c.removedIn))) return "removed";
  if (!c.deprecatedSince || !atLeast(target, versionOf(c.deprecatedSince))) return undefined;
  if (c.withdrawnIn && atLeast(target, versionOf(c.withdrawnIn))) return undefined;
  return "deprecated";
}

/** The key of each option's first (implied) value, as a -readconfig section spells it. */
const FIRST_KEY: Record<string, string> = {
  "-chardev": "backend",
  "-device": "driver",
  "-object": "qom-type",
  "-accel": "accel",
  "-machine": "type",
  "-netdev": "type",
  "-net": "type",
  "-display": "type",
  "-fsdev": "fsdriver",
  "-numa": "type",
};

/** Options that the short-form boolean deprecation does not cover (-cpu features have their own syntax). */
const NOT_QEMUOPTS = new Set(["-cpu", "-append", "-kernel", "-initrd"]);

const byFlag = new Map<string, QemuChange[]>();
const commands = new Map<string, QemuChange[]>();
const machines = new Map<string, QemuChange>();
const cpus = new Map<string, QemuChange>();
let shortForm: QemuChange | undefined;
for (const c of QEMU_CHANGES) {
  if (c.flag === "*") shortForm = c;
  else if (c.kind === "machine") machines.set(c.name, c);
  else if (c.kind === "cpu") cpus.set(c.name, c);
  else if (c.kind === "qmp" || c.kind === "hmp") {
    const key = `${c.kind} ${c.arg ? c.name.split(" ")[0] : c.name}`;
    commands.set(key, [...(commands.get(key) ?? []), c]);
  } else if (c.flag) byFlag.set(c.flag, [...(byFlag.get(c.flag) ?? []), c]);
}

export interface OptionHit {
  change: QemuChange;
  state: ChangeState;
  /** The property the entry is about, or the option's first value (its driver, type, backend). */
  prop?: Prop;
  /** How the input spells what the entry names (`-device virtio-blk-pci,scsi=`, `virt-2.6`). */
  what: string;
}

function valueMatches(wanted: string, got: string | undefined, flag: string): boolean {
  // A -machine without a type sets properties of the machine in use: on Arm, virt.
  if (got === undefined) return flag === "-machine";
  if (got === wanted) return true;
  if (flag === "-device" && DEVICE_ALIASES[wanted] === got) return true;
  // -machine virt,dtb-kaslr-seed= is about every virt machine type.
  return flag === "-machine" && got.startsWith(wanted + "-");
}

/** The versioned machine type rule: types 3 years older than the target deprecated, 6 years older removed. */
function versionedMachine(type: string, target: QemuVersion): { state: ChangeState; limit: string } | undefined {
  const m = /^virt-(\d+)\.(\d+)$/.exec(type);
  if (!m) return undefined;
  const v: QemuVersion = [Number(m[1]), Number(m[2])];
  const older = (years: number) => atLeast([target[0] - years, target[1]], v);
  if (VERSIONED_MACHINES.removedFrom && atLeast(target, versionOf(VERSIONED_MACHINES.removedFrom)) && older(6))
    return { state: "removed", limit: `${target[0] - 6}.${target[1]}` };
  if (VERSIONED_MACHINES.deprecatedFrom && atLeast(target, versionOf(VERSIONED_MACHINES.deprecatedFrom)) && older(3))
    return { state: "deprecated", limit: `${target[0] - 3}.${target[1]}` };
  return undefined;
}

/** The policy as an entry, for messages. */
export const VERSIONED_POLICY = "QEMU's versioned machine type policy";

type Hit = OptionHit | { versioned: { state: ChangeState; limit: string; type: string } };

/**
 * The entries that say something at one target version, by flag (in the lists' order), and the
 * short-form entry's state there: made once per target, so that an option about which the lists
 * say nothing at that version (most of them) costs one lookup, not a state per entry.
 */
interface AtTarget {
  byFlag: Map<string, { change: QemuChange; state: ChangeState }[]>;
  shortForm: ChangeState | undefined;
}
const atTargets = new Map<number, AtTarget>();
function atTarget(target: QemuVersion): AtTarget {
  const key = target[0] * 1000 + target[1];
  let t = atTargets.get(key);
  if (t) return t;
  t = { byFlag: new Map(), shortForm: shortForm && stateAt(shortForm, target) };
  for (const [flag, changes] of byFlag) {
    const live = changes.flatMap((change) => {
      const state = stateAt(change, target);
      return state ? [{ change, state }] : [];
    });
    if (live.length) t.byFlag.set(flag, live);
  }
  atTargets.set(key, t);
  return t;
}
const NO_HITS: Hit[] = [];

/** Everything QEMU's lists say of one option at the target version (an empty list is shared: do not change it). */
export function optionHits(o: QemuOption, target: QemuVersion): Hit[] {
  const at = atTarget(target);
  const live = at.byFlag.get(o.flag);
  if (!live && o.flag !== "-machine" && o.flag !== "-cpu" && (!at.shortForm || NOT_QEMUOPTS.has(o.flag) || !o.props?.some((p) => p.bare)))
    return NO_HITS;
  const out: Hit[] = [];
  const first = o.props?.find((p) => p.implied);
  if (live) {
    const value = firstValue(o, FIRST_KEY[o.flag] ?? "type");
    for (const { change: c, state } of live) {
      if (c.value !== undefined && !valueMatches(c.value, value, o.flag)) continue;
      if (c.prop !== undefined) {
        const p = o.props?.find((x) => x.key === c.prop && !x.implied);
        if (!p) continue;
        out.push({ change: c, state, prop: p, what: `${o.flag} ${c.value ? value + "," : ""}${c.prop}=` });
      } else out.push({ change: c, state, prop: c.value ? first : undefined, what: c.value ? `${o.flag} ${value}` : o.flag });
    }
  }
  if (o.flag === "-machine") {
    const type = machineType(o);
    const c = type === undefined ? undefined : machines.get(type);
    const state = c && stateAt(c, target);
    if (c && state) out.push({ change: c, state, prop: first ?? o.props?.find((p) => p.key === "type"), what: `the machine type ${type}` });
    const v = type === undefined ? undefined : versionedMachine(type, target);
    if (v) out.push({ versioned: { ...v, type: type! } });
  }
  if (o.flag === "-cpu") {
    const model = firstValue(o, "model");
    const c = model === undefined ? undefined : cpus.get(model);
    const state = c && stateAt(c, target);
    if (c && state) out.push({ change: c, state, prop: first, what: `the CPU model ${model}` });
  }
  const state = at.shortForm;
  if (state && !NOT_QEMUOPTS.has(o.flag))
    for (const p of o.props ?? []) if (p.bare) out.push({ change: shortForm!, state, prop: p, what: `${o.flag} ...,${p.key}` });
  return out;
}

/** What QEMU's lists say of one monitor command (or of the arguments it is given). */
export function commandHits(c: MonitorCommand, target: QemuVersion): { change: QemuChange; state: ChangeState; what: string }[] {
  const out: { change: QemuChange; state: ChangeState; what: string }[] = [];
  for (const ch of commands.get(`${c.protocol} ${c.name}`) ?? []) {
    const state = stateAt(ch, target);
    if (!state) continue;
    if (ch.arg !== undefined && !(c.args ?? []).includes(ch.arg)) continue;
    const proto = c.protocol === "qmp" ? "QMP" : "HMP";
    const what = !ch.arg
      ? `the ${proto} command ${c.name}`
      : c.protocol === "hmp"
        ? `the HMP command ${c.name} ${ch.arg}`
        : `the QMP command ${c.name}'s argument ${ch.arg}`;
    out.push({ change: ch, state, what });
  }
  return out;
}

/** Where QEMU's text says it: `removed-features-v7.2.0.rst:128`. */
export function sourceOf(c: QemuChange, state: ChangeState): string {
  const s = c.sources.find((x) => x.file.startsWith(state === "removed" ? "removed" : "deprecated")) ?? c.sources[0];
  return `${s.file}:${s.line}`;
}
