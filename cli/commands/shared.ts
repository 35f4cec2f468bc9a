// Option parsers and checks more than one command uses.
import { InvalidArgumentError } from "commander";
import type { Severity } from "../../core/finding.js";
import { UsageError } from "../../core/files.js";
import { KNOWN_TARGETS, parseTarget, unknownRelease } from "../../qemu/targets.js";
import { knownRuleIds, unknownRule } from "../../lint/config.js";
import { DEFAULT_BINARY, probe, resolveBinary, type HostQemu } from "../../qemu/probe.js";
import { accessSync, constants, statSync } from "node:fs";
import type { RuleSettings } from "../../lint/run.js";

const SEVERITIES = ["off", "info", "warning", "error"];

/** `--qemu 7.2`: a QEMU version vmspec knows. */
export function qemuVersion(v: string) {
  const parsed = parseTarget(v);
  if (!parsed)
    throw new InvalidArgumentError(
      `expected a QEMU release such as 7.2 (2.9 to 10.2; specs are compiled and tested for ${KNOWN_TARGETS.join(", ")})`,
    );
  const near = unknownRelease(parsed);
  if (near !== undefined)
    throw new InvalidArgumentError(
      `QEMU ${v} is not a release vmspec knows (2.9 to 2.12, 3.0, 3.1, then x.0 to x.2 up to 10.2): did you mean ${near}? Specs are compiled and tested for ${KNOWN_TARGETS.join(", ")}`,
    );
  return parsed;
}

/** `--rule <id>=<severity>`, repeatable: the settings so far plus this one. */
export function ruleSetting(v: string, prev: RuleSettings = {}): RuleSettings {
  const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(v);
  if (!m || !SEVERITIES.includes(m[2])) throw new InvalidArgumentError(`expected <rule-id>=${SEVERITIES.join("|")}`);
  return { ...prev, [m[1]]: m[2] as Severity | "off" };
}

/**
 * Every finding id a --rule may name: the rules, the image checks, the findings about
 * suppressions and argv-unknown (lint/catalog.ts lists them). The ids of reading and schema
 * problems (yaml-syntax, schema, ...) are not among them: naming one is a usage error.
 */
export function checkRuleIds(settings: RuleSettings | undefined): void {
  const known = knownRuleIds();
  for (const id of Object.keys(settings ?? {})) {
    if (known.includes(id)) continue;
    const [head, tail] = unknownRule(id).split(";");
    throw new UsageError(`${head} in --rule${tail ? `;${tail}` : ""}`);
  }
}

/** A repeatable option's values, in order. */
export const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `--host [binary]`: the host's QEMU, probed (or from the probe cache); undefined without --host. */
export function hostOption(given: string | boolean | undefined): HostQemu | undefined {
  if (given === undefined || given === false) return undefined;
  return probe(given === true ? DEFAULT_BINARY : given).host;
}

/** The help text of `--host`. */
export const HOST_HELP = `judge against the host's QEMU binary (default ${DEFAULT_BINARY} on PATH; another: --host=<binary>), probed once and cached (see vmspec probe); its version is the target unless --qemu is given`;

/**
 * `--host` takes an optional value, so `vmspec lint --host vms/` reads `vms/` as the binary: a
 * value that is not an executable program is given back as an input, and the default binary is used.
 */
export function splitHostValue(given: string | boolean | undefined): { host: string | boolean | undefined; input?: string } {
  if (typeof given !== "string") return { host: given };
  try {
    const path = resolveBinary(given);
    accessSync(path, constants.X_OK);
    if (statSync(path).isFile() && !/\.(ya?ml|sh|cfg|qmp|hmp|args)$/.test(path)) return { host: given };
  } catch {
    // not a program
  }
  return { host: true, input: given };
}
