// Lints one input — a YAML spec, a shell command line, a -readconfig file, or a QMP or HMP script —
// against one rulebook. Specs go load → schema → compile → rules, so every emitted option is
// linted; the other inputs are read into the same option list (or monitor commands) first.
// Nothing here prints or exits.
import type { Document } from "yaml";
import type { Finding } from "../core/finding.js";
import type { VmSpec } from "../spec/types.js";
import { decodeSpecBytes, loadSpecBytes, MAX_SPEC_BYTES } from "../spec/load.js";
import { positionsOf, readSpec, type SpecRead } from "../spec/read.js";
import { rangeAt, type SourcePositions, type SpecPath } from "../spec/nodes.js";
import { compile, type CompileResult } from "../compiler/compile.js";
import { KUBEVIRT_QEMU, type QemuVersion } from "../qemu/targets.js";
import { armProgram, DEFAULT_ID, UNKNOWN_ID } from "../qemu/read/shell-words.js";
import { readCommandLine } from "../qemu/read/command-line.js";
import { readconfigOptions } from "../qemu/read/readconfig-file.js";
import { hmpCommands, qmpCommands } from "../qemu/read/monitor-script.js";
import { lintLibvirt } from "./lint-libvirt.js";
import { isLibvirtDomain } from "../qemu/read/libvirt-domain.js";
import type { QemuOption } from "../qemu/options.js";
import { runRules, runRulesUnlocated, type RuleSettings } from "./run.js";
import { applySuppressions } from "./suppressions.js";
import { catalogEntry, resolveSeverity } from "./catalog.js";
import { timed } from "../core/timing.js";
import type { Severity } from "../core/finding.js";
import { profileNamed, type Profile } from "../rules/profile.js";
import type { LintTarget, TargetInfo } from "../rules/rule.js";
import { fileDirectives, withDirectives } from "./file-directives.js";
import { hostVersion, type HostQemu } from "../qemu/probe.js";
import { targetRefusals } from "../qemu/since.js";
import { mergeRepeatedOptions } from "../qemu/merge-repeated.js";

/** `target-unsupported` at each option the target QEMU would refuse (-nic under 2.9): QEMU would not start. */
function refusedByTarget(options: readonly QemuOption[], target: QemuVersion): Finding[] {
  return targetRefusals(options, target).map(({ need, message }) => ({
    ruleId: "target-unsupported",
    severity: "error" as const,
    message,
    range: need.range ?? [0, 0],
  }));
}

/** The QEMU the rules judge against: `--qemu`, else the probed host's version, else the profile's. */
function targetOf(opts: LintOptions, profile: Profile): TargetInfo {
  return { qemu: opts.qemu ?? (opts.host ? hostVersion(opts.host) : undefined) ?? profile.qemuVersion, host: opts.host };
}

/**
 * The QEMU a spec is judged against: for KubeVirt, the QEMU virt-launcher ships (`--qemu` or a
 * `# vmspec-qemu` comment still say which, for a cluster's newer one), not the profile's or this
 * host's (docs/decisions.md, KubeVirt readings); otherwise targetOf's.
 */
function specTargetOf(opts: LintOptions, profile: Profile): TargetInfo {
  return opts.target === "kubevirt" ? { qemu: opts.qemu ?? KUBEVIRT_QEMU } : targetOf(opts, profile);
}

export type InputKind = "spec" | "argv" | "readconfig" | "qmp" | "hmp" | "libvirt";

export interface LintOptions {
  /** The folder relative paths resolve against (the spec file's folder). */
  baseDir: string;
  /** The support statement to lint against, as the command line names it: over a spec's own `# vmspec-profile` comment. */
  profile?: string;
  /** The configuration's profile (.vmspec.yaml): under a spec's comment (lint/file-directives.ts). Default: sles12sp3. */
  configProfile?: string;
  /** The target QEMU version; defaults to the probed host's (`host`), else the profile's. */
  qemu?: QemuVersion;
  /** The host's QEMU binary as probed (`--host`): its version is the target unless `qemu` is given. */
  host?: HostQemu;
  /** What the spec is linted for: QEMU (default) or KubeVirt, whose rules then run too. */
  target?: LintTarget;
  /** Host overrides from the command line (`--accel`, `--cpu`); linted like the spec's own values. */
  overrides?: { accel?: "kvm" | "tcg"; cpu?: string };
  rules?: RuleSettings;
  /** Always take the full path (ranged `yaml` Document), never the fast path; for tests. */
  fullPath?: boolean;
  /** How inline suppression comments are checked; `file` names the input in their errors. */
  suppressions?: { file: string; requireReasons?: boolean; unused?: Severity | "off" };
}

