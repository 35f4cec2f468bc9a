// Lints a libvirt domain XML (`vmspec lint domain.xml`, `--libvirt`): the reader in qemu/read/
// turns it into a spec with a source map into the XML, and the same rulebook runs on that spec and
// the options compiled from it, as for a YAML spec; every finding is placed at the element or
// attribute behind the spec path it is about. What the reader does not map is an info finding
// (libvirt-unmapped) at that element; XML that cannot be read is an error at its line and column.
import type { Finding } from "../core/finding.js";
import type { Profile } from "../rules/profile.js";
import type { VmSpec } from "../spec/types.js";
import type { QemuOption } from "../qemu/options.js";
import { decodeSpecBytes } from "../spec/load.js";
import { isValidSpec } from "../spec/validate.js";
import { readLibvirtDomain } from "../qemu/read/libvirt-domain.js";
import { type QemuVersion } from "../qemu/targets.js";
import { hostVersion, type HostQemu } from "../qemu/probe.js";
import { compile, type CompileResult } from "../compiler/compile.js";
import { runRules, type RuleSettings } from "./run.js";
import { resolveSeverity } from "./catalog.js";
import { timed } from "../core/timing.js";

export const LIBVIRT_SYNTAX = "libvirt-syntax";
export const LIBVIRT_UNMAPPED = "libvirt-unmapped";

export interface LibvirtLintOptions {
  baseDir: string;
  qemu?: QemuVersion;
  /** The host's QEMU binary as probed (`--host`): host-lacks judges the domain against it (its version is the target unless `qemu` is given). */
  host?: HostQemu;
  rules?: RuleSettings;
}

export interface LibvirtLintResult {
  text: string;
  findings: Finding[];
  spec?: VmSpec;
  compiled?: CompileResult;
  options?: QemuOption[];
}

export function lintLibvirt(bytes: Uint8Array, opts: LibvirtLintOptions, profile: Profile): LibvirtLintResult {
  const decoded = decodeSpecBytes(bytes);
  if ("findings" in decoded) return { text: decoded.text, findings: decoded.findings };
  const read = timed("parse (libvirt)", () => readLibvirtDomain(decoded.text));
  const text = read.text;
  if (read.error || !read.spec)
    return { text, findings: [{ ruleId: LIBVIRT_SYNTAX, severity: "error", message: read.error!.message, range: read.error!.range }] };
  const findings: Finding[] = [];
  const info = resolveSeverity(LIBVIRT_UNMAPPED, opts.rules);
  if (info !== "off") {
    for (const u of read.unmapped)
      findings.push({ ruleId: LIBVIRT_UNMAPPED, severity: info, message: `${u.what} is not linted: ${u.why}`, range: u.range });
    for (const n of read.notes) findings.push({ ruleId: LIBVIRT_UNMAPPED, severity: info, message: n.message, range: n.range });
  }
  const spec = read.spec;
  if (!isValidSpec(spec)) {
    // The reader only writes values the schema takes; this is a reader bug, said plainly, not a crash.
    findings.push({
      ruleId: LIBVIRT_SYNTAX,
      severity: "error",
      message: "vmspec could not turn this domain into a valid spec (a bug in vmspec: please report it with the file)",
      range: read.positions.rangeAt([]),
    });
    return { text, findings };
  }
  // The QEMU libvirt would start: --qemu's, else the probed host's (--host), else the profile's.
  const qemu = opts.qemu ?? (opts.host ? hostVersion(opts.host) : undefined) ?? profile.qemuVersion;
  const compiled = timed("compile", () => compile(spec, { baseDir: opts.baseDir, qemu }));
  // A device the XML names itself (qemu-xhci) is what libvirt gives QEMU: the rules judge that one,
  // not the one the spec's kind builds for the target (nec-usb-xhci on QEMU 2.9).
  for (const d of read.drivers)
    for (const o of compiled.options)
      if (o.flag === "-device" && JSON.stringify(o.path) === JSON.stringify(d.path))
        o.props = o.props?.map((p) => (p.key === "driver" ? { ...p, value: d.driver } : p));
  for (const p of compiled.problems)
    findings.push({ ruleId: p.id ?? "extra-args-invalid", severity: "error", message: p.message, range: read.positions.rangeAt(p.path) });
  const ran = timed("rules", () =>
    runRules(
      {
        kind: "spec",
        text,
        positions: read.positions,
        spec,
        options: compiled.options,
        startedBy: "libvirt",
        target: { qemu, host: opts.host },
      },
      profile,
      opts.rules,
    ),
  );
  for (const f of ran) {
    // Fixes edit YAML: never offered on XML.
    delete f.fix;
    delete f.suggestions;
    findings.push(f);
  }
  findings.sort((a, b) => a.range[0] - b.range[0]);
  return { text, findings, spec, compiled, options: compiled.options };
}
