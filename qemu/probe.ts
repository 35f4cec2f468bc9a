// What the host's QEMU binary has, asked of the binary itself (`vmspec probe`, `--host`): started
// paused with no devices (-S -nodefaults -machine none), it answers over QMP on standard
// input/output. The answer is cached per binary (path, size, mtime, inode), as libvirt caches
// capabilities: the next run does not start the binary, a changed binary is probed again.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { UsageError, writeAtomic } from "../core/files.js";
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
  /**
   * Whether the binary has the KVM accelerator (query-kvm's `present`; `-accel help` lists it): a
   * QEMU of another architecture than the host's (qemu-system-aarch64 on x86_64) has only TCG,
   * and refuses accel=kvm ("invalid accelerator kvm"). Absent in a probe cached before.
   */
  kvm?: boolean;
  /**
   * The accelerators the binary has (qom-list-types implements=accel: `tcg-accel` is `tcg`), as
   * `-accel help` lists them; absent in a probe cached before.
   */
  accels?: string[];
  /**
   * Whether this user can open /dev/kvm now (checked on every probe, never cached: a host property,
   * not the binary's): "missing" without the device, "denied" without read-write access.
   */
  kvmDevice?: "ok" | "missing" | "denied";
}

/** The probed binary's version as a compile target. */
export function hostVersion(h: HostQemu): QemuVersion {
  return [h.version.major, h.version.minor];
}

/** The binary `--host` and `vmspec probe` ask when none is named. */
export const DEFAULT_BINARY = "qemu-system-aarch64";

/** Bumped when the probe asks more or stores differently: older cache entries are probed again. */
const PROBE_FORMAT = 5;

/** A binary that cannot be found, run or understood: a usage error (exit 2), with what went wrong. */
export class ProbeError extends UsageError {}

/** Where probes are cached: $VMSPEC_CACHE_DIR, else $XDG_CACHE_HOME/vmspec, else ~/.cache/vmspec. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VMSPEC_CACHE_DIR) return resolve(env.VMSPEC_CACHE_DIR);
  return join(env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), ".cache"), "vmspec");
}

/** A binary named without a slash is looked up on PATH, as a shell would. */
export function resolveBinary(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (name.includes("/")) return isAbsolute(name) ? name : resolve(name);
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  throw new ProbeError(`cannot find ${name} on PATH: install QEMU or name the binary (--binary /path/to/qemu-system-aarch64)`);
}

/** What identifies one build of a binary: a change to any of these probes it again. */
interface BinaryKey {
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
  format: number;
}