export interface LintResult {
  text: string;
  findings: Finding[];
  doc?: Document;
  spec?: VmSpec;
  compiled?: CompileResult;
  /** The options that were linted (compiled from a spec, or read from a file). */
  options?: QemuOption[];
}

export class UnknownProfileError extends Error {}

/**
 * Where `path` is in a linted spec's source, for a finding made after linting (image checks,
 * output errors): from its Document, or — the fast path keeps none — located on demand.
 */
export function specRangeAt(r: LintResult, path: SpecPath): [number, number] {
  let positions = located.get(r);
  if (!positions) located.set(r, (positions = positionsOf(r.text, r.doc)));
  return positions.rangeAt(path);
}
const located = new WeakMap<LintResult, SourcePositions>();

function profileOf(opts: LintOptions): Profile {
  const id = opts.profile ?? opts.configProfile;
  const p = profileNamed(id);
  if (!p) throw new UnknownProfileError(`unknown profile ${JSON.stringify(id)}`);
  return p;
}

function withOverrides(spec: VmSpec, o: LintOptions["overrides"]): VmSpec {
  if (!o?.accel && !o?.cpu) return spec;
  return { ...spec, ...(o.accel ? { accel: o.accel } : {}), ...(o.cpu ? { cpu: { ...spec.cpu, model: o.cpu } } : {}) };
}

/** Compiles for the target QEMU: the one asked for, else the profile's. */
function compileFor(spec: VmSpec, opts: LintOptions, profile: Profile, target: TargetInfo): CompileResult {
  return timed("compile", () => compile(spec, { baseDir: opts.baseDir, qemu: target.qemu, virtMachine: profile.virtMachine }));
}

/**
 * One finding per spec location: options compiled from one field (each `-numa dist` of a node's
 * `distances`) would each repeat the same finding at the same place.
 */
function oncePerPlace(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.severity}\0${f.range[0]}\0${f.range[1]}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A finding from a rule whose input --accel or --cpu set says so. */
function withOverrideNotes(findings: Finding[], overrides: LintOptions["overrides"]): Finding[] {
  return findings.map((f) => {
    // The rules that judge the accelerator or CPU model say so in their metadata (the catalog's excusedBy).
    const by = catalogEntry(f.ruleId)?.excusedBy;
    return by && overrides?.[by] !== undefined ? { ...f, fromOverride: by, message: `${f.message} (set by --${by})` } : f;
  });
}

/**
 * The fast path: a plain file read by js-yaml, found valid by the schema and compiled without
 * problems. The rules run once, without positions; only when they find something are the
 * findings located, with js-yaml's positions (spec/fast/positions.ts). Undefined when the file
 * has a compile problem or its findings cannot be located with certainty: the full path then
 * lints it again with the ranged `yaml` Document.
 */
function lintPlainSpec(read: SpecRead, opts: LintOptions, profile: Profile, target: TargetInfo): LintResult | undefined {
  const { text } = read;
  const spec = withOverrides(read.data as unknown as VmSpec, opts.overrides);
  const compiled = compileFor(spec, opts, profile, target);
  if (compiled.problems.length > 0) return undefined;
  const ran = timed("rules", () =>
    runRulesUnlocated({ kind: "spec", text, spec, options: compiled.options, engine: opts.target, target }, profile, opts.rules),
  );
  let findings = ran.findings;
  if (findings.length > 0) {
    const positions = read.positions();
    if (!positions) return undefined;
    findings = oncePerPlace(withOverrideNotes(ran.locate(positions), opts.overrides));
  }
  return { text, findings, spec, compiled, options: compiled.options };
}

