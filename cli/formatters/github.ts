// github: workflow commands that annotate the pull request. GitHub shows only 10 annotations of a
// type per step, so the most severe come first, and the whole table goes to the step summary.
import { appendFileSync } from "node:fs";
import { allFindings, type Formatter } from "./helpers.js";
import { reportPaths } from "./paths.js";

/** Escapes for workflow command data and property values (GitHub's toolkit rules). */
const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const prop = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

const github: Formatter = (files, { stepSummary }) => {
  // Paths relative to the workspace: GitHub places annotations on the diff only then.
  const paths = reportPaths(files.map((x) => x.file));
  const all = allFindings(files).map((x) => ({ ...x, file: paths.path(x.file) }));
  const kind = { error: "error", warning: "warning", info: "notice" } as const;
  const lines = all.map(
    ({ file, f }) =>
      `::${kind[f.severity]} file=${prop(file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${prop(f.ruleId)}::${data(f.message)}`,
  );
  if (stepSummary && all.length > 0) {
    const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
    const table = [
      "### vmspec lint",
      "",
      "| severity | file | line | rule | message |",
      "|---|---|---:|---|---|",
      ...all.map(({ file, f }) => `| ${f.severity} | ${cell(file)} | ${f.line} | ${f.ruleId} | ${cell(f.message)} |`),
      "",
    ];
    appendFileSync(stepSummary, table.join("\n") + "\n");
  }
  return lines.length ? lines.join("\n") + "\n" : "";
};
export default github;
