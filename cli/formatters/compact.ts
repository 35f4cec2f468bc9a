// compact: `file:line:col: severity: message [rule-id]`, one line per finding (also build's stderr).
import { oneLine, type Formatter } from "./helpers.js";

const compact: Formatter = (files) =>
  files
    .flatMap((f) => f.findings.map((x) => `${f.file}:${x.line}:${x.column}: ${x.severity}: ${oneLine(x.message)} [${x.ruleId}]\n`))
    .join("");
export default compact;
