// The lint configuration, `.vmspec.yaml`: found by walking up from each linted file (or given with
// --config), validated against its own schema, and resolved into the rule settings for one file.
// A configuration problem is a ConfigError with a file:line:col, never a silent fallback.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import picomatch from "picomatch";
import type { Severity } from "../spec/finding.js";
import type { VmspecConfig, RuleSetting } from "../spec/config-types.js";
import { loadSpecText } from "../spec/load.js";
import { keyNodeAt, rangeAt } from "../spec/nodes.js";
import { baseDirOf } from "../spec/files.js";
import { position, lineStarts } from "../spec/positions.js";
import { didYouMean } from "../spec/validate.js";
import validateConfig from "../spec/validate-config.js";
import { RULES } from "./index.js";
import { IMAGE_CHECKS } from "./image-checks.js";
import type { RuleSettings } from "./run.js";
import { UNKNOWN_ID } from "../compiler/read/shell-words.js";

export const CONFIG_FILE = ".vmspec.yaml";

export class ConfigError extends Error {}

export interface LoadedConfig {
  path: string;
  config: VmspecConfig;
}

/** Ids of the findings about suppressions themselves. */
export const SUPPRESSION_IDS = ["unused-suppression", "suppression-reason-missing"];

/** The message for a rule id nobody knows, with the closest known one. */
export function unknownRule(id: string): string {
  return `unknown rule ${JSON.stringify(id)}${didYouMean(id, knownRuleIds())}`;
}

/** Every id a configuration, --rule or a suppression comment may name. */
export function knownRuleIds(): string[] {
  return [...RULES.map((r) => r.meta.id), ...Object.keys(IMAGE_CHECKS), ...SUPPRESSION_IDS, UNKNOWN_ID];
}

/** Reads and checks one configuration file. */
export function readConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const at = (range: [number, number]) => {
    const p = position(lineStarts(text), range[0]);
    return `${path}:${p.line}:${p.column}`;
  };
  const loaded = loadSpecText(text);
  if (loaded.findings.length > 0 || !loaded.doc) {
    const f = loaded.findings[0];
    throw new ConfigError(`${at(f?.range ?? [0, 0])}: ${f?.message ?? "not a configuration"}`);
  }
  const data = loaded.data ?? {};
  if (!validateConfig(data)) {
    const e = validateConfig.errors![0];
    const path2 = e.instancePath.slice(1).split("/").filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const key = e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : undefined;
    const node = key ? keyNodeAt(loaded.doc, path2, key) : undefined;
    const range = node?.range ? ([node.range[0], node.range[1]] as [number, number]) : rangeAt(loaded.doc, path2);
    const what = key ? `unknown key ${JSON.stringify(key)}` : `${e.instancePath.slice(1).replace(/\//g, ".") || "the configuration"} ${e.message}`;
    throw new ConfigError(`${at(range)}: ${what}`);
  }
  const config = data as VmspecConfig;
  // Rule ids are checked here, with the place they are written, so a typo is never ignored.
  const known = knownRuleIds();
  const check = (rules: Record<string, RuleSetting> | undefined, base: (string | number)[]) => {
    for (const id of Object.keys(rules ?? {})) {
      if (known.includes(id)) continue;
      const node = keyNodeAt(loaded.doc!, base, id);
      throw new ConfigError(`${at(node?.range ? [node.range[0], node.range[1]] : [0, 0])}: ${unknownRule(id)}`);
    }
  };
  check(config.rules, ["rules"]);
  config.overrides?.forEach((o, i) => check(o.rules, ["overrides", i, "rules"]));
  return { path, config };
}

const found = new Map<string, LoadedConfig | null>();

/** The nearest .vmspec.yaml at or above the folder of `file`. */
export function findConfig(file: string): LoadedConfig | undefined {
  let dir = baseDirOf(file);
  const visited: string[] = [];
  for (;;) {
    if (found.has(dir)) {
      const c = found.get(dir) ?? undefined;
      for (const v of visited) found.set(v, c ?? null);
      return c;
    }
    visited.push(dir);
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) {
      const c = readConfig(candidate);
      for (const v of visited) found.set(v, c);
      return c;
    }
    const up = dirname(dir);
    if (up === dir) {
      for (const v of visited) found.set(v, null);
      return undefined;
    }
    dir = up;
  }
}

export interface EffectiveConfig {
  configFile?: string;
  profile?: string;
  rules: RuleSettings;
  ignored: boolean;
  requireSuppressionReasons: boolean;
  unusedSuppressions: RuleSetting;
}

/** Compiled glob matchers, per glob list of a loaded configuration. */
const matchers = new WeakMap<string[], (path: string) => boolean>();
function matcher(globs: string[]): (path: string) => boolean {
  let m = matchers.get(globs);
  if (!m) matchers.set(globs, (m = picomatch(globs, { dot: true })));
  return m;
}

const STRICTER: Record<Severity, Severity> = { info: "warning", warning: "error", error: "error" };

/** Settings that do not depend on the file (no overrides, no ignore), per configuration and --rule object. */
const fileIndependent = new WeakMap<object, WeakMap<RuleSettings, EffectiveConfig>>();
const NO_CONFIG = {};
const NO_RULES: RuleSettings = {};

/** The settings that apply to `file` under `loaded` (or none), with --rule settings on top. */
export function effectiveConfig(file: string, loaded: LoadedConfig | undefined, cli: RuleSettings = NO_RULES): EffectiveConfig {
  const c = loaded?.config ?? {};
  // Most runs have one configuration without globs: compute its settings once, not per file.
  const independent = !c.overrides?.length && !c.ignore?.length;
  const memo = independent ? fileIndependent.get(loaded ?? NO_CONFIG)?.get(cli) : undefined;
  if (memo) return memo;
  const base = dirname(loaded?.path ?? resolve("."));
  const rel = independent ? "" : relative(base, resolve(file));
  const matches = (globs: string[]) => matcher(globs)(rel);
  const rules: RuleSettings = {};
  if (c.extends === "vmspec:strict") for (const r of RULES) rules[r.meta.id] = STRICTER[r.meta.defaultSeverity];
  Object.assign(rules, c.rules);
  for (const o of c.overrides ?? []) if (matches(o.files)) Object.assign(rules, o.rules);
  Object.assign(rules, cli);
  const eff: EffectiveConfig = {
    configFile: loaded?.path,
    profile: c.profile,
    rules,
    ignored: file !== "-" && Boolean(c.ignore?.length && matches(c.ignore)),
    requireSuppressionReasons: c.requireSuppressionReasons ?? false,
    unusedSuppressions: c.unusedSuppressions ?? "warning",
  };
  if (independent) {
    const byCli = fileIndependent.get(loaded ?? NO_CONFIG) ?? new WeakMap<RuleSettings, EffectiveConfig>();
    fileIndependent.set(loaded ?? NO_CONFIG, byCli.set(cli, eff));
  }
  return eff;
}
