// Spellings only a QEMU newer than 2.9 accepts, each with the first version that accepts it: the
// one list lint reads (`target-unsupported` at an option the target QEMU would refuse) and import
// reads (the smallest profile whose QEMU accepts the whole command line, import/target.ts).
// Sources: QEMU's changelogs and commits, and libvirt's capability dumps of each QEMU
// (tests/qemucapabilitiesdata: qemu-xhci is in 2.10.0's, the Arm `max` CPU in 2.12.0's and not in
// 2.10.0's); docs/targets.md lists them.
import type { QemuOption } from "./options.js";
import type { SpecPath } from "../spec/nodes.js";
import { prop } from "./options.js";
import type { QemuVersion } from "./targets.js";
import { AARCH64_DEVICES, OLDER_DEVICES, STATEMENT_DEVICES } from "./aarch64-devices.js";

export interface TargetNeed {
  version: QemuVersion;
  /** What needs it, as the command line writes it: "-machine virt-4.2". */
  what: string;
  range?: [number, number];
  /** The option that needs it. */
  option?: QemuOption;
  /** The spec path of the property that needs it, when the property has one of its own (qemuProperties.machine.memory-backend). */
  path?: SpecPath;
  /** What an older QEMU accepts instead, when there is a spelling for it. */
  instead?: string;
  /** A versioned machine type: lint's unsupported-machine judges it already (with the statement's list). */
  machineType?: boolean;
  /** Why an older QEMU has no other spelling, when that is not obvious. */
  note?: string;
  /** No qemu-system-aarch64 has it, in any version (the PC's devices): not a version need. */
  noVersion?: true;
}

interface Since {
  version: QemuVersion;
  instead?: string;
  machineType?: boolean;
  note?: string;
}

const DEVICE_SINCE: Record<string, Since> = {
  "qemu-xhci": { version: [2, 10], instead: "-device nec-usb-xhci" },
  // "hw/display: add ramfb" (QEMU 3.0).
  ramfb: { version: [3, 0], instead: "-device virtio-gpu-pci" },
  "tpm-tis-device": { version: [5, 0] },
  // "hw/misc/pvpanic: add PCI interface support" (QEMU 6.0; libvirt's capability dumps have it
  // from caps_6.0.0.aarch64). Before, pvpanic was an ISA device only, and the virt board has no
  // ISA bus (QEMU 7.2's aarch64 build has no `pvpanic` at all).
  "pvpanic-pci": { version: [6, 0], note: "before 6.0 pvpanic is an ISA device, and the virt board has no ISA bus" },
};

/**
 * Devices of the PC that scripts carry over to an ARM command line, which qemu-system-aarch64
 * refuses in every version: they sit on the ISA bus, which the virt board has not (QEMU 7.2's
 * aarch64 build has neither: "'pvpanic' is not a valid device model name"; its `-device help`
 * lists pvpanic-pci and tpm-tis-device instead). Not a version need: no target accepts them.
 */
const NOT_ON_ARM: Record<string, { what: string; instead: string }> = {
  pvpanic: { what: "the PC's ISA panic device", instead: "pvpanic-pci" },
  "tpm-tis": { what: "the PC's ISA TPM", instead: "tpm-tis-device" },
};

/** The QEMU whose aarch64 `-device help` qemu/aarch64-devices.ts holds. */
const DEVICES_OF: QemuVersion = [7, 2];

/**
 * Every device name a target may know, by target: 7.2's aarch64 list (names and aliases), those an
 * older QEMU had (qemu-removed speaks of them), "help"/"?" (which print the list), and the names
 * the SUSE statements of that target's QEMU or a later one list (the statement judges those).
 * Made once per target version, on first use.
 */
const knownByTarget = new Map<number, ReadonlySet<string>>();

/**
 * The device names a target up to 7.2 may know; undefined for a newer target, which may have
 * devices 7.2 lacks (not judged). Asked once per option list, then one Set lookup per -device.
 */
