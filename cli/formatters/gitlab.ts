// gitlab: the Code Quality report (a JSON array of issues with fingerprints).
import { allFindings, lineOf, type Formatter } from "./helpers.js";
import { fingerprint } from "./fingerprint.js";
import { reportPaths } from "./paths.js";

const SEVERITY = { error: "major", warning: "minor", info: "info" } as const;

const gitlab: Formatter = (files) => {
  // Paths relative to the project folder, as GitLab expects them.
  const paths = reportPaths(files.map((x) => x.file));
  return (
    JSON.stringify(
      allFindings(files).map(({ file: given, f, source }) => {
        const file = paths.path(given);
        return {
          description: f.message,
          check_name: f.ruleId,
          fingerprint: fingerprint(file, f.ruleId, lineOf(source, f.line), f.message),
          severity: SEVERITY[f.severity],
          location: { path: file, positions: { begin: { line: f.line, column: f.column }, end: { line: f.endLine, column: f.endColumn } } },
        };
      }),
      null,
      2,
    ) + "\n"
  );
};
export default gitlab;
