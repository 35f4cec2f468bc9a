// Finding formatters: stylish (for people) and json (the versioned contract).
import type { LocatedFinding } from "../spec/finding.js";
import { RULES } from "../rules/index.js";
import { docsUrl } from "../rules/rule.js";

/** A message on one line: values quoted into messages may hold line breaks. */
function oneLine(message: string): string {
  return message.replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

export interface FileFindings {
  file: string;
  findings: LocatedFinding[];
}

export const LINT_FORMATS = ["stylish", "json"] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

const RULE_IDS = new Set(RULES.map((r) => r.meta.id));

/** The versioned JSON contract; findings of a rule carry the link to its page (`docsUrl`). */
export function formatJson(files: FileFindings[]): string {
  const withDocs = files.map((f) => ({ ...f, findings: f.findings.map((x) => (RULE_IDS.has(x.ruleId) ? { ...x, docsUrl: docsUrl(x.ruleId) } : x)) }));
  return JSON.stringify({ version: 1, files: withDocs }, null, 2) + "\n";
}

export function formatStylish(files: FileFindings[]): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of files) {
    if (f.findings.length === 0) continue;
    out.push(f.file);
    const pos = f.findings.map((x) => `${x.line}:${x.column}`);
    const width = Math.max(...pos.map((p) => p.length));
    f.findings.forEach((x, i) => {
      if (x.severity === "error") errors++;
      else if (x.severity === "warning") warnings++;
      else infos++;
      out.push(`  ${pos[i].padEnd(width)}  ${x.severity.padEnd(7)}  ${oneLine(x.message)}  ${x.ruleId}`);
      if (RULE_IDS.has(x.ruleId)) out.push(`  ${"".padEnd(width)}  ${"".padEnd(7)}  ${docsUrl(x.ruleId)}`);
    });
    out.push("");
  }
  const total = errors + warnings + infos;
  if (total === 0) return "";
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  out.push(`${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}${infos ? `, ${infos} info` : ""})`);
  return out.join("\n") + "\n";
}

/** One line per finding, `file:line:col: severity: message [rule-id]`: for build errors on stderr. */
export function formatCompact(files: FileFindings[]): string {
  return files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line}:${x.column}: ${x.severity}: ${oneLine(x.message)} [${x.ruleId}]\n`)).join("");
}
