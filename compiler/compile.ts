// Lowers a validated spec to the intermediate option list, section by section in a fixed order
// (identity and machine, firmware, controllers, storage, network, display, character devices,
// other devices, runtime, then extraArgs), so the same spec always gives the same output.
import type { VmSpec } from "../spec/types.js";
import type { CompileContext } from "./context.js";
import type { Compiled, ImageInfo, PrepareStep, QemuOption } from "./options.js";
import { targetChoices, type QemuVersion } from "./targets.js";
import { machineOptions } from "./sections/machine.js";
import { firmwareOptions } from "./sections/firmware.js";
import { storageControllerOptions, storageOptions } from "./sections/storage.js";
import { usbControllerOptions, usbInputOptions } from "./sections/usb.js";
import { networkOptions } from "./sections/network.js";
import { displayOptions } from "./sections/display.js";
import { chardevOptions } from "./sections/chardevs.js";
import { deviceOptions } from "./sections/devices.js";
import { runtimeOptions } from "./sections/runtime.js";
import { parseOptions, type ParseProblem } from "./parse-options.js";

export const QEMU_BINARY = "qemu-system-aarch64";

export interface CompileOptions {
  /** The folder relative paths resolve against: the spec file's folder. */
  baseDir: string;
  /** The target QEMU version. */
  qemu: QemuVersion;
}

export interface CompileResult extends Compiled {
  /** extraArgs words that do not form options. */
  problems: ParseProblem[];
}

/**
 * qemuProperties: each map's properties go at the end of the first option vmspec generated with
 * that flag, or make an option of their own when there is none.
 */
function addQemuProperties(options: QemuOption[], spec: VmSpec): void {
  for (const [name, map] of Object.entries(spec.qemuProperties ?? {})) {
    const entries = Object.entries((map ?? {}) as Record<string, string>);
    if (entries.length === 0) continue;
    const flag = `-${name}`;
    const props = entries.map(([key, value]) => ({ key, value, path: ["qemuProperties", name, key] }));
    const target = options.find((o) => o.flag === flag);
    if (target) target.props = [...(target.props ?? []), ...props];
    else options.push({ flag, props, path: ["qemuProperties", name] });
  }
}

/** Compiles a spec that passed schema validation. */
export function compile(spec: VmSpec, opts: CompileOptions): CompileResult {
  const ctx: CompileContext = { spec, target: targetChoices(opts.qemu), baseDir: opts.baseDir, defaults: spec.defaults !== false };
  const prepare: PrepareStep[] = [];
  const images: ImageInfo[] = [];
  const options: QemuOption[] = [
    ...machineOptions(ctx),
    ...firmwareOptions(ctx, prepare),
    ...storageControllerOptions(ctx),
    ...usbControllerOptions(ctx),
    ...storageOptions(ctx, prepare, images),
    ...networkOptions(ctx),
    ...displayOptions(ctx),
    ...usbInputOptions(ctx),
    ...chardevOptions(ctx, prepare),
    ...deviceOptions(ctx),
    ...runtimeOptions(ctx),
  ];
  addQemuProperties(options, spec);
  const extra = parseOptions((spec.extraArgs ?? []).map((text, i) => ({ text, path: ["extraArgs", i] })));
  options.push(...extra.options);
  return { binary: QEMU_BINARY, options, prepare, images, problems: extra.problems };
}
