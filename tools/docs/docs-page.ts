// Renders a rule's documentation page (docs/rules/<id>.md) from its metadata (as RULES exports
// it) and the real `vmspec lint` output of each incorrect example (lint-output.ts).
import type { RuleDocs, RuleMeta } from "../../rules/rule.js";
import type { LintOutput } from "./lint-output.js";
import { profileSection } from "./profiles-page.js";

const LABEL = { yaml: "spec", sh: "command line", cfg: "-readconfig file", qmp: "QMP script", hmp: "HMP script" } as const;
const INPUT = { spec: "specs", options: "options (specs, command lines, -readconfig files)", commands: "QMP and HMP scripts" } as const;

/** `outputs[i]` is the lint output of `meta.docs.examples[i]` when that example is incorrect. */
export function renderPage(meta: Omit<RuleMeta, "docs"> & { docs: RuleDocs }, outputs: readonly (LintOutput | undefined)[]): string {
  const d = meta.docs;
  const out = [
    `# ${meta.id}`,
    "",
    `**Severity:** ${meta.defaultSeverity} · **Input:** ${meta.target ? `specs, with \`--target ${meta.target}\`` : meta.commands ? "options (specs, command lines, -readconfig files) and QMP and HMP scripts" : INPUT[meta.input]}${meta.notWhenStartedBy?.includes("libvirt") ? " (not libvirt domain XML: libvirtd decides this itself)" : ""}${meta.fixable ? " · **Fixable** with `--fix`" : ""}`,
    "",
    meta.description.charAt(0).toUpperCase() + meta.description.slice(1) + ".",
    "",
  ];
  if (d.statement) out.push("## What the statement says", "", `> ${d.statement}`, "");
  // Where the statements of the profiles differ, each one's words, from their data.
  out.push(...(profileSection(meta.id) ?? []));
  out.push("## What it finds", "", d.details, "");
  d.examples.forEach((e, i) => {
    const under = [e.profile ? `\`--profile ${e.profile}\`` : "", e.qemu ? `\`--qemu ${e.qemu}\`` : "", e.host ? "`--host`" : ""].filter(Boolean).join(", ");
    out.push(
      `## ${e.kind === "incorrect" ? "Incorrect" : "Correct"} (${LABEL[e.lang]}${under ? `, ${under}` : ""})`,
      "",
      "```" + `${e.lang} ${e.kind}${e.profile ? ` profile=${e.profile}` : ""}${e.qemu ? ` qemu=${e.qemu}` : ""}${e.host ? " host" : ""}`,
      e.text.replace(/\n$/, ""),
      "```",
      "",
    );
    if (e.kind !== "incorrect") return;
    const o = outputs[i];
    if (!o) throw new Error(`${meta.id}: no lint output for incorrect example ${i + 1}`);
    out.push(`What \`vmspec lint\` prints for it (exit code ${o.exitCode}):`, "", "```console", `$ ${o.command}`, o.stdout.replace(/\n$/, ""), "```", "");
  });
  out.push("## Fix", "", d.fix, "");
  out.push("<!-- Generated from the rule's metadata in rules/" + meta.id + ".ts and the output of `vmspec lint` on its examples by `npm run docs`: do not edit. -->", "");
  return out.join("\n");
}
