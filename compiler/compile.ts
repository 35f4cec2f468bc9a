// Lowers a validated spec to the intermediate option list, section by section in a fixed order
// (identity and machine, firmware, controllers, storage, network, display, character devices,
// other devices, runtime, then extraArgs), so the same spec always gives the same output.
import type { VmSpec } from "../spec/types.js";
import { resolvePath, type CompileContext } from "./context.js";
import type { Compiled, ImageInfo, PrepareStep, QemuOption } from "../qemu/options.js";
import { targetRefusals } from "../qemu/since.js";
import { inSpecWords } from "./pc-device-fields.js";
import { targetChoices, type QemuVersion } from "../qemu/targets.js";
import { machineOptions } from "./sections/machine.js";
import { numaOptions, type TargetProblem } from "./sections/numa.js";
import { firmwareOptions } from "./sections/firmware.js";
import { iothreadOptions, storageControllerOptions, storageOptions } from "./sections/storage.js";
import { pciOptions } from "./sections/pci.js";
import { usbControllerOptions, usbInputOptions } from "./sections/usb.js";
import { networkOptions } from "./sections/network.js";
import { displayFlag, displayOptions } from "./sections/display.js";
import { chardevOptions } from "./sections/chardevs.js";
import { deviceOptions } from "./sections/devices.js";
import { runtimeOptions } from "./sections/runtime.js";
import { parseOptions, type ParseProblem } from "../qemu/parse-options.js";
import { dirname } from "node:path";
import { prop } from "../qemu/options.js";
import { addDeviceProperties } from "./device-properties.js";
import { addPflashMachineProps } from "./sections/blockdev.js";

export const QEMU_BINARY = "qemu-system-aarch64";

export interface CompileOptions {
  /** The folder relative paths resolve against: the spec file's folder. */
  baseDir: string;
  /** The target QEMU version. */
  qemu: QemuVersion;
  /**
   * What `machine.type: virt` (and the default machine) becomes, with vmspec's defaults on: the
   * lint profile's reading (virt-6.1 under SLES 15 SP4, whose statement does not support bare
   * `virt`). Default `virt`.
   */
  virtMachine?: string;
}

export interface CompileResult extends Compiled {
  /**
   * extraArgs words that do not form options, and (with `id` target-unsupported) what the
   * target QEMU version cannot express.
   */
  problems: ParseProblem[];
}

/**
 * qemuProperties: each map's properties go at the end of the first option vmspec generated with
 * that flag, or make an option of their own when there is none.
 */
function addQemuProperties(options: QemuOption[], spec: VmSpec): void {
  if (!spec.qemuProperties) return;
  for (const [name, map] of Object.entries(spec.qemuProperties)) {
    if (name === "devices") continue; // per device, by name: device-properties.ts
    const entries = Object.entries((map ?? {}) as Record<string, string>);
    if (entries.length === 0) continue;
    // The display's properties go on the option that carries it: -vnc, -spice or -display.
    const flag = name === "display" ? displayFlag(spec) : `-${name}`;
    const props = entries.map(([key, value]) => ({ key, value, path: ["qemuProperties", name, key] }));
    const target = options.find((o) => o.flag === flag);
    if (target) target.props = [...(target.props ?? []), ...props];
    else options.push({ flag, props, path: ["qemuProperties", name] });
  }
}

/**
 * The preparation steps with a step before them creating each missing folder a file goes in:
 * images and variable stores the steps create, and the sockets, logs and pid file QEMU creates
 * (qemu-img, cp and QEMU itself all fail with "No such file or directory" otherwise). A folder
 * that holds a socket is created owner-only (0700): a socket is as open as its folder. The spec's
 * own folder exists and gets no step.
 */
function withFolders(steps: PrepareStep[], options: QemuOption[], baseDir: string): PrepareStep[] {
  const out: PrepareStep[] = [];
  // Loops, not spreads of map() results: an empty and a full array differ in map, and each
  // spread site that meets both is deoptimised ("wrong map") and optimised again.
  const known = new Set<string>([resolvePath(baseDir)]);
  for (let i = 0; i < steps.length; i++) known.add(resolvePath(steps[i].creates));
  // The files of the options, found in one pass over them (most options are neither a chardev
  // nor -pidfile) and taken in the order below.
  let sockets: QemuOption[] | undefined;
  let files: QemuOption[] | undefined;
  let logs: QemuOption[] | undefined;
  let pidfiles: QemuOption[] | undefined;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o.flag === "-chardev") {
      if (prop(o, "path") !== undefined) {
        const backend = o.props?.[0]?.value;
        if (backend === "socket") (sockets ??= []).push(o);
        else if (backend === "file") (files ??= []).push(o);
      }
      if (prop(o, "logfile") !== undefined) (logs ??= []).push(o);
    } else if (o.flag === "-pidfile" && o.raw !== undefined) (pidfiles ??= []).push(o);
  }
  // Socket folders first, so a folder that also holds an image or a log is still made owner-only.
  if (sockets) for (const o of sockets) folderFor(out, known, prop(o, "path")!, o.path, true);
  for (const step of steps) {
    if (step.argv[0] !== "mkdir") folderFor(out, known, step.creates, step.path, false);
    out.push(step);
  }
  if (files) for (const o of files) folderFor(out, known, prop(o, "path")!, o.path, false);
  if (logs) for (const o of logs) folderFor(out, known, prop(o, "logfile")!, o.path, false);
  if (pidfiles) for (const o of pidfiles) folderFor(out, known, o.raw!, o.path, false);
  return out;
}

