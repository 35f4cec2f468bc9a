// Regenerates docs/rules/<id>.md from every rule module's metadata (npm run docs).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readRuleMeta } from "./read-rule-meta.js";
import { renderPage } from "./docs-page.js";

for (const meta of readRuleMeta()) {
  writeFileSync(fileURLToPath(new URL(`../../docs/rules/${meta.id}.md`, import.meta.url)), renderPage(meta));
}
console.log("wrote docs/rules/*.md");
