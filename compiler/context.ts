// What every compiler section receives: the spec, the target's choices and path resolution.
import { isAbsolute, resolve } from "node:path";
import type { VmSpec } from "../spec/types.js";
import type { TargetChoices } from "../qemu/targets.js";
import { fileName } from "../qemu/escape.js";
import type { ParseProblem } from "../qemu/parse-options.js";

export interface CompileContext {
  spec: VmSpec;
  target: TargetChoices;
  /** The folder relative paths in the spec resolve against (the spec file's folder). */
  baseDir: string;
  /** vmspec's own defaults apply (`defaults` is not false). */
  defaults: boolean;
  /** What `machine.type: virt` becomes with defaults on (CompileOptions.virtMachine). */
  virtMachine: string;
  /** Fields the target QEMU cannot express (reported as `target-unsupported`). */
  unsupported?: ParseProblem[];
}

/** A spec path resolved against the spec's folder, as QEMU should read it. */
export function hostPath(ctx: CompileContext, path: string): string {
  return fileName(isAbsolute(path) ? path : resolvePath(ctx.baseDir, path));
}

/** Something path.resolve() would change in a path: "//", a "." or ".." segment, a trailing "/". */
const UNNORMAL = /\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/;

/** Whether `p` is absolute and already what path.resolve(p) gives. */
function normalAbsolute(p: string): boolean {
  return p.charCodeAt(0) === 47 && (p.length === 1 || !UNNORMAL.test(p));
}

/**
 * path.resolve(base) or path.resolve(base, path), without its character-by-character normalising
 * pass when there is nothing to normalise (an absolute `base` with no "//", "." or ".." segment or
 * trailing "/", and a relative `path` likewise): the compiler resolves every file of every spec.
 * Same result as path.resolve in every case (test/resolve-path.test.ts).
 */
export function resolvePath(base: string, path?: string): string {
  if (path === undefined) return normalAbsolute(base) ? base : resolve(base);
  if (path.charCodeAt(0) === 47) return normalAbsolute(path) ? path : resolve(path);
  if (path !== "" && base.length > 1 && normalAbsolute(base) && !UNNORMAL.test(path)) return `${base}/${path}`;
  return resolve(base, path);
}

/** A name made safe as one path component. */
export function safeStem(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, "_").replace(/^\.+/, "_") || "vm";
}

/** A file name derived from the VM name, safe as one path component. */
export function vmFileStem(ctx: CompileContext): string {
  return safeStem(ctx.spec.name);
}

/** Whether any USB device is used, so that a USB controller is needed. */
export function needsUsb(spec: VmSpec): boolean {
  const u = spec.usb;
  return Boolean(
    u?.tablet ||
    u?.keyboard ||
    u?.mouse ||
    u?.controller ||
    u?.host?.length ||
    spec.disks?.some((d) => d.bus === "usb-storage") ||
    spec.cdroms?.some((c) => c.bus === "usb-storage"),
  );
}

/** Whether a virtio-scsi controller is needed. */
export function needsScsi(spec: VmSpec): boolean {
  return Boolean(spec.disks?.some((d) => d.bus === "virtio-scsi") || spec.cdroms?.some((c) => (c.bus ?? "virtio-scsi") === "virtio-scsi"));
}

/** Whether a virtio-serial controller is needed. */
export function needsVirtioSerial(spec: VmSpec): boolean {
  return Boolean(spec.console || spec.guestAgent);
}
