// json: the versioned contract {"version": 1, "files": [...]}; rule findings carry docsUrl.
import type { Formatter } from "./helpers.js";
import { RULE_IDS } from "../../rules/index.js";
import { docsUrl } from "../../rules/rule.js";

const json: Formatter = (files) => {
  const out = files.map((f) => ({
    file: f.file,
    findings: f.findings.map((x) => (RULE_IDS.has(x.ruleId) ? { ...x, docsUrl: docsUrl(x.ruleId) } : x)),
  }));
  return JSON.stringify({ version: 1, files: out }, null, 2) + "\n";
};
export default json;
