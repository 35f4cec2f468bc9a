// Maps QEMU options onto spec fields. Every mapping is checked, not trusted: the spec with the new
// field must pass the schema and compile to exactly the option it replaces (compared as in
// equivalence.ts); otherwise the option stays in extraArgs, with the reason.
import type { VmSpec } from "../spec/types.js";
import { prop, type QemuOption } from "../qemu/options.js";
import { formatSize } from "../spec/size.js";
import { isValidSpec } from "../spec/validate.js";
import { compile } from "../compiler/compile.js";
import { namedDeviceNames } from "../compiler/device-properties.js";
import type { QemuVersion } from "../qemu/targets.js";
import { canonicalLine, memoryBytes, orderClass } from "./equivalence.js";
import { field, specPath, sub, type Spec } from "./groups.js";

/** Writes one option into the spec; false when this option's form has no field. */
type Mapper = (o: QemuOption, spec: Spec, baseDir: string) => boolean | void;

const rest = (o: QemuOption, taken: string[]) =>
  Object.fromEntries((o.props ?? []).filter((p) => !taken.includes(p.key)).map((p) => [p.key, p.bare ? "on" : p.value]));

function addProperties(spec: Spec, name: string, props: Record<string, string>): void {
  if (Object.keys(props).length === 0) return;
  const properties = field(spec, "qemuProperties");
  properties[name] = { ...(sub(properties, name) ?? {}), ...props };
}

/** A whole-number `-m` size as a spec size: the largest exact binary unit. */
function memorySize(v: string): string | undefined {
  const fraction = /^(\d+\.\d+)([kKmMgGtT]?)$/.exec(v);
  // QEMU takes `-m 1.5G`: the spec says it the same way (a bare number is MiB).
  if (fraction) return `${fraction[1]}${(fraction[2] || "M").toUpperCase()}iB`;
  if (!/^\d+[kKmMgGtT]?$/.test(v)) return undefined;
  const text = formatSize(memoryBytes(v)!);
  return /[KMGT]$/.test(text) ? `${text}iB` : text;
}

const int = (v: string | undefined) => (v !== undefined && /^[1-9]\d*$/.test(v) ? Number(v) : undefined);