export function lintSpec(bytes: Uint8Array, given: LintOptions): LintResult {
  // Decoded once: the directives are looked for in the text, which readSpec then reads.
  const decoded = decodeSpecBytes(bytes);
  // A text that could not be decoded (or a file over the limit) is searched as bytes, as before.
  const directives = fileDirectives("findings" in decoded ? bytes : decoded.text);
  if (directives.findings.length) return { text: decoder.decode(bytes), findings: directives.findings };
  // Without a directive (most files) the options are the caller's: profileOf and targetOf read
  // the same values from them as from withDirectives' copy, which is not made then.
  const opts = directives.profile === undefined && directives.qemu === undefined ? given : withDirectives(given, directives);
  const profile = profileOf(opts);
  // The target once per file, for the compiler and the rules.
  const target = specTargetOf(opts, profile);
  let read = readSpec(bytes, { fullPath: opts.fullPath, decoded });
  if (read.fast) {
    const plain = lintPlainSpec(read, opts, profile, target);
    if (plain) return plain;
    read = read.full();
  }
  const { text, doc, data } = read;
  if (read.findings.length > 0 || !doc || !data) return { text, findings: read.findings, doc };
  const spec = withOverrides(data as unknown as VmSpec, opts.overrides);
  const compiled = compileFor(spec, opts, profile, target);
  const findings: Finding[] = compiled.problems.map((p) => ({
    ruleId: p.id ?? "extra-args-invalid",
    severity: "error",
    message: p.message,
    range: rangeAt(doc, p.path),
  }));
  findings.push(
    ...withOverrideNotes(
      timed("rules", () =>
        runRules(
          {
            kind: "spec",
            text,
            positions: read.positions(),
            spec,
            options: compiled.options,
            engine: opts.target,
            target,
          },
          profile,
          opts.rules,
        ),
      ),
      opts.overrides,
    ),
  );
  return { text, findings: oncePerPlace(findings), doc, spec, compiled, options: compiled.options };
}

const decoder = new TextDecoder();

/** Lints a shell command line (`vmspec lint --argv`): every QEMU command of the file, each on its own. */
export function lintArgv(bytes: Uint8Array, opts: LintOptions): LintResult {
  const profile = profileOf(opts);
  const text = decoder.decode(bytes);
  const read = readCommandLine(text, opts.baseDir);
  // Values that cannot be known are warnings (their severity can be set like a rule's).
  const unknownSeverity = resolveSeverity(UNKNOWN_ID, opts.rules);
  // A default read for a variable the script never sets (`${DISK:-disk.qcow2}`): info, configurable.
  const defaultSeverity = resolveSeverity(DEFAULT_ID, opts.rules);
  const finding = (p: { message: string; range: [number, number]; severity?: "error" | "warning" | "info" }): Finding[] =>
    p.severity === "info"
      ? defaultSeverity === "off"
        ? []
        : [{ ruleId: DEFAULT_ID, severity: defaultSeverity, message: p.message, range: p.range }]
      : p.severity === "warning"
        ? unknownSeverity === "off"
          ? []
          : [{ ruleId: UNKNOWN_ID, severity: unknownSeverity, message: p.message, range: p.range }]
        : [{ ruleId: "argv-syntax", severity: "error", message: p.message, range: p.range }];
  const findings: Finding[] = read.problems.flatMap(finding);
  const commands = read.commands;
  const all: QemuOption[] = [];
  commands.forEach((cmd, n) => {
    // Another architecture's program: the ARM rulebook has nothing to say about it.
    if (cmd.binary !== undefined && !armProgram(cmd.binary)) {
      findings.push({
        ruleId: "argv-syntax",
        severity: "error",
        message: `${cmd.binary} is not an ARM program: vmspec lints qemu-system-aarch64 (and qemu-system-arm) command lines`,
        range: cmd.range,
      });
      return;
    }
    const parsed = cmd.read();
    const own: Finding[] = [
      ...cmd.problems.flatMap(finding),
      ...parsed.problems.map((p) => ({
        ruleId: "argv-syntax",
        severity: "error" as const,
        message: p.message,
        range: p.range ?? cmd.range,
      })),
    ];
    const files = new Map(parsed.readconfigs.map((r) => [r.option, r]));
    // A -readconfig file named on the command line is part of the same VM: its options are linted
    // with the command line's (findings inside it point at the -readconfig option).
    const options = parsed.options.flatMap((o) => {
      const r = files.get(o);
      if (!r) return [o];
      const at = o.range ?? cmd.range;
      if ("error" in r) {
        // A name that holds a value which cannot be known is already a warning.
        if (cmd.problems.some((p) => p.severity === "warning" && p.range[0] >= at[0] && p.range[1] <= at[1])) return [o];
        own.push({ ruleId: "readconfig-unreadable", severity: "error", message: r.error + ": QEMU would not start", range: at });
        return [o];
      }
      for (const p of r.problems)
        own.push({ ruleId: "readconfig-syntax", severity: "error", message: `${o.raw}: ${p.message}`, range: at });
      return [o, ...r.options];
    });
    for (const f of refusedByTarget(options, targetOf(opts, profile).qemu)) own.push(f);
    // Loops, not push(...): a file may hold hundreds of thousands of options.
    // A version check or help query (`-machine ?`) starts no VM: only its options are judged.
    // The rules see what QEMU makes of repeated -machine, -smp and -m: one of each (qemu/merge-repeated.ts).
    const merged = mergeRepeatedOptions(options, false).options;
    for (const f of runRules(
      { kind: "options", text, options: merged, partial: cmd.query, target: targetOf(opts, profile) },
      profile,
      opts.rules,
    ))
      own.push(f);
    // Several commands in one file: each finding says which command it belongs to.
    if (commands.length > 1) {
      const line = text.slice(0, cmd.range[0]).split("\n").length;
      for (const f of own) f.message += ` (command ${n + 1} of ${commands.length}, line ${line})`;
    }
    for (const f of own) findings.push(f);
    for (const o of options) all.push(o);
  });
  return { text, findings, options: all };
}

