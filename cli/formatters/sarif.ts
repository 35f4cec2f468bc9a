// sarif: SARIF 2.1.0 for GitHub code scanning and other viewers: the rules with their help pages,
// results with regions and stable partial fingerprints; files relative to the repository root
// (cli/formatters/paths.ts).
import { readFileSync } from "node:fs";
import { allFindings, lineOf, type Formatter } from "./helpers.js";
import { RULES } from "../../rules/index.js";
import { docsUrl } from "../../rules/rule.js";
import { packageFile } from "../../core/package-root.js";
import { fingerprint } from "./fingerprint.js";
import { fileUri, reportPaths } from "./paths.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

const sarif: Formatter = (files) => {
  const version = (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
  const all = allFindings(files);
  const ids = [...new Set([...RULES.map((r) => r.meta.id), ...all.map((x) => x.f.ruleId)])];
  const meta = new Map(RULES.map((r) => [r.meta.id, r.meta]));
  // Locations relative to the repository root (%SRCROOT%), so code scanning finds the files.
  const paths = reportPaths(files.map((x) => x.file));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "vmspec",
            version,
            informationUri: "https://github.com/vmspec/vmspec",
            rules: ids.map((id) => ({
              id,
              shortDescription: { text: meta.get(id)?.description ?? id },
              ...(meta.has(id) ? { helpUri: docsUrl(id), defaultConfiguration: { level: LEVEL[meta.get(id)!.defaultSeverity] } } : {}),
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: fileUri(paths.root, true) } },
        results: all.map(({ file, f, source }) => ({
          ruleId: f.ruleId,
          ruleIndex: ids.indexOf(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: paths.artifact(file),
                region: {
                  startLine: f.line,
                  startColumn: f.column,
                  endLine: f.endLine,
                  endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column : 1),
                },
              },
            },
          ],
          partialFingerprints: { primaryLocationLineHash: fingerprint(paths.path(file), f.ruleId, lineOf(source, f.line), f.message) },
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};
export default sarif;
