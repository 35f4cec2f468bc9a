// stylish: for people. Each finding with a code frame that underlines its range, the rule id and
// its docs link, then a summary. Colour only when allowed (a TTY, NO_COLOR unset).
import { lineOf, oneLine, type Formatter } from "./helpers.js";
import { RULE_IDS } from "../../rules/index.js";
import { docsUrl } from "../../rules/rule.js";

const stylish: Formatter = (files, { color }) => {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = { error: (s: string) => paint("31", s), warning: (s: string) => paint("33", s), info: (s: string) => paint("36", s) };
  const out: string[] = [];
  const count = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  for (const f of files) {
    if (f.findings.length === 0) continue;
    out.push(paint("4", f.file));
    for (const x of f.findings) {
      count[x.severity]++;
      if (x.fix) fixable++;
      out.push(`  ${x.line}:${x.column}  ${sev[x.severity](x.severity)}  ${oneLine(x.message)}  ${paint("2", x.ruleId)}`);
      const text = lineOf(f.source, x.line);
      if (f.source !== undefined && text !== "") {
        const gutter = String(x.line).length;
        const end = x.endLine === x.line ? x.endColumn : text.length + 1;
        const width = Math.max(1, end - x.column);
        // Long lines are shown as a window around the finding.
        const from = text.length > 120 ? Math.max(0, x.column - 40) : 0;
        const shown = (from > 0 ? "…" : "") + text.slice(from, from + 120) + (text.length > from + 120 ? "…" : "");
        const pad = x.column - 1 - from + (from > 0 ? 1 : 0);
        out.push(`  ${paint("2", `${x.line} |`)} ${shown}`);
        out.push(
          `  ${" ".repeat(gutter)} ${paint("2", "|")} ${" ".repeat(pad)}${sev[x.severity]("^".repeat(Math.min(width, 120 - (x.column - 1 - from))))}`,
        );
      }
      if (RULE_IDS.has(x.ruleId)) out.push(`  ${paint("2", docsUrl(x.ruleId))}`);
    }
    out.push("");
  }
  const total = count.error + count.warning + count.info;
  if (total === 0) return "";
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  out.push(
    `${plural(total, "problem")} (${plural(count.error, "error")}, ${plural(count.warning, "warning")}${count.info ? `, ${count.info} info` : ""})${fixable ? `, ${fixable} fixable with --fix` : ""}`,
  );
  return out.join("\n") + "\n";
};
export default stylish;
