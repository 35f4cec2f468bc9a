// The floor for linting a folder in Node: start Node, read every file and parse it with js-yaml
// (the parser of vmspec's fast path), nothing else — no schema, no compiler, no rules, no output.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
const dir = process.argv[2];
let n = 0;
for (const f of readdirSync(dir).sort()) {
  if (!f.endsWith(".yaml")) continue;
  try {
    if (load(readFileSync(join(dir, f), "utf8"))) n++;
  } catch {
    n--;
  }
}
if (n < -1e9) console.log(n);
