// The finding catalog: every id vmspec can report — the built-in ones (core/catalog.ts) and one per
// rule, from the rule's own metadata — with its kind, default severity, whether it can be
// configured and suppressed, and its one-line doc. `--rule`, `.vmspec.yaml`, suppression comments,
// baselines and `vmspec rules` accept and list exactly what it says, and a finding's severity is
// resolved here, in one place.
import type { Severity } from "../core/finding.js";
import { BUILTIN_FINDINGS, KIND_WORDS, type CatalogEntry } from "../core/catalog.js";
import { didYouMean } from "../spec/validate.js";
import { RULES } from "../rules/index.js";

export type { CatalogEntry } from "../core/catalog.js";

/** A configuration, --rule or suppression problem, reported with its place; exit code 2. */
export class ConfigError extends Error {}

/** Severities set by configuration and --rule, by id. */
export type RuleSettings = Record<string, Severity | "off">;

function build(): Map<string, CatalogEntry> {
  const m = new Map<string, CatalogEntry>();
  for (const e of BUILTIN_FINDINGS) m.set(e.id, e);
  for (const r of RULES) {
    const own: CatalogEntry = {
      id: r.meta.id,
      kinds: ["rule"],
      defaultSeverity: r.meta.defaultSeverity,
      configurable: true,
      suppressible: true,
      doc: r.meta.description,
      ...(r.meta.excusedBy ? { excusedBy: r.meta.excusedBy } : {}),
    };
    const builtin = m.get(r.meta.id);
    // A rule that is also an image check (qed-deprecated, ...): one id, both kinds, the rule's doc.
    m.set(r.meta.id, builtin ? { ...own, kinds: ["rule", ...builtin.kinds] } : own);
  }
  return m;
}

/** Every id, built-in ones first, then the rules in the rulebook's order. */
export const CATALOG: ReadonlyMap<string, CatalogEntry> = build();

export function catalogEntry(id: string): CatalogEntry | undefined {
  return CATALOG.get(id);
}

/** Finding ids of the image checks, with their default severities. */
export const IMAGE_CHECKS: Record<string, Severity> = Object.fromEntries(
  BUILTIN_FINDINGS.filter((e) => e.kinds.includes("image-check")).map((e) => [e.id, e.defaultSeverity]),
);

/** Ids of the findings about suppressions themselves. */
export const SUPPRESSION_IDS = BUILTIN_FINDINGS.filter((e) => e.kinds.includes("suppression")).map((e) => e.id);

export type IdPlace = "configuration" | "suppression";

/** The ids a place accepts: `--rule` and `.vmspec.yaml` take configurable ids, suppression comments suppressible ones. */
export function acceptedIds(where: IdPlace): string[] {
  return [...CATALOG.values()].filter((e) => (where === "configuration" ? e.configurable : e.suppressible)).map((e) => e.id);
}

/**
 * Why a place does not take an id: for a known id, what it is and that it cannot be set there
 * (`yaml-syntax is a reading error: it cannot be configured or turned off`); for any other, the
 * same did-you-mean everywhere.
 */
export function unknownId(id: string, where: IdPlace): string {
  const e = CATALOG.get(id);
  if (e) {
    const what = KIND_WORDS[e.kinds[0]];
    return where === "configuration"
      ? `${JSON.stringify(id)} is ${what}: it cannot be configured or turned off`
      : `${JSON.stringify(id)} is ${what}: it cannot be suppressed`;
  }
  return `unknown rule ${JSON.stringify(id)}${didYouMean(id, acceptedIds(where))}`;
}

/** The message for an id `--rule` or a configuration does not take. */
export function unknownRule(id: string): string {
  return unknownId(id, "configuration");
}

/** Every id a configuration or --rule may name. */
export function knownRuleIds(): string[] {
  return acceptedIds("configuration");
}

/**
 * THE place a finding's severity is decided: what the configuration and `--rule` set for a
 * configurable id, else the catalog's default. "off" drops the finding.
 */
export function resolveSeverity(id: string, settings: RuleSettings | undefined, fallback?: Severity): Severity | "off" {
  const e = CATALOG.get(id);
  if (e?.configurable && settings?.[id] !== undefined) return settings[id];
  return e?.defaultSeverity ?? fallback ?? "error";
}