function knownDevices(target: QemuVersion): ReadonlySet<string> | undefined {
  if (later(target, DEVICES_OF)) return undefined;
  const key = target[0] * 1000 + target[1];
  let known = knownByTarget.get(key);
  if (!known) {
    const names = new Set([...AARCH64_DEVICES, ...OLDER_DEVICES, "help", "?"]);
    for (const [version, list] of Object.entries(STATEMENT_DEVICES)) {
      const [major, minor] = version.split(".").map(Number);
      if (!later(target, [major, minor])) for (const n of list) names.add(n);
    }
    knownByTarget.set(key, (known = names));
  }
  return known;
}

/**
 * Whether target-unsupported refuses `-device driver` for `target` as a device no
 * qemu-system-aarch64 of that version has (NOT_ON_ARM, or absent from the devices the target may
 * know): host-lacks leaves those to it, so that one device gets one error.
 */
export function refusedOnArm(driver: string, target: QemuVersion): boolean {
  if (Object.hasOwn(NOT_ON_ARM, driver)) return true;
  const known = knownDevices(target);
  return known !== undefined && !Object.hasOwn(DEVICE_SINCE, driver) && !known.has(driver);
}

/** The first QEMU version that has the device `driver`, when it is newer than 2.9 (libvirt import reads a domain's models). */
export function deviceSince(driver: string): QemuVersion | undefined {
  return Object.hasOwn(DEVICE_SINCE, driver) ? DEVICE_SINCE[driver].version : undefined;
}

const MACHINE_PROP_SINCE: Record<string, Since> = {
  // The virt board's pflash drives as -blockdev nodes (QEMU 4.1, "hw/arm/virt: Support firmware
  // configuration with -blockdev").
  pflash0: { version: [4, 1], instead: "-drive if=pflash,unit=0" },
  pflash1: { version: [4, 1], instead: "-drive if=pflash,unit=1" },
  // Guest RAM from a memory backend object (QEMU 5.0).
  "memory-backend": { version: [5, 0], instead: "-m with -mem-path" },
};

const MACHINE_PROP_ENTRIES = Object.entries(MACHINE_PROP_SINCE);

const FLAG_SINCE: Record<string, Since> = {
  // "net: Add a new convenience option "--nic"" (QEMU 2.12).
  "-nic": { version: [2, 12], instead: "-netdev <type>,id=<id> with -device <model>,netdev=<id>" },
  "-audiodev": { version: [4, 0] },
  "-compat": { version: [6, 0] },
};

/** `-numa` types newer than 2.9: distances and CPU placement by socket/core/thread ("numa: add '-numa cpu'", 2.10). */
const NUMA_TYPE_SINCE: Record<string, Since> = {
  dist: { version: [2, 10] },
  cpu: { version: [2, 10], instead: "-numa node,cpus=" },
};

/** VNC and SPICE read their password from a secret object since QEMU 7.0. */
const PASSWORD_SECRET: Since = { version: [7, 0], instead: "password=on, then set_password over QMP" };

export function later(a: QemuVersion, b: QemuVersion): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

/** Every version here is measured against 2.9, the oldest QEMU vmspec targets. */
const OLDEST: QemuVersion = [2, 9];

const JSON_DEVICE: Since = { version: [6, 2], instead: "-device driver,key=value,..." };
const JSON_OBJECT: Since = { version: [6, 0], instead: "-object type,id=...,key=value" };
const CPU_MAX: Since = { version: [2, 12], instead: "-cpu host (KVM) or cortex-a57" };
const NETDEV_STREAM: Since = { version: [7, 2], instead: "-netdev user (QEMU's own user network)" };

/**
 * Whether a need of `since` is kept: newer than 2.9, and with a `target`, one the target refuses
 * (a versioned machine type is left to unsupported-machine). Asked before the need's text is made.
 */
function wanted(since: Since, target: QemuVersion | undefined): boolean {
  return later(since.version, OLDEST) && (target === undefined || (!since.machineType && later(since.version, target)));
}