/** The spec field behind each flag vmspec generates at most once. */
export const MAPPERS: Record<string, Mapper> = {
  "-name": (o, spec) => {
    const guest = prop(o, "guest");
    if (guest === undefined) return false;
    spec.name = guest;
    addProperties(spec, "name", rest(o, ["guest"]));
  },
  "-uuid": (o, spec) => {
    spec.uuid = o.raw;
  },
  "-machine": (o, spec) => {
    const type = prop(o, "type");
    if (type === undefined) return false;
    const machine: Spec = { type };
    spec.machine = machine;
    const taken = ["type"];
    const accel = prop(o, "accel");
    if (accel === "kvm" || accel === "tcg") {
      spec.accel = accel;
      taken.push("accel");
    }
    const gic = prop(o, "gic-version");
    if (gic && ["2", "3", "host", "max"].includes(gic)) {
      machine.gicVersion = gic;
      taken.push("gic-version");
    }
    addProperties(spec, "machine", rest(o, taken));
  },
  "-cpu": (o, spec) => {
    const model = prop(o, "model");
    if (model === undefined) return false;
    const features = (o.props ?? []).filter((p) => p.key !== "model");
    if (features.some((p) => p.bare)) {
      // `+pmu`-style features have no property name: the model carries them, as a spec may write it.
      spec.cpu = {
        ...(sub(spec, "cpu") ?? {}),
        model: [model, ...features.map((p) => (p.bare ? p.key : `${p.key}=${p.value}`))].join(","),
      };
      return;
    }
    spec.cpu = { ...(sub(spec, "cpu") ?? {}), model };
    addProperties(spec, "cpu", rest(o, ["model"]));
  },
  "-smp": (o, spec) => {
    const cpu: Spec = {};
    const taken: string[] = [];
    for (const [key, field] of [
      ["cpus", "count"],
      ["maxcpus", "maxCount"],
      ["sockets", "sockets"],
      ["cores", "cores"],
      ["threads", "threads"],
    ] as const) {
      const n = int(prop(o, key));
      if (n !== undefined) {
        cpu[field] = n;
        taken.push(key);
      }
    }
    if (cpu.count === undefined) return false;
    spec.cpu = { ...(sub(spec, "cpu") ?? {}), ...cpu };
    addProperties(spec, "smp", rest(o, taken));
  },
  "-m": (o, spec) => {
    const size = memorySize(prop(o, "size") ?? "");
    if (!size) return false;
    spec.memory = { size };
    addProperties(spec, "m", rest(o, ["size"]));
  },
  "-kernel": (o, spec, baseDir) => {
    if (!o.raw?.startsWith("/")) return false;
    spec.kernel = { ...(sub(spec, "kernel") ?? {}), path: specPath(o.raw, baseDir) };
  },
  "-bios": (o, spec, baseDir) => {
    if (!o.raw?.startsWith("/")) return false;
    spec.firmware = { bios: specPath(o.raw, baseDir) };
  },
  "-initrd": (o, spec, baseDir) => {
    const kernel = sub(spec, "kernel");
    if (!o.raw?.startsWith("/") || !kernel?.path) return false;
    kernel.initrd = specPath(o.raw, baseDir);
  },
  "-append": (o, spec) => {
    const kernel = sub(spec, "kernel");
    if (!kernel?.path) return false;
    kernel.append = o.raw;
  },
  "-rtc": (o, spec) => {
    const rtc: Spec = {};
    for (const key of ["base", "clock"]) if (prop(o, key) !== undefined) rtc[key] = prop(o, key);
    if (Object.keys(rtc).length === 0) return false;
    spec.rtc = rtc;
    addProperties(spec, "rtc", rest(o, ["base", "clock"]));
  },
  "-display": (o, spec) => {
    if (prop(o, "type") !== "none") return false;
    spec.display = { type: "none" };
    addProperties(spec, "display", rest(o, ["type"]));
  },
  "-sandbox": (o, spec) => {
    const enable = prop(o, "enable");
    if (enable !== "on" && enable !== "off") return false;
    spec.sandbox = enable === "on";
    addProperties(spec, "sandbox", rest(o, ["enable"]));
  },
  "-boot": (o, spec) => {
    const menu = prop(o, "menu");
    if (menu === "on" || menu === "off") spec.boot = { ...(sub(spec, "boot") ?? {}), menu: menu === "on" };
    addProperties(spec, "boot", rest(o, menu === "on" || menu === "off" ? ["menu"] : []));
  },
  "-runas": (o, spec) => {
    spec.runAs = o.raw;
  },
  "-pidfile": (o, spec, baseDir) => {
    if (!o.raw?.startsWith("/")) return false;
    spec.pidfile = specPath(o.raw, baseDir);
  },
  "-daemonize": (_o, spec) => {
    spec.daemonize = true;
  },
  "-incoming": (o, spec) => {
    spec.incoming = o.raw;
  },
};

/** Properties by which a device names its back end. */
const BACKEND_REFS = ["drive", "netdev", "chardev", "fsdev", "tpmdev", "rng"];

/** The ids of the back ends that banned options use: those stay raw with their device. */
export function backendsOf(options: Iterable<QemuOption>): Set<string> {
  const ids = new Set<string>();
  for (const o of options) for (const p of o.props ?? []) if (BACKEND_REFS.includes(p.key)) ids.add(p.value);
  return ids;
}

