// `vmspec rules`: the finding catalog — every rule and every other finding id — as a table or JSON.
import { type Command, Option } from "commander";
import { RULES } from "../../rules/index.js";
import { docsUrl } from "../../rules/rule.js";
import { CATALOG } from "../../lint/catalog.js";

export function register(program: Command): void {
  program
    .command("rules")
    .description(
      "list every finding id: the rules (id, default severity, whether it is fixable, what it finds), then reading, schema, syntax, suppression, image-check and import ids",
    )
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText(
      "after",
      "\nExample:\n  vmspec rules --format json | jq '.[] | select(.fixable)'\n  vmspec rules --format json | jq '.[] | select(.configurable) | .id'   # what --rule takes\n",
    )
    .action((o: { format: string }) => {
      const byId = new Map(RULES.map((r) => [r.meta.id, r]));
      const entries = [...CATALOG.values()];
      const rules = entries.filter((e) => byId.has(e.id)).sort((a, b) => a.id.localeCompare(b.id));
      const rows = [...rules, ...entries.filter((e) => !byId.has(e.id))].map((e) => {
        const r = byId.get(e.id);
        return {
          id: e.id,
          kind: e.kinds.join(", "),
          defaultSeverity: e.defaultSeverity,
          configurable: e.configurable,
          suppressible: e.suppressible,
          input: r?.meta.input ?? null,
          fixable: Boolean(r?.meta.fixable),
          description: e.doc,
          statement: r?.meta.docs.statement ?? null,
          docsUrl: r ? docsUrl(e.id) : docsUrl("").replace(/rules\/\.md$/, "rules.md"),
        };
      });
      if (o.format === "json") return void process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
      const w = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows) {
        const kind = r.kind.startsWith("rule") ? "" : `[${r.kind}${r.configurable ? "" : ", fixed severity"}] `;
        process.stdout.write(
          `${r.id.padEnd(w)}  ${r.defaultSeverity.padEnd(7)}  ${r.fixable ? "fixable" : "       "}  ${kind}${r.description}\n`,
        );
      }
    });
}
