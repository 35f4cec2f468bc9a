// `vmspec explain <id>`: a rule's page from docs/rules/, offline.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { UsageError } from "../../core/files.js";
import { packageFile } from "../../core/package-root.js";
import { didYouMean } from "../../spec/validate.js";
import { RULES } from "../../rules/index.js";

export function register(program: Command): void {
  program
    .command("explain")
    .description("print a rule's page: what the statement says, examples and the fix (offline)")
    .argument("<id>", "a rule id")
    .addHelpText("after", "\nExample:\n  vmspec explain aio-native-requires-direct-cache\n")
    .action((id: string) => {
      const ids = RULES.map((r) => r.meta.id);
      if (!ids.includes(id)) {
        throw new UsageError(
          `no rule ${JSON.stringify(id)}${didYouMean(id, ids, ": vmspec rules lists them (reading errors are described in docs/rules.md)")}`,
        );
      }
      process.stdout.write(readFileSync(packageFile(`docs/rules/${id}.md`), "utf8"));
    });
}