/** Why an option the fields do not give back is kept in extraArgs. */
export function keptBecause(o: QemuOption, tried: boolean, twice: boolean, banned = false, withBanned = false): string {
  if (banned)
    return `kept where it stands: a field would place it before an option kept in extraArgs, which would change its ${o.flag === "-device" ? "address" : "number"}`;
  if (withBanned) return "kept with the device that uses it, which stays where it stands";
  if (twice && o.flag in MAPPERS) return `${o.flag} is given more than once, and its spec field holds one`;
  if (tried) return `the spec's field for ${o.flag} cannot say exactly this`;
  if (o.flag === "-drive" && o.props?.some((p) => p.key === "if" && p.value === "pflash"))
    return "vmspec writes firmware as the pair of pflash drives of firmware.uefi, in its own form";
  if (o.flag === "-netdev" && o.props?.some((p) => p.key === "type" && p.value === "stream"))
    return "a -netdev stream's socket cannot be known to be passt's (networks[].backend passt, with vmspec's socket and passt's forwards): kept as written";
  const why: Record<string, string> = {
    "-device": "vmspec writes devices from its own fields (disks, networks, ...) with its own ids and buses",
    "-drive": "vmspec writes disks as -drive if=none plus a -device of its own",
    "-blockdev":
      "storage.backend blockdev (QEMU 4.1 and later) writes a file/host_device node (auto-read-only=on, discard=unmap) under a qcow2/raw node, maybe a throttle filter, for a disk or CD-ROM device that is a field itself, or raw UEFI for -machine pflash0=/pflash1=: this one is not that, or its device stays in extraArgs",
    "-netdev": "vmspec writes network back ends from networks: with its own ids",
    "-chardev": "vmspec writes character devices from serial, console and monitors with its own paths",
    "-mon": "vmspec writes monitors from monitors: with its own sockets",
    "-object": "vmspec writes objects (rng, memory backends, secrets) from its own fields",
    "-nodefaults": "vmspec adds it with its defaults, which an imported spec turns off to stay exact",
    "-no-user-config": "vmspec adds it with its defaults, which an imported spec turns off to stay exact",
    "-accel": "vmspec sets the accelerator as -machine accel=",
    "-enable-kvm": "accel: kvm writes -machine accel=kvm, not -enable-kvm: kept as written to stay exact",
    "-serial":
      "serial writes one port as -chardev <backend>,id=serial0 + -serial chardev:serial0 (pty, stdio, file, unix socket, TCP or telnet server, null): this one says something else (another backend, a second port, a monitor multiplexed on it)",
    "-numa":
      "numa[] writes -numa node,nodeid=<i>,cpus=...,memdev=<its memory backend> and -numa dist: this one is not that, or its memory backend stays raw",
    "-vnc":
      "display type vnc writes -vnc <address>:<n> with a video device (VGA, virtio-gpu-pci, qxl-vga or ramfb) and its password, TLS and websocket settings: this one says more, or its video device stays raw",
    "-spice":
      "display type spice writes -spice with a video device and its password and TLS settings: this one says more, or its video device stays raw",
    "-tpmdev":
      "tpm writes -tpmdev passthrough,path= or emulator on a chardev socket to swtpm, with one TPM device: this one is not that, or its chardev or device stays raw",
  };
  return why[o.flag] ?? `the spec has no field for ${o.flag}`;
}

/** The options `spec` compiles to for the target QEMU (no extraArgs), for checking a mapping. */
export function compiledOptions(spec: Spec, baseDir: string, qemu: QemuVersion): QemuOption[] {
  return compile(spec as unknown as VmSpec, { baseDir, qemu }).options;
}

/** The state of an import: the spec so far, the input options it already gives, the ones left. */
export interface ImportState {
  spec: Spec;
  mapped: QemuOption[];
  raw: QemuOption[];
  /** Flags of required fields still holding placeholders (their options are not the input's). */
  placeholders: Set<string>;
  baseDir: string;
  /** The QEMU version the spec will be built for: some options are spelled by version. */
  qemu: QemuVersion;
  /** Each input option's place in the input, for keeping the order QEMU reads addresses from. */
  place: Map<QemuOption, number>;
  /** Input options that must stay raw: as fields they would move before a raw option of their order class. */
  banned: Set<QemuOption>;
}

/**
 * Keeps `candidate` when it passes the schema and compiles to every option mapped so far plus
 * options found, exactly as written, among the raw ones (which move to mapped), none of them
 * banned, in the input's order wherever QEMU reads an address from the order (orderClass): a
 * mapping that would move a device to another slot is not taken. (That raw options, written
 * after the fields, come after them too is made sure by the caller: see outOfPlace.) `fills`
 * names a placeholder flag the candidate now sets for real.
 */
export function claim(state: ImportState, candidate: Spec, fills?: string): boolean {
  if (!isValidSpec(candidate)) return false;
  const still = new Set([...state.placeholders].filter((f) => f !== fills));
  const compiled = compiledOptions(candidate, state.baseDir, state.qemu).filter((x) => !still.has(x.flag));
  const byPlace = (a: QemuOption, b: QemuOption) => state.place.get(a)! - state.place.get(b)!;
  const left = new Map<string, QemuOption[]>();
  for (const o of [...state.mapped].sort(byPlace)) push(left, canonicalLine(o), o);
  const fromRaw = new Map<string, QemuOption[]>();
  for (const o of state.raw) push(fromRaw, canonicalLine(o), o);
  const claimed: QemuOption[] = [];
  // The input options the rebuilt command line would hold, in its order.
  const rebuilt: QemuOption[] = [];
  for (const o of compiled) {
    const line = canonicalLine(o);
    const had = left.get(line)?.shift();
    if (had) {
      rebuilt.push(had);
      continue;
    }
    const r = fromRaw.get(line)?.shift();
    if (!r || state.banned.has(r)) return false; // the spec would add an option the input does not have, or move one
    claimed.push(r);
    rebuilt.push(r);
  }
  // A change that gives no input option of its own only respells the spec: keep the first spelling.
  if (claimed.length === 0) return false;
  if ([...left.values()].some((l) => l.length > 0)) return false; // it would lose one it had
  if (!keepsOrder(rebuilt, state.place)) return false;
  for (const k of Object.keys(state.spec)) delete state.spec[k];
  Object.assign(state.spec, candidate);
  state.mapped.push(...claimed);
  state.raw = state.raw.filter((o) => !claimed.includes(o));
  if (fills) state.placeholders.delete(fills);
  return true;
}

