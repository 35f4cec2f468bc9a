// `vmspec rules`: the rulebook as a table or JSON.
import { type Command, Option } from "commander";
import { RULES } from "../../rules/index.js";
import { docsUrl } from "../../rules/rule.js";

export function register(program: Command): void {
  program
    .command("rules")
    .description("list every rule: id, default severity, whether it is fixable, what it finds")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", "\nExample:\n  vmspec rules --format json | jq '.[] | select(.fixable)'\n")
    .action((o: { format: string }) => {
      const rows = [...RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map((r) => ({
        id: r.meta.id,
        defaultSeverity: r.meta.defaultSeverity,
        input: r.meta.input,
        fixable: Boolean(r.meta.fixable),
        description: r.meta.description,
        statement: r.meta.docs.statement ?? null,
        docsUrl: docsUrl(r.meta.id),
      }));
      if (o.format === "json") return void process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
      const w = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows) process.stdout.write(`${r.id.padEnd(w)}  ${r.defaultSeverity.padEnd(7)}  ${r.fixable ? "fixable" : "       "}  ${r.description}\n`);
    });
}
