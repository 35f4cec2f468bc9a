// The floor for linting a folder: start Node, read every file and parse it with `yaml`, nothing else.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
const dir = process.argv[2];
let n = 0;
for (const f of readdirSync(dir).sort()) if (f.endsWith(".yaml")) n += parseDocument(readFileSync(join(dir, f), "utf8")).errors.length;
if (n < 0) console.log(n);