/** Lints a -readconfig file (`vmspec lint --readconfig`). */
export function lintReadconfig(bytes: Uint8Array, opts: LintOptions): LintResult {
  const profile = profileOf(opts);
  const text = decoder.decode(bytes);
  const read = readconfigOptions(text);
  const findings: Finding[] = read.problems.map((p) => ({
    ruleId: "readconfig-syntax",
    severity: "error",
    message: p.message,
    range: p.range ?? [0, 0],
  }));
  findings.push(...refusedByTarget(read.options, targetOf(opts, profile).qemu));
  findings.push(
    ...runRules({ kind: "options", text, options: read.options, partial: true, target: targetOf(opts, profile) }, profile, opts.rules),
  );
  return { text, findings, options: read.options };
}

/** Lints a QMP or HMP script (`vmspec lint --qmp` / `--hmp`). */
export function lintMonitor(bytes: Uint8Array, protocol: "qmp" | "hmp", opts: LintOptions): LintResult {
  const profile = profileOf(opts);
  const text = decoder.decode(bytes);
  const read = protocol === "qmp" ? qmpCommands(text) : hmpCommands(text);
  const findings: Finding[] = read.problems.map((p) => ({
    ruleId: "monitor-syntax",
    severity: "error",
    message: p.message,
    range: p.range,
  }));
  findings.push(...runRules({ kind: "commands", text, commands: read.commands, target: targetOf(opts, profile) }, profile, opts.rules));
  return { text, findings };
}

/** Whether the first byte that is not a BOM or white space is `<` (no YAML spec starts so). */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c;
}