/**
 * The mapped options that stand, in the input, after a raw option of their order class: extraArgs
 * come after every field's options, so as fields they would move before it.
 */
export function outOfPlace(state: ImportState): QemuOption[] {
  const firstRaw = new Map<string, number>();
  for (const o of state.raw) {
    const c = orderClass(o);
    if (c !== undefined && !firstRaw.has(c)) firstRaw.set(c, state.place.get(o)!);
  }
  return state.mapped.filter((o) => {
    const c = orderClass(o);
    return c !== undefined && firstRaw.has(c) && state.place.get(o)! > firstRaw.get(c)!;
  });
}

/** Whether the options of each order class come in their input order. */
export function keepsOrder(options: QemuOption[], place: Map<QemuOption, number>): boolean {
  const last = new Map<string, number>();
  for (const o of options) {
    const c = orderClass(o);
    if (c === undefined) continue;
    const at = place.get(o)!;
    if ((last.get(c) ?? -1) > at) return false;
    last.set(c, at);
  }
  return true;
}

function push(m: Map<string, QemuOption[]>, k: string, o: QemuOption): void {
  const l = m.get(k);
  if (l) l.push(o);
  else m.set(k, [o]);
}

/** Maps a singleton option onto its field, when the field gives exactly it. */
export function trySingleton(state: ImportState, o: QemuOption): { ok: boolean; tried: boolean } {
  const mapper = MAPPERS[o.flag];
  if (!mapper) return { ok: false, tried: false };
  const candidate = structuredClone(state.spec);
  if (mapper(o, candidate, state.baseDir) === false) return { ok: false, tried: true };
  // Only this option may be claimed: a singleton's field gives one option.
  const raw = state.raw;
  state.raw = [o];
  const ok = claim(state, candidate, o.flag);
  state.raw = ok ? raw.filter((x) => x !== o) : raw;
  return { ok, tried: true };
}

/**
 * `candidate` with qemuProperties.devices for each named device whose -device in the input has
 * properties the field does not give (`num-queues=4` on a disk): the input's device must hold
 * every property the candidate compiles to, plus those. Undefined when no device needs it.
 */
export function withDeviceProperties(state: ImportState, candidate: Spec): Spec | undefined {
  const rawDevices = new Set(state.raw.filter((r) => r.flag === "-device").map((r) => prop(r, "id")));
  const rawIds = new Set(state.raw.map((r) => prop(r, "id")).filter((id) => id !== undefined));
  const names = new Set(namedDeviceNames(candidate as unknown as VmSpec).filter((n) => rawDevices.has(n)));
  if (names.size === 0) return undefined;
  const out = structuredClone(candidate);
  let changed = false;
  for (const o of compiledOptions(candidate, state.baseDir, state.qemu)) {
    const id = o.flag === "-device" ? prop(o, "id") : undefined;
    if (id === undefined || !names.has(id)) continue;
    const input = state.raw.find((r) => r.flag === "-device" && prop(r, "id") === id && prop(r, "driver") === prop(o, "driver"));
    if (!input) continue;
    const given = new Set((o.props ?? []).map((p) => `${p.key}=${p.value}`));
    const inputProps = (input.props ?? []).map((p) => ({ key: p.key, value: p.bare ? "on" : p.value }));
    if ([...given].some((kv) => !inputProps.some((p) => `${p.key}=${p.value}` === kv))) continue;
    const extra = inputProps.filter((p) => !given.has(`${p.key}=${p.value}`));
    // An option (a bus's controller or port) named by its id that stays raw is written after the
    // fields: the device would come before what it refers to.
    // (device_id is text: a SCSI device's identification, which may equal an id.)
    const refersToRaw = (p: { key: string; value: string }) =>
      (p.key !== "device_id" && p.value !== id && rawIds.has(p.value)) || (p.key === "bus" && rawIds.has(p.value.replace(/\.\d+$/, "")));
    if (extra.length === 0 || extra.some(refersToRaw)) continue;
    const devices = field(field(out, "qemuProperties"), "devices");
    devices[id] = Object.fromEntries(extra.map((p) => [p.key, p.value]));
    changed = true;
  }
  return changed ? out : undefined;
}
