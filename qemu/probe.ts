// What the host's QEMU binary has, asked of the binary itself (`vmspec probe`, `--host`): started
// paused with no devices (-S -nodefaults -machine none), it answers over QMP on standard
// input/output. The answer is cached per binary (path, size, mtime, inode), as libvirt caches
// capabilities: the next run does not start the binary, a changed binary is probed again.
import type { QemuVersion } from "./targets.js";

/** One probe of a QEMU binary. */
export interface HostQemu {
  /** The binary's absolute path. */
  binary: string;
  /** query-version. */
  version: { major: number; minor: number; micro: number; package: string };
  /** query-machines: every machine type (and alias), with QEMU's deprecated flag. */
  machines: { name: string; alias?: string; deprecated: boolean; isDefault?: boolean }[];
  /** query-cpu-definitions. */
  cpus: { name: string; deprecated: boolean }[];
  /** qom-list-types implements=device, not abstract: every -device name. */
  devices: string[];
  /** query-commands. */
  commands: string[];
  /** query-qmp-schema: the commands that carry the feature `deprecated`. */
  deprecatedCommands: string[];
  /** query-qmp-schema: the command arguments that carry the feature `deprecated`, as `command.argument`. */
  deprecatedArguments: string[];
  /** query-command-line-options: each option group and its parameters (empty when it takes any). */
  optionGroups: { option: string; parameters: string[] }[];
  /** Every option flag `-help` lists (QMP lists only the option groups). */
  flags: string[];
}

/** The probed binary's version as a compile target. */
export function hostVersion(h: HostQemu): QemuVersion {
  return [h.version.major, h.version.minor];
}