function addNeed(out: TargetNeed[], since: Since, what: string, o: QemuOption, key?: string): void {
  let path: SpecPath | undefined;
  const props = o.props;
  if (key !== undefined && props) for (let i = 0; i < props.length; i++) if (props[i].key === key && props[i].path) path = props[i].path;
  // The fields in one order, absent ones left out (as the spreads this replaced did).
  const need: TargetNeed = { version: since.version, what, option: o };
  if (path) need.path = path;
  if (o.range) need.range = o.range;
  if (since.instead) need.instead = since.instead;
  if (since.machineType) need.machineType = true;
  if (since.note) need.note = since.note;
  out.push(need);
}

const VIRT_VERSIONED = /^virt-(\d+)\.(\d+)$/;

function machineNeeds(o: QemuOption, target: QemuVersion | undefined, out: TargetNeed[]): void {
  // A versioned machine type is never refused here (unsupported-machine judges it): with a target, not looked at.
  if (target === undefined) {
    const type = prop(o, "type");
    const m = type && VIRT_VERSIONED.exec(type);
    if (m) {
      const since: Since = { version: [Number(m[1]), Number(m[2])], machineType: true };
      if (wanted(since, target)) addNeed(out, since, `-machine ${type}`, o);
    }
  }
  for (let i = 0; i < MACHINE_PROP_ENTRIES.length; i++) {
    const [key, since] = MACHINE_PROP_ENTRIES[i];
    if (wanted(since, target) && prop(o, key) !== undefined) addNeed(out, since, `-machine ${key}=`, o, key);
  }
}

/**
 * The needs of the options newer than 2.9 (with `target`: only those the target refuses), in
 * option order. One switch on the flag per option, and a need's text made only for a need kept:
 * the compiler asks this of every option of every spec. The -device options no version has
 * (NOT_ON_ARM) go to `notOnArm` when it is given.
 */
function collectNeeds(options: readonly QemuOption[], target: QemuVersion | undefined, notOnArm?: QemuOption[]): TargetNeed[] {
  const out: TargetNeed[] = [];
  // The device names the target knows (knownDevices), looked up at the first -device that needs them.
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    switch (o.flag) {
      case "-machine":
        machineNeeds(o, target, out);
        break;
      case "-device": {
        // JSON -device: QEMU 6.2 ("vl: Enable JSON syntax for -device"); JSON -object: 6.0.
        if (o.json && wanted(JSON_DEVICE, target)) addNeed(out, JSON_DEVICE, "-device in JSON", o);
        const driver = prop(o, "driver");
        if (driver !== undefined && Object.hasOwn(DEVICE_SINCE, driver)) {
          if (wanted(DEVICE_SINCE[driver], target)) addNeed(out, DEVICE_SINCE[driver], `-device ${driver}`, o, "driver");
        }
        // Found in the same pass for targetRefusals: not a need (no version has it).
        else if (notOnArm && driver !== undefined && refusedOnArm(driver, target!)) notOnArm.push(o);
        break;
      }
      case "-object":
        if (o.json && wanted(JSON_OBJECT, target)) addNeed(out, JSON_OBJECT, "-object in JSON", o);
        break;
      case "-cpu":
        if (wanted(CPU_MAX, target) && prop(o, "model") === "max") addNeed(out, CPU_MAX, "-cpu max", o, "model");
        break;
      case "-numa": {
        const type = prop(o, "type");
        if (type !== undefined && Object.hasOwn(NUMA_TYPE_SINCE, type) && wanted(NUMA_TYPE_SINCE[type], target))
          addNeed(out, NUMA_TYPE_SINCE[type], `-numa ${type}`, o, "type");
        break;
      }
      case "-vnc":
      case "-spice":
        if (wanted(PASSWORD_SECRET, target) && prop(o, "password-secret") !== undefined)
          addNeed(out, PASSWORD_SECRET, `${o.flag} password-secret=`, o, "password-secret");
        break;
      case "-netdev": {
        // -netdev stream and dgram: QEMU 7.2 ("net: introduce -netdev stream/dgram"), passt's way in.
        if (!wanted(NETDEV_STREAM, target)) break;
        const type = prop(o, "type");
        if (type === "stream" || type === "dgram") addNeed(out, NETDEV_STREAM, `-netdev ${type}`, o);
        break;
      }
      default:
        if (Object.hasOwn(FLAG_SINCE, o.flag) && wanted(FLAG_SINCE[o.flag], target)) addNeed(out, FLAG_SINCE[o.flag], o.flag, o);
    }
  }
  return out;
}