/** A step creating the folder `file` goes in, unless it is known (exists or is made already). */
function folderFor(out: PrepareStep[], known: Set<string>, file: string, path: PrepareStep["path"], socket: boolean): void {
  const dir = dirname(file);
  const full = resolvePath(dir);
  if (known.has(full)) return;
  known.add(full);
  out.push({ creates: dir, argv: socket ? ["mkdir", "-p", "-m", "0700", "--", dir] : ["mkdir", "-p", "--", dir], path });
}

/** A spec path as the user reads it: `display.video`, `disks[1].format`. */
function fieldName(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/** Whether one spec path lies within the other (a finding at either speaks of the same field). */
function overlaps(a: readonly (string | number)[] | undefined, b: readonly (string | number)[]): boolean {
  if (!a) return false;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isExtra(o: QemuOption): boolean {
  return o.path[0] === "extraArgs";
}

/** The spec field an option (or its property at `path`) was compiled from; none for extraArgs. */
function fieldOf(o: QemuOption, path = o.path): string | undefined {
  return isExtra(o) || path.length === 0 ? undefined : fieldName(path);
}

function append(out: QemuOption[], more: QemuOption[]): void {
  for (let i = 0; i < more.length; i++) out.push(more[i]);
}

/** What parseOptions gives for no words (never changed: its arrays are only read). */
const NO_EXTRA: { options: QemuOption[]; problems: ParseProblem[] } = { options: [], problems: [] };

/** Compiles a spec that passed schema validation. */
export function compile(spec: VmSpec, opts: CompileOptions): CompileResult {
  const unsupported: ParseProblem[] = [];
  const ctx: CompileContext = {
    spec,
    target: targetChoices(opts.qemu),
    baseDir: opts.baseDir,
    defaults: spec.defaults !== false,
    virtMachine: opts.virtMachine ?? "virt",
    unsupported,
  };
  const prepare: PrepareStep[] = [];
  const images: ImageInfo[] = [];
  const targetProblems: TargetProblem[] = [];
  // Appended section by section in a loop, not spread: each spread site meets empty and full
  // arrays of the sections' different element kinds.
  const options: QemuOption[] = [];
  append(options, machineOptions(ctx));
  append(options, numaOptions(ctx, targetProblems));
  append(options, firmwareOptions(ctx, prepare));
  append(options, iothreadOptions(ctx));
  append(options, pciOptions(ctx));
  append(options, storageControllerOptions(ctx));
  append(options, usbControllerOptions(ctx));
  append(options, storageOptions(ctx, prepare, images));
  append(options, networkOptions(ctx, prepare));
  append(options, displayOptions(ctx));
  append(options, usbInputOptions(ctx));
  append(options, chardevOptions(ctx, prepare));
  append(options, deviceOptions(ctx, prepare));
  append(options, runtimeOptions(ctx));
  addPflashMachineProps(ctx, options);
  addQemuProperties(options, spec);
  addDeviceProperties(options, spec);
  const steps = withFolders(prepare, options, opts.baseDir);
  const extra = spec.extraArgs?.length ? parseOptions(spec.extraArgs.map((text, i) => ({ text, path: ["extraArgs", i] }))) : NO_EXTRA;
  append(options, extra.options);
  // One check for every option, whether a field or extraArgs made it: a spelling the target QEMU
  // refuses (qemu/since.ts: -nic under 2.9, -device ramfb before 3.0) is a target-unsupported
  // error at what wrote it, unless a section already said why that field cannot be expressed.
  for (const r of targetRefusals(options, opts.qemu, fieldOf)) {
    // At the property's own setting when it has one (qemuProperties.machine.memory-backend), else the option's.
    const path = r.need.path ?? r.need.option!.path;
    if (!isExtra(r.need.option!) && [...unsupported, ...targetProblems].some((p) => overlaps(p.path, path))) continue;
    targetProblems.push({ message: inSpecWords(r.need, r.message), path });
  }
  const problems: CompileResult["problems"] = unsupported.slice();
  for (let i = 0; i < targetProblems.length; i++) problems.push({ ...targetProblems[i], id: "target-unsupported" as const });
  for (let i = 0; i < extra.problems.length; i++) problems.push(extra.problems[i]);
  return {
    binary: QEMU_BINARY,
    options,
    prepare: steps,
    images,
    problems,
  };
}
