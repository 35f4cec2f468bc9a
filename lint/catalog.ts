// The finding ids a configuration, --rule or a suppression comment may name, and the message for
// one nobody knows.
import type { Severity } from "../core/finding.js";
import { didYouMean } from "../spec/validate.js";
import { RULES } from "../rules/index.js";
import { UNKNOWN_ID } from "../qemu/read/shell-words.js";

/** A configuration, --rule or suppression problem, reported with its place; exit code 2. */
export class ConfigError extends Error {}

/** Finding ids of the image checks, with their default severities (listed in docs/rules.md). */
export const IMAGE_CHECKS: Record<string, Severity> = {
  "image-format-mismatch": "error",
  "image-backing-missing": "error",
  "image-unreadable": "warning",
  "qcow2-encryption-deprecated": "warning",
  "qed-deprecated": "warning",
};

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
