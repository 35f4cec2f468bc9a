// `vmspec lsp --stdio`: the language server (lsp/). Its code and the protocol library are a bundle
// of their own (dist/vmspec-lsp.cjs), loaded only here, so every other command starts as fast as before.
import { createRequire } from "node:module";
import type { Command } from "commander";
import { packageFile } from "../../core/package-root.js";
import { UsageError } from "../../core/files.js";

export function register(program: Command): void {
  program
    .command("lsp")
    .description("run the vmspec language server (diagnostics, fixes, hover, completion) for editors")
    .option("--stdio", "talk JSON-RPC over standard input and output (the only transport, and the default)")
    .addHelpText("after", "\nEditors start it as: vmspec lsp --stdio   (docs/editors.md)\n")
    .action(() => {
      let server: { runStdio(): void };
      try {
        server = createRequire(import.meta.url)(packageFile("dist/vmspec-lsp.cjs")) as { runStdio(): void };
      } catch (e) {
        throw new UsageError(`the language server is not built: run \`npm run build\` in the vmspec folder (${(e as Error).message})`);
      }
      server.runStdio();
      // The connection keeps the process alive until the client sends exit.
      return new Promise<void>(() => {});
    });
}