function keyOf(path: string): BinaryKey {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new ProbeError(`cannot probe ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  if (!st.isFile()) throw new ProbeError(`cannot probe ${path}: not a file`);
  return { path, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, format: PROBE_FORMAT };
}

const QUERIES: [string, Record<string, unknown>?][] = [
  ["qmp_capabilities"],
  ["query-version"],
  ["query-machines"],
  ["query-cpu-definitions"],
  ["qom-list-types", { implements: "device", abstract: false }],
  ["query-commands"],
  ["query-command-line-options"],
  ["query-qmp-schema"],
  ["query-kvm"],
  ["qom-list-types", { implements: "accel", abstract: false }],
  ["quit"],
];

interface SchemaEntry {
  "meta-type": string;
  name: string;
  features?: string[];
  "arg-type"?: string;
  members?: { name: string; features?: string[] }[];
}

/** Starts the binary once, paused, with no machine and no devices, and asks it everything over QMP on stdio. */
function runProbe(binary: string): HostQemu {
  const input = QUERIES.map(([execute, args]) => JSON.stringify(args ? { execute, arguments: args } : { execute })).join("\n") + "\n";
  const r = spawnSync(binary, ["-machine", "none", "-nodefaults", "-no-user-config", "-display", "none", "-S", "-qmp", "stdio"], {
    input,
    encoding: "utf8",
    timeout: 60000,
    maxBuffer: 256 * 1024 * 1024,
  });
  // EPIPE: the program exited without reading its input, so it is no QEMU (said below).
  const code = r.error ? (r.error as NodeJS.ErrnoException).code : undefined;
  if (code === "ETIMEDOUT") throw new ProbeError(`${binary} did not answer QMP within 60 seconds: is it a qemu-system binary?`);
  if (r.error && code !== "EPIPE") throw new ProbeError(`cannot run ${binary}: ${r.error.message}`);
  const replies = (r.stdout ?? "")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { QMP?: unknown; event?: string; return?: unknown; error?: { desc: string } })
    .filter((m) => !m.QMP && !m.event);
  if (replies.length < QUERIES.length) {
    const why = (r.stderr ?? "").trim() || `exit ${r.status ?? r.signal}`;
    throw new ProbeError(`${binary} did not answer QMP (is it a qemu-system binary?): ${why.split("\n")[0]}`);
  }
  const ret = (i: number): unknown => {
    const m = replies[i];
    if (m.error) throw new ProbeError(`${binary}: ${QUERIES[i][0]} failed: ${m.error.desc}`);
    return m.return;
  };
  const version = ret(1) as { qemu: { major: number; minor: number; micro: number }; package: string };
  const machines = (ret(2) as { name: string; alias?: string; deprecated?: boolean; "is-default"?: boolean }[]).map((m) => ({
    name: m.name,
    ...(m.alias ? { alias: m.alias } : {}),
    deprecated: m.deprecated === true,
    ...(m["is-default"] ? { isDefault: true } : {}),
  }));
  const cpus = (ret(3) as { name: string; deprecated?: boolean }[]).map((c) => ({ name: c.name, deprecated: c.deprecated === true }));
  const devices = (ret(4) as { name: string }[]).map((t) => t.name);
  const commands = (ret(5) as { name: string }[]).map((c) => c.name);
  const optionGroups = (ret(6) as { option: string; parameters: { name: string }[] }[]).map((o) => ({
    option: o.option,
    parameters: o.parameters.map((p) => p.name),
  }));
  const schema = ret(7) as SchemaEntry[];
  const byName = new Map(schema.map((e) => [e.name, e]));
  const deprecatedCommands: string[] = [];
  const deprecatedArguments: string[] = [];
  for (const e of schema) {
    if (e["meta-type"] !== "command") continue;
    if (e.features?.includes("deprecated")) deprecatedCommands.push(e.name);
    const args = e["arg-type"] ? byName.get(e["arg-type"]) : undefined;
    for (const m of args?.members ?? []) if (m.features?.includes("deprecated")) deprecatedArguments.push(`${e.name}.${m.name}`);
  }
  // The schema names commands by their internal names; query-commands by the names a client sends.
  const help = spawnSync(binary, ["-help"], { encoding: "utf8", timeout: 30000 });
  // Each line that starts an option: `-machine [type=]name`, `-fda/-fdb file`, `-h or -help`.
  const flags = [
    ...new Set(
      [...(help.stdout ?? "").matchAll(/^(-[A-Za-z0-9][^\s]*(?: or -[A-Za-z0-9][^\s]*)?)/gm)].flatMap((m) =>
        m[1].split(/\/| or /).flatMap((f) => (/^-[A-Za-z0-9][A-Za-z0-9-]*$/.test(f) ? [f] : [])),
      ),
    ),
  ].sort();
  const kvm = (ret(8) as { present: boolean }).present;
  const accels = (ret(9) as { name: string }[])
    .flatMap((t) => (t.name.endsWith("-accel") ? [t.name.slice(0, -"-accel".length)] : []))
    .sort();
  return {
    binary,
    kvm,
    accels,
    version: { major: version.qemu.major, minor: version.qemu.minor, micro: version.qemu.micro, package: version.package },
    machines,
    cpus,
    devices: devices.sort(),
    commands: commands.sort(),
    deprecatedCommands: deprecatedCommands.sort(),
    deprecatedArguments: deprecatedArguments.sort(),
    optionGroups,
    flags,
  };
}

export interface ProbeResult {
  host: HostQemu;
  /** Whether the answer came from the cache (the binary was not started). */
  cached: boolean;
  cacheFile: string;
}

/**
 * What a binary has: from the cache when the binary is the one probed before (same path, size,
 * mtime and inode), else by starting it. `refresh` probes again regardless.
 */
export function probe(name: string = DEFAULT_BINARY, opts: { refresh?: boolean; env?: NodeJS.ProcessEnv } = {}): ProbeResult {
  const env = opts.env ?? process.env;
  const binary = resolveBinary(name, env);
  const key = keyOf(binary);
  const dir = cacheDir(env);
  const cacheFile = join(dir, `probe-${createHash("sha256").update(binary).digest("hex").slice(0, 16)}.json`);
  if (!opts.refresh) {
    try {
      const saved = JSON.parse(readFileSync(cacheFile, "utf8")) as { key: BinaryKey; host: HostQemu };
      if (JSON.stringify(saved.key) === JSON.stringify(key))
        return { host: { ...saved.host, kvmDevice: kvmDevice() }, cached: true, cacheFile };
    } catch {
      // no cache yet, or unreadable: probe
    }
  }
  const host = runProbe(binary);
  try {
    mkdirSync(dir, { recursive: true });
    writeAtomic(cacheFile, JSON.stringify({ key, host }) + "\n");
  } catch {
    // A cache that cannot be written costs a probe next time, nothing more.
  }
  return { host: { ...host, kvmDevice: kvmDevice() }, cached: false, cacheFile };
}

/** Whether this user can open the KVM device (`path`, /dev/kvm) read-write, as QEMU does for accel=kvm. */
export function kvmDevice(path = "/dev/kvm"): "ok" | "missing" | "denied" {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return "ok";
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "denied";
  }
}