/**
 * Everything in the options that needs a QEMU newer than 2.9, with the version it needs.
 */
export function targetNeeds(options: readonly QemuOption[]): TargetNeed[] {
  return collectNeeds(options, undefined);
}

/**
 * The needs the target QEMU does not meet, each as a message for a `target-unsupported` error at
 * its option; a versioned machine type is left to the unsupported-machine rule. `fieldOf` names
 * the spec field an option was compiled from (`display.video`), when it was: the message then
 * speaks of the field, which is what the user wrote, rather than of a spelling to write instead.
 */
export function targetRefusals(
  options: readonly QemuOption[],
  target: QemuVersion,
  fieldOf?: (o: QemuOption, path?: SpecPath) => string | undefined,
): { need: TargetNeed; message: string }[] {
  const pc: QemuOption[] = [];
  const refused = collectNeeds(options, target, pc);
  // Most option lists need nothing the target lacks.
  if (refused.length === 0 && pc.length === 0) return [];
  const refusals = refused.map((need) => {
    const field = need.option && fieldOf?.(need.option, need.path);
    const needs =
      `needs QEMU ${need.version.join(".")} or later; the target QEMU ${target.join(".")} refuses it` +
      (need.note ? ` (${need.note})` : "");
    return {
      need,
      message: field
        ? `${field} compiles to ${need.what}, which ${needs}: change or remove it` +
          (need.instead ? ` (QEMU ${target.join(".")} has ${need.instead})` : "") +
          ", or target a newer QEMU (--qemu, --profile)"
        : `${need.what} ${needs}` + (need.instead ? `: write ${need.instead}` : "") + ", or target a newer QEMU (--qemu, --profile)",
    };
  });
  for (const o of pc) {
    const driver = prop(o, "driver")!;
    const pcDevice = Object.hasOwn(NOT_ON_ARM, driver) ? NOT_ON_ARM[driver] : undefined;
    const need: TargetNeed = { version: target, what: `-device ${driver}`, option: o, ...(o.range ? { range: o.range } : {}) };
    if (pcDevice) need.instead = pcDevice.instead;
    need.noVersion = true;
    for (const p of o.props ?? []) if (p.key === "driver" && p.path) need.path = p.path;
    if (!pcDevice) {
      refusals.push({
        need,
        message: `-device ${driver} is no device of qemu-system-aarch64 (QEMU 7.2 says "'${driver}' is not a valid device model name"; neither QEMU's removal lists nor the support statement of an older QEMU name it): remove it, or write the virt board's device for what it does`,
      });
      continue;
    }
    const since = DEVICE_SINCE[pcDevice.instead].version;
    refusals.push({
      need,
      message:
        `-device ${driver} is ${pcDevice.what}, which qemu-system-aarch64 has in no version (the virt board has no ISA bus; QEMU 7.2 says "'${driver}' is not a valid device model name"): ` +
        `write -device ${pcDevice.instead}` +
        (later(since, target)
          ? `, which needs QEMU ${since.join(".")} or later (the target QEMU ${target.join(".")} has neither: drop it, or target a newer QEMU with --qemu, --profile)`
          : ` (QEMU ${since.join(".")} and later)`),
    });
  }
  return refusals;
}
