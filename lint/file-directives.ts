// A spec may name the statement and the QEMU version it is meant for in a comment, as ESLint's
// inline configuration comments do:
//
//   # vmspec-profile sles15sp2 -- why (free text)   (a colon after the word is read too: # vmspec-profile: sles15sp2)
//   # vmspec-qemu 7.2 -- why
//
// `vmspec import` writes them when the command line shows which QEMU it was made for, so that the
// imported spec lints and builds for that QEMU without flags. What decides, strongest first: the
// command line (--profile, --qemu), the file's comment, the configuration (.vmspec.yaml
// `profile:`), the default profile (docs/profiles.md).
import type { Finding } from "../core/finding.js";
import { PROFILES } from "../rules/data/profiles.js";
import { parseTarget, type QemuVersion } from "../qemu/targets.js";

export interface FileDirectives {
  profile?: string;
  qemu?: QemuVersion;
  /** A directive naming no profile or no version: an error at the directive. */
  findings: Finding[];
}

const NONE: FileDirectives = { findings: [] };
const DIRECTIVE = /^[ \t]*#[ \t]*vmspec-(profile|qemu)\b:?[ \t]*(\S*)/gm;
const MARK = Buffer.from("vmspec-profile");
const MARK_QEMU = Buffer.from("vmspec-qemu");

/**
 * The directives of a spec (cheap when there is none: a search). Given the decoded text when there
 * is one: a string search costs a fraction of Buffer.indexOf's call into C++ (measured 0.3 against
 * 15 ms on a cold run over 1,000 specs).
 */
export function fileDirectives(input: Uint8Array | string): FileDirectives {
  let text: string;
  if (typeof input === "string") {
    if (!input.includes("vmspec-profile") && !input.includes("vmspec-qemu")) return NONE;
    text = input;
  } else {
    const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (buf.indexOf(MARK) < 0 && buf.indexOf(MARK_QEMU) < 0) return NONE;
    text = new TextDecoder().decode(input);
  }
  const out: FileDirectives = { findings: [] };
  for (const m of text.matchAll(DIRECTIVE)) {
    const [, kind, value] = m;
    const start = m.index + m[0].length - value.length;
    const range: [number, number] = [start, start + Math.max(value.length, 1)];
    if (kind === "profile") {
      if (PROFILES[value]) out.profile = value;
      else
        out.findings.push({
          ruleId: "profile-directive",
          severity: "error",
          message: `vmspec-profile ${JSON.stringify(value)} names no profile: one of ${Object.keys(PROFILES).join(", ")} (vmspec profiles lists them)`,
          range,
        });
    } else {
      const v = parseTarget(value);
      if (v) out.qemu = v;
      else
        out.findings.push({
          ruleId: "profile-directive",
          severity: "error",
          message: `vmspec-qemu ${JSON.stringify(value)} is not a QEMU version such as 6.2`,
          range,
        });
    }
  }
  return out;
}

/** The profile and target a spec is linted with: command line, then the file's directives, then the configuration. */
export function withDirectives<T extends { profile?: string; configProfile?: string; qemu?: QemuVersion }>(opts: T, d: FileDirectives): T {
  const profile = opts.profile ?? d.profile ?? opts.configProfile;
  const qemu = opts.qemu ?? (opts.profile === undefined ? d.qemu : undefined);
  return { ...opts, profile, qemu };
}
