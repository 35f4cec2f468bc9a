// `vmspec schema`: the spec's JSON Schema, as shipped.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { packageFile } from "../../core/package-root.js";

export function register(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of a VM spec")
    .addHelpText("after", "\nExample:\n  vmspec schema > vmspec.schema.json\n")
    .action(() => {
      process.stdout.write(readFileSync(packageFile("spec/vmspec.schema.json"), "utf8"));
    });
}
