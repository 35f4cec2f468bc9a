import { readFileSync } from "node:fs";
import { importCommandLine } from "./compiler/import/import.ts";
import { importedYaml } from "./compiler/import/write-yaml.ts";
import { corpusFiles } from "./test/helpers/corpus.ts";
import { lintArgv, lintSpec } from "./rules/lint.ts";
let bad = 0;
for (const f of corpusFiles()) {
  const text = readFileSync(f.path, "utf8");
  const r = importCommandLine(text, "argv");
  if (r.problems.some((p) => p.severity === "error")) { bad++; console.log(f.name, r.problems.map((p) => p.message)); continue; }
  const yaml = importedYaml(r, { source: f.name, schemaRef: "x" });
  const a = lintArgv(new TextEncoder().encode(text), { baseDir: "/" }).findings.map((x) => `${x.ruleId}: ${x.message}`).sort();
  const l = lintSpec(new TextEncoder().encode(yaml), { baseDir: "/" });
  const b = l.findings.map((x) => `${x.ruleId}: ${x.message}`).sort();
  if (JSON.stringify(a) !== JSON.stringify(b)) { bad++; console.log("LINT", f.name, a.filter((x) => !b.includes(x)).slice(0, 3), b.filter((x) => !a.includes(x)).slice(0, 3)); }
}
console.log("bad", bad);
