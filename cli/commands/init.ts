// `vmspec init`: a starter spec and configuration (the work is in cli/init.ts, loaded only when
// this command runs).
import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("init")
    .description("write a starter VM spec with the editor schema modeline, and a commented .vmspec.yaml beside it")
    .argument("[file]", "the spec to write", "vm.vmspec.yaml")
    .option("--force", "replace the file if it exists")
    .option("--schema-url <url>", "point the modeline at this URL instead of the installed schema")
    .addHelpText("after", "\nExample:\n  vmspec init web01.vmspec.yaml && vmspec lint web01.vmspec.yaml\n")
    .action(async (file: string, o: { force?: boolean; schemaUrl?: string }) => {
      const { init } = await import("../init.js");
      for (const written of init(file, o)) process.stdout.write(`wrote ${written}\n`);
    });
}
