// `vmspec import` on the libvirt corpus: each file imported, built back, and compared with the
// original. The table docs/import-corpus.md commits is made by tools/docs/import-corpus.ts.
import { importCommandLine, type ImportResult } from "../../import/import.js";
import { importedYaml } from "../../import/write-yaml.js";
import { optionDifference } from "../../import/equivalence.js";
import { buildSpec } from "../../lint/build.js";
import { parseOptions } from "../../qemu/parse-options.js";
import { qemuWords } from "../../qemu/read/shell-words.js";
import type { QemuOption } from "../../qemu/options.js";
import { RULE_IDS } from "../../rules/index.js";
export { importCorpusReport } from "../../tools/docs/import-corpus.js";

/** Every rule off: the round trip is about the command line, not about what the rulebook thinks of it. */
export const ALL_RULES_OFF = Object.fromEntries([...RULE_IDS].map((id) => [id, "off" as const]));

export function originalOptions(text: string): QemuOption[] {
  return parseOptions(qemuWords(text).words).options;
}

/** Imports a command line and builds the spec back (format json): the spec text and the rebuilt options. */
export function roundTrip(
  text: string,
  source: string,
): { result: ImportResult; yaml: string; rebuilt?: QemuOption[]; argv?: string[]; buildErrors: string[] } {
  const result = importCommandLine(text, "argv", { qemu: [7, 2] });
  const yaml = importedYaml(result, { source, schemaRef: "../../spec/vmspec.schema.json" });
  const built = buildSpec(new TextEncoder().encode(yaml), { baseDir: "/", format: "json", rules: ALL_RULES_OFF, qemu: [7, 2] });
  const buildErrors = built.findings.filter((f) => f.severity === "error").map((f) => `${f.ruleId}: ${f.message}`);
  if (!built.output) return { result, yaml, buildErrors };
  const argv = (JSON.parse(built.output) as { argv: string[] }).argv;
  return { result, yaml, argv, rebuilt: parseOptions(argv.map((t) => ({ text: t, path: [] }))).options, buildErrors };
}

export { optionDifference };
