// docs/rules.md: every finding id — loader and schema ids, every rule (from RULES' metadata) and
// the image checks (npm run docs; test/rules-table.test.ts compares).
import { RULES } from "../../rules/index.js";
import { LOADER_RULES } from "../../spec/load.js";
import { IMAGE_CHECKS } from "../../lint/image-checks.js";

const OTHER_IDS: Record<string, string> = {
  schema: "the spec does not match the JSON Schema (unknown key with did-you-mean, wrong type, value not allowed, ...)",
  "extra-args-invalid": "`extraArgs` words that do not form options",
  "output-format": "the chosen output format cannot hold a value (build only)",
  "argv-syntax": "a command line that cannot be read (unterminated quote, no qemu-system-* command, an option without its argument)",
  "argv-unknown": "a warning, not an error (its severity can be set, or turned off, like a rule's): a value of a script that cannot be known without running it (a command substitution, a variable from the environment, arithmetic, an assignment or a command inside an if, a loop or a function, a systemd specifier); import keeps it as a placeholder to fill",
  "readconfig-syntax": "a -readconfig line that is neither `[group \"id\"]` nor `key = \"value\"`",
  "readconfig-unreadable": "a -readconfig file named on a command line that cannot be read (QEMU would not start)",
  "monitor-syntax": "a QMP script that is not JSON command objects (one per line, pretty-printed over several lines, or an array)",
};

export function rulesTable(): string {
  const lines = [
    "# Finding ids",
    "",
    "Every finding carries one of these ids (public API: used with `--rule <id>=off|info|warning|error`",
    "and in JSON output). Generated from the rules' own metadata; each rule has a page in",
    "[`rules/`](rules/) with what the statement says, examples that the test suite runs, and the fix.",
    "",
    "## Reading the input (errors, but for argv-unknown)",
    "",
    "| id | meaning |",
    "|---|---|",
    ...Object.entries({ ...LOADER_RULES, ...OTHER_IDS }).map(([id, what]) => `| \`${id}\` | ${what} |`),
    "",
    "## Rules",
    "",
    "| id | default | reads | what it finds |",
    "|---|---|---|---|",
    ...[...RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map((r) => `| [\`${r.meta.id}\`](rules/${r.meta.id}.md) | ${r.meta.defaultSeverity} | ${r.input === "options" ? "options (specs, command lines, -readconfig)" : r.input === "spec" ? "specs" : "QMP and HMP scripts"} | ${r.meta.description} |`),
    "",
    "## Suppressions",
    "",
    "| id | default | meaning |",
    "|---|---|---|",
    "| `unused-suppression` | warning (`unusedSuppressions` in .vmspec.yaml) | a `# vmspec-disable...` comment that suppresses nothing |",
    "| `suppression-reason-missing` | error | a suppression without `-- <reason>` when `requireSuppressionReasons: true` (it then suppresses nothing) |",
    "",
    "Forms: `# vmspec-disable-next-line <id>[, <id>] -- <reason>` (the whole YAML node that follows),",
    "`# vmspec-disable-line` (the node on that line), `# vmspec-disable` ... `# vmspec-enable` (a block),",
    "`# vmspec-disable-file` (the file). No id means every rule. They work in specs and in `--argv`",
    "files (shell comments). Reading errors (the ids in the first table) are never suppressed.",
    "",
    "A finding on a spec points at the most specific node that caused it: the setting's value",
    "(`accel: tcg`, `format: qed`, `aio: native`, `listen: 0.0.0.0`), the one port forward of a",
    "network that listens everywhere, the `usb.controller` (or the `bus: usb-storage`, input device)",
    "that chose the USB controller, an `extraArgs` item holding the property (or its flag, for an",
    "option that is wrong as a whole). A setting that is missing has no node: such a finding (`runs-as-root`)",
    "is at the top of the file. So `# vmspec-disable-next-line` goes right above that line, and",
    "suppresses that one finding; above a `- ` list item it covers that item, not the whole list",
    "(test/finding-positions.test.ts checks every rule).",
    "",
    "## Image checks (`vmspec lint --check-images`)",
    "",
    "| id | default |",
    "|---|---|",
    ...Object.entries(IMAGE_CHECKS).map(([id, sev]) => `| \`${id}\` | ${sev} |`),
    "",
  ];
  return lines.join("\n");
}
