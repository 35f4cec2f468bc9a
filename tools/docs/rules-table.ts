// docs/rules.md: every finding id, from the finding catalog (lint/catalog.ts: the built-in ids of
// core/catalog.ts and every rule's metadata), grouped by kind (npm run docs; test/rules-table.test.ts compares).
import { RULES } from "../../rules/index.js";
import { CATALOG, type CatalogEntry } from "../../lint/catalog.js";
import type { FindingKind } from "../../core/catalog.js";

const yesNo = (b: boolean) => (b ? "yes" : "no");

function rows(kinds: FindingKind[]): string[] {
  const of = (e: CatalogEntry) => kinds.includes(e.kinds[0]);
  return [
    "| id | default | `--rule` / `.vmspec.yaml` | suppressible | meaning |",
    "|---|---|---|---|---|",
    ...[...CATALOG.values()].filter(of).map((e) => `| \`${e.id}\` | ${e.defaultSeverity} | ${yesNo(e.configurable)} | ${yesNo(e.suppressible)} | ${e.doc} |`),
  ];
}

export function rulesTable(): string {
  const lines = [
    "# Finding ids",
    "",
    "Every finding carries one of these ids (public API: in JSON, SARIF and every other output).",
    "Generated from the finding catalog (`lint/catalog.ts`: the built-in ids of `core/catalog.ts` and",
    "each rule's own metadata); `vmspec rules` prints the same list. `--rule <id>=off|info|warning|error`,",
    "`rules:`/`overrides:` in `.vmspec.yaml` and suppression comments take exactly the ids the catalog",
    "marks for them; naming another known id says why it cannot be set there (`\"yaml-syntax\" is a",
    "reading error: it cannot be configured or turned off`), and an unknown one gets a did-you-mean.",
    "Each rule has a page in [`rules/`](rules/) with what the statement says, examples with what",
    "`vmspec lint` prints for them, and the fix.",
    "",
    "## Reading the input",
    "",
    ...rows(["reading", "schema", "syntax", "output"]),
    "",
    "## Rules",
    "",
    "Every rule can be configured and suppressed.",
    "",
    "| id | default | reads | what it finds |",
    "|---|---|---|---|",
    ...[...RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map((r) => `| [\`${r.meta.id}\`](rules/${r.meta.id}.md) | ${r.meta.defaultSeverity} | ${r.meta.target ? `specs, with \`--target ${r.meta.target}\`` : r.input === "options" ? (r.meta.commands ? "options (specs, command lines, -readconfig), QMP and HMP" : "options (specs, command lines, -readconfig)") : r.input === "spec" ? "specs" : "QMP and HMP scripts"} | ${r.meta.description} |`),
    "",
    "## Suppressions",
    "",
    ...rows(["suppression"]),
    "",
    "`unusedSuppressions` in `.vmspec.yaml` sets the severity of `unused-suppression` too (`--rule` and",
    "`rules:` win over it).",
    "",
    "Forms: `# vmspec-disable-next-line <id>[, <id>] -- <reason>` (the whole YAML node that follows),",
    "`# vmspec-disable-line` (the node on that line), `# vmspec-disable` ... `# vmspec-enable` (a block),",
    "`# vmspec-disable-file` (the file). No id means every rule. They work in specs and in `--argv`",
    "files (shell comments). Reading errors (the ids in the first table) are never suppressed. An id",
    "that is no rule (or cannot be suppressed) is a `suppression-unknown-rule` error at it, with a",
    "did-you-mean, as ESLint reports an unknown rule in a comment: the comment's other ids still apply",
    "and the rest of the file is linted.",
    "",
    "A finding on a spec points at the most specific node that caused it: the setting's value",
    "(`accel: tcg`, `format: qed`, `aio: native`, `listen: 0.0.0.0`), the one port forward of a",
    "network that listens everywhere, the `usb.controller` (or the `bus: usb-storage`, input device)",
    "that chose the USB controller, an `extraArgs` item holding the property (or its flag, for an",
    "option that is wrong as a whole). A setting that is missing has no node of its own: such a finding",
    "(`runs-as-root`) is at the spec's `name`. So `# vmspec-disable-next-line` goes right above that line, and",
    "suppresses that one finding; above a `- ` list item it covers that item, not the whole list",
    "(test/finding-positions.test.ts checks every rule).",
    "",
    "## Image checks (`vmspec lint --check-images`)",
    "",
    ...rows(["image-check"]),
    "",
    "`qcow2-encryption-deprecated` and `qed-deprecated` are rules too (on what a spec or command line",
    "says); the image checks report them for what an existing image is.",
    "",
    "## Across files (`vmspec lint` of several specs)",
    "",
    ...rows(["cross-file"]),
    "",
    "Each spec's socket, pidfile, log and writable image paths are kept with its result (and in the",
    "`--cache` entry), so a spec whose result comes from the cache still counts.",
    "",
    "## `vmspec import`",
    "",
    ...rows(["import"]),
    "",
  ];
  return lines.join("\n");
}
