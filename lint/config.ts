// The lint configuration, `.vmspec.yaml`: found by walking up from each linted file (or given with
// --config), validated against its own schema, and resolved into the rule settings for one file.
// A configuration problem is a ConfigError with a file:line:col, never a silent fallback.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import picomatch from "picomatch";
import type { Severity } from "../core/finding.js";
import type { VmspecConfig, RuleSetting } from "../spec/config-types.js";
import { loadSpecText } from "../spec/load.js";
import { keyNodeAt, rangeAt } from "../spec/nodes.js";
import { baseDirOf, SPEC_FILE, type SpecFilter } from "../core/files.js";
import { position, lineStarts } from "../core/positions.js";
import { schemaFindings } from "../spec/validate.js";
import { packageFile } from "../core/package-root.js";
import { validateConfig } from "../spec/config.js";
import { RULES } from "../rules/index.js";
import { ConfigError, knownRuleIds, unknownRule } from "./catalog.js";
import type { RuleSettings } from "./run.js";
import type { LintOptions } from "./lint.js";

export { ConfigError, SUPPRESSION_IDS, knownRuleIds, unknownRule } from "./catalog.js";

export const CONFIG_FILE = ".vmspec.yaml";

export interface LoadedConfig {
  path: string;
  config: VmspecConfig;
}

let configSchemaCache: Record<string, unknown> | undefined;
/** The configuration's JSON Schema (read only when a configuration has errors to explain). */
function configSchema(): Record<string, unknown> {
  return (configSchemaCache ??= JSON.parse(readFileSync(packageFile("spec/vmspec-config.schema.json"), "utf8")) as Record<string, unknown>);
}

/** Reads and checks one configuration file. */
export function readConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const starts = lineStarts(text);
  const at = (range: [number, number]) => {
    const p = position(starts, range[0]);
    return `${path}:${p.line}:${p.column}`;
  };
  // Every problem is reported at once, in order of position, each at its line and column.
  const fail = (problems: { range: [number, number]; message: string }[]): never => {
    const sorted = [...problems].sort((a, b) => a.range[0] - b.range[0]);
    throw new ConfigError(sorted.map((p) => `${at(p.range)}: ${p.message}`).join("\n"));
  };
  const loaded = loadSpecText(text);
  if (loaded.findings.length > 0 || !loaded.doc) {
    fail(loaded.findings.length ? loaded.findings : [{ range: [0, 0], message: "not a configuration" }]);
  }
  const doc = loaded.doc!;
  const data = loaded.data ?? {};
  const problems: { range: [number, number]; message: string }[] = [];
  if (!validateConfig(data)) {
    for (const f of schemaFindings([...(validateConfig.errors ?? [])], doc, data, configSchema())) {
      problems.push({ range: f.range, message: f.message.replace(/\bthe spec\b/g, "the configuration") });
    }
  }
  // Rule ids are checked here, with the place they are written, so a typo is never ignored.
  const known = knownRuleIds();
  const check = (rules: unknown, base: (string | number)[]) => {
    if (!rules || typeof rules !== "object" || Array.isArray(rules)) return;
    for (const id of Object.keys(rules)) {
      if (known.includes(id)) continue;
      const node = keyNodeAt(doc, base, id);
      problems.push({ range: node?.range ? [node.range[0], node.range[1]] : rangeAt(doc, base), message: unknownRule(id) });
    }
  };
  const raw = data;
  check(raw.rules, ["rules"]);
  if (Array.isArray(raw.overrides))
    raw.overrides.forEach((o, i) => check((o as Record<string, unknown> | null)?.rules, ["overrides", i, "rules"]));
  if (problems.length > 0) fail(problems);
  const config = data as VmspecConfig;
  return { path, config };
}

const found = new Map<string, LoadedConfig | null>();

/** Forgets the configurations found so far, so the next lookups read them again (a warm linter whose .vmspec.yaml changed). */
export function forgetConfigs(): void {
  found.clear();
}

/** The nearest .vmspec.yaml at or above the folder of `file` (`abs`: its absolute path, when known). */
export function findConfig(file: string, abs?: string): LoadedConfig | undefined {
  let dir = abs !== undefined ? dirname(abs) : baseDirOf(file);
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
  /** The configuration's `target` (lint --target overrides it). */
  target?: "qemu" | "kubevirt";
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

/**
 * Which files a folder walk lints: each file's configuration (the nearest, or the one given with
 * --config) decides with its `files` globs (with a "/": relative to its folder; without: file
 * names at any depth); without them (or without a configuration), *.vmspec.yaml and *.vmspec.yml.
 */
const fileMatchers = new WeakMap<string[], (rel: string, name: string) => boolean>();
export function specFilter(configPath?: string): SpecFilter {
  const explicit = configPath ? readConfig(configPath) : undefined;
  return (path, name) => {
    const loaded = explicit ?? findConfig(path);
    const globs = loaded?.config.files;
    if (!globs?.length) return SPEC_FILE.test(name);
    let m = fileMatchers.get(globs);
    if (!m) {
      // (picomatch's basename option also applies to globs with a "/", so the two kinds are split.)
      const paths = globs.filter((g) => g.includes("/"));
      const names = globs.filter((g) => !g.includes("/"));
      const byPath = paths.length ? picomatch(paths, { dot: true }) : () => false;
      const byName = names.length ? picomatch(names, { dot: true }) : () => false;
      fileMatchers.set(globs, (m = (rel, n) => byName(n) || byPath(rel)));
    }
    return m(relative(dirname(loaded!.path), resolve(path)).split(sep).join("/"), name);
  };
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
    ...(c.target !== undefined ? { target: c.target } : {}),
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

/**
 * What a file's configuration gives one lint or build of it: the configuration's profile (under the
 * spec's own `# vmspec-profile` comment and the command line's `--profile`), its rules, and how its
 * suppression comments are checked. The one place `lint`, `build`, `graph` and the language server
 * turn an EffectiveConfig into LintOptions.
 */
export function configOptions(file: string, eff: EffectiveConfig): Pick<LintOptions, "configProfile" | "rules" | "suppressions"> {
  return {
    configProfile: eff.profile,
    rules: eff.rules,
    suppressions: { file: file === "-" ? "<stdin>" : file, requireReasons: eff.requireSuppressionReasons, unused: eff.unusedSuppressions },
  };
}
