// Option parsers and checks more than one command uses.
import { InvalidArgumentError } from "commander";
import type { Severity } from "../../core/finding.js";
import { UsageError } from "../../core/files.js";
import { KNOWN_TARGETS, parseTarget } from "../../qemu/targets.js";
import { knownRuleIds, unknownRule } from "../../lint/config.js";
import type { RuleSettings } from "../../lint/run.js";

const SEVERITIES = ["off", "info", "warning", "error"];

/** `--qemu 7.2`: a QEMU version vmspec knows. */
export function qemuVersion(v: string) {
  const parsed = parseTarget(v);
  if (!parsed) throw new InvalidArgumentError(`expected a QEMU version such as ${KNOWN_TARGETS.join(" or ")}`);
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