/** -readconfig groups QEMU knows (a file whose first section is one of them is a -readconfig file). */
const READCONFIG_GROUP =
  /^\[(drive|device|netdev|chardev|object|fsdev|machine|memory|name|rtc|global|mon|numa|smp-opts|boot-opts|acpi|smp|boot|spice|vnc|sandbox|msg|icount|option-rom|fw_cfg|tpmdev|iscsi|realtime|overcommit|accel|net|add-fd)(\s+"[^"]*")?\]\s*$/;

/** The first line of vmspec build's argv or shell output (no YAML spec starts so: neither is a mapping). */
const BUILD_OUTPUT = /^(\{ test -e \S.* \|\| .*; \} &&|(?:[^\s:'"]*\/)?qemu-(?:system-[A-Za-z0-9_]+|kvm)(?:\s.*)?)$/;

/**
 * What a file given where a spec is expected really is, by its first lines: a shell script (`#!`
 * naming a shell) or a systemd unit (`[Unit]`, `[Service]`) is a command line to read (as
 * `--argv`), a file starting with a QEMU config group (`[drive]`, `[netdev "n0"]`) a -readconfig
 * file, and vmspec build's own argv and shell outputs are command lines too. No YAML spec starts so:
 * a `[` line is a YAML sequence, a QEMU program or `{ test -e` line a scalar or a flow mapping.
 */
function sniffKind(bytes: Uint8Array): "argv" | "readconfig" | undefined {
  // Byte by byte, decoding nothing for the usual spec (its first line starts with a key or a comment).
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes[i] === 0x23 && bytes[i + 1] === 0x21) {
    const nl = bytes.indexOf(0x0a, i);
    const first = decoder.decode(bytes.subarray(i, nl < 0 ? Math.min(bytes.length, 256) : nl));
    return /^#!\S*\b(sh|bash|dash|ksh|zsh)\b|^#!\S*env\s+(ba|da|k|z)?sh\b/.test(first) ? "argv" : undefined;
  }
  while (i < bytes.length) {
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d)) i++;
    if (bytes[i] === 0x0a) {
      i++;
      continue;
    }
    const nl = bytes.indexOf(0x0a, i);
    const end = nl < 0 ? bytes.length : nl;
    if (bytes[i] === 0x23 || bytes[i] === 0x3b) {
      i = end + 1;
      continue;
    }
    const l = decoder.decode(bytes.subarray(i, Math.min(end, i + 256))).trim();
    // vmspec build's own outputs: `--format argv` (a QEMU program alone on the first line) and
    // `--format shell` (its preparation steps `{ test -e ...`, or the QEMU program and its options).
    if (bytes[i] !== 0x5b) return BUILD_OUTPUT.test(l) ? "argv" : undefined;
    if (/^\[(Unit|Service|Install)\]$/.test(l)) return "argv";
    return READCONFIG_GROUP.test(l) ? "readconfig" : undefined;
  }
  return undefined;
}

/** Lints any input by kind, applying its inline suppression comments. */
export function lintInput(kind: InputKind, bytes: Uint8Array, opts: LintOptions): LintResult {
  // A script, unit or -readconfig file named where a spec is expected is read as what it is.
  if (kind === "spec") kind = sniffKind(bytes) ?? kind;
  // Any input over the limit is refused whole (the spec loader does the same): never lint half a file.
  if (kind !== "spec" && bytes.length > MAX_SPEC_BYTES) return loadSpecBytes(bytes);
  // A libvirt domain XML given where a spec is expected (standard input, a file without .xml) is read as one.
  if (kind === "libvirt" || (kind === "spec" && looksLikeXml(bytes) && isLibvirtDomain(decoder.decode(bytes))))
    return lintLibvirt(bytes, opts, profileOf(opts));
  const r =
    kind === "spec"
      ? lintSpec(bytes, opts)
      : kind === "argv"
        ? lintArgv(bytes, opts)
        : kind === "readconfig"
          ? lintReadconfig(bytes, opts)
          : lintMonitor(bytes, kind, opts);
  const s = opts.suppressions ?? { file: "<input>" };
  // Without a directive there is nothing to suppress and no note to make (most files).
  if (!r.text.includes("vmspec-")) return { ...r, findings: timed("suppressions", () => r.findings) };
  // .vmspec.yaml's unusedSuppressions is the setting of unused-suppression, under --rule and rules:.
  const settings = s.unused !== undefined ? { "unused-suppression": s.unused, ...opts.rules } : opts.rules;
  const findings = timed("suppressions", () =>
    applySuppressions(r.text, r.doc, r.findings, { ...s, unused: resolveSeverity("unused-suppression", settings) }),
  );
  // The suppressions' own notes are made with their default severity: resolved here, like every finding.
  const resolved = findings.flatMap((f) => {
    if (!catalogEntry(f.ruleId)?.kinds.includes("suppression")) return [f];
    const severity = resolveSeverity(f.ruleId, settings);
    return severity === "off" ? [] : [{ ...f, severity }];
  });
  return { ...r, findings: resolved };
}
