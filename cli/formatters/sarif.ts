// sarif: SARIF 2.1.0 for GitHub code scanning and other viewers: the rules with their help pages,
// results with regions and stable partial fingerprints.
import { readFileSync } from "node:fs";
import { allFindings, lineOf, type Formatter } from "../format.js";
import { RULES } from "../../rules/index.js";
import { docsUrl } from "../../rules/rule.js";
import { packageFile } from "../../spec/package-root.js";
import { fingerprint } from "./fingerprint.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

const sarif: Formatter = (files) => {
  const version = JSON.parse(readFileSync(packageFile("package.json"), "utf8")).version as string;
  const all = allFindings(files);
  const ids = [...new Set([...RULES.map((r) => r.meta.id), ...all.map((x) => x.f.ruleId)])];
  const meta = new Map(RULES.map((r) => [r.meta.id, r.meta]));
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
        results: all.map(({ file, f, source }) => ({
          ruleId: f.ruleId,
          ruleIndex: ids.indexOf(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: file.split("/").map(encodeURIComponent).join("/") },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column : 1) },
              },
            },
          ],
          partialFingerprints: { primaryLocationLineHash: fingerprint(file, f.ruleId, lineOf(source, f.line), f.message) },
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};
export default sarif;
