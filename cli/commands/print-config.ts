// `vmspec print-config <file>`: the configuration that applies to a file, merged.
import type { Command } from "commander";
import { DEFAULT_PROFILE } from "../../rules/data/profiles.js";
import { CONFIG_FILE, effectiveConfig, findConfig, readConfig } from "../../lint/config.js";

export function register(program: Command): void {
  program
    .command("print-config")
    .description("print the configuration that applies to a file")
    .argument("<file>", "a file that would be linted")
    .option("--config <file>", `use this configuration instead of the nearest ${CONFIG_FILE}`)
    .addHelpText("after", "\nExample:\n  vmspec print-config vms/web01.yaml\n")
    .action((file: string, o: { config?: string }) => {
      const eff = effectiveConfig(file, o.config ? readConfig(o.config) : findConfig(file));
      process.stdout.write(JSON.stringify({ ...eff, profile: eff.profile ?? DEFAULT_PROFILE }, null, 2) + "\n");
    });
}
