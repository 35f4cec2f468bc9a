// The shape every formatter receives, and the registry of formats (each loaded only when used).
import type { Formatter } from "./formatters/helpers.js";

export type { FileFindings, FormatContext, Formatter } from "./formatters/helpers.js";

export const LINT_FORMATS = ["stylish", "compact", "json", "sarif", "github", "gitlab", "junit", "checkstyle"] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

// Literal import() calls, so that the bundler keeps each formatter and still loads it lazily.
const LOADERS: Record<LintFormat, () => Promise<{ default: Formatter }>> = {
  stylish: () => import("./formatters/stylish.js"),
  compact: () => import("./formatters/compact.js"),
  json: () => import("./formatters/json.js"),
  sarif: () => import("./formatters/sarif.js"),
  github: () => import("./formatters/github.js"),
  gitlab: () => import("./formatters/gitlab.js"),
  junit: () => import("./formatters/junit.js"),
  checkstyle: () => import("./formatters/checkstyle.js"),
};

/** Loads one formatter module (formatters are never loaded by commands that do not print them). */
export async function formatter(name: LintFormat): Promise<Formatter> {
  return (await LOADERS[name]()).default;
}
