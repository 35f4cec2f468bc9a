// Regenerates every generated doc (npm run docs, after npm run build: the rule pages show the
// built CLI's output). Each has a test that compares and fails when the page is stale:
//   docs/rules/<id>.md     rule metadata (RULES) + `vmspec lint` on its incorrect examples   test/rule-docs.test.ts
//   docs/rules.md          every finding id                                                  test/rules-table.test.ts
//   docs/libvirt-corpus.md findings per libvirt corpus file (review notes kept)              test/libvirt-corpus.test.ts
//   docs/import-corpus.md  `vmspec import` per libvirt corpus file                           test/import.test.ts
//   docs/images/vm-graph.svg  `vmspec graph examples/bridged-agent.yaml` (the README's picture) test/graph.test.ts
//   docs/profiles.md       the statements, what changed per release, examples per profile   test/profiles-page.test.ts
//   docs/libvirt-xml-corpus.md  lint of each domain XML against libvirt's command line for it  test/libvirt-xml-corpus.test.ts
// Rule metadata is read through RULES (what the CLI itself runs), not re-read from the sources:
// the pages need nothing RULES lacks.
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RULES } from "../../rules/index.js";
import { renderPage } from "./docs-page.js";
import { lintExamples } from "./lint-output.js";
import { rulesTable } from "./rules-table.js";
import { LIBVIRT_CORPUS_DOC, libvirtCorpusPage } from "./libvirt-corpus.js";
import { importCorpusReport } from "./import-corpus.js";
import { graphExample, GRAPH_EXAMPLE_DOC } from "./graph-example.js";
import { profilesPage } from "./profiles-page.js";
import { LIBVIRT_XML_CORPUS_DOC, libvirtXmlCorpusPage } from "./libvirt-xml-corpus.js";

const docs = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

/** Writes a file only when its text changes, and says so. */
function write(path: string, text: string): void {
  let old: string | undefined;
  try {
    old = readFileSync(path, "utf8");
  } catch {
    old = undefined;
  }
  if (old === text) return;
  writeFileSync(path, text);
  console.log(`wrote ${path.slice(docs("").length - "docs/".length)}`);
}

const ids = new Set(RULES.map((r) => r.meta.id));
for (const rule of RULES) write(docs(`rules/${rule.meta.id}.md`), renderPage(rule.meta, lintExamples(rule.meta.docs, rule.meta.target)));
// A page whose rule is gone would otherwise stay behind.
for (const f of readdirSync(docs("rules"))) {
  if (f.endsWith(".md") && !ids.has(f.slice(0, -3))) {
    rmSync(docs(`rules/${f}`));
    console.log(`removed docs/rules/${f}`);
  }
}
write(docs("rules.md"), rulesTable());
write(LIBVIRT_CORPUS_DOC, libvirtCorpusPage(readFileSync(LIBVIRT_CORPUS_DOC, "utf8")));
write(docs("import-corpus.md"), importCorpusReport());
write(GRAPH_EXAMPLE_DOC, await graphExample());
write(docs("profiles.md"), profilesPage());
write(LIBVIRT_XML_CORPUS_DOC, libvirtXmlCorpusPage());
console.log("docs up to date");
