// Renders a rule's documentation page (docs/rules/<id>.md) from its metadata.
import type { RuleDocs, RuleMeta } from "../../rules/rule.js";

const LABEL = { yaml: "spec", sh: "command line", cfg: "-readconfig file", qmp: "QMP script", hmp: "HMP script" } as const;
const INPUT = { spec: "specs", options: "options (specs, command lines, -readconfig files)", commands: "QMP and HMP scripts" } as const;

export function renderPage(meta: Omit<RuleMeta, "docs"> & { docs: RuleDocs }): string {
  const d = meta.docs;
  const out = [
    `# ${meta.id}`,
    "",
    `**Severity:** ${meta.defaultSeverity} · **Input:** ${INPUT[meta.input]}${meta.fixable ? " · **Fixable** with `--fix`" : ""}`,
    "",
    meta.description.charAt(0).toUpperCase() + meta.description.slice(1) + ".",
    "",
  ];
  if (d.statement) out.push("## What the statement says", "", `> ${d.statement}`, "");
  out.push("## What it finds", "", d.details, "");
  for (const e of d.examples) out.push(`## ${e.kind === "incorrect" ? "Incorrect" : "Correct"} (${LABEL[e.lang]})`, "", "```" + `${e.lang} ${e.kind}`, e.text.replace(/\n$/, ""), "```", "");
  out.push("## Fix", "", d.fix, "");
  out.push("<!-- Generated from the rule's metadata in rules/" + meta.id + ".ts by `npm run docs`: do not edit. -->", "");
  return out.join("\n");
}
