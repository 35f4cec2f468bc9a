// Builds the extension for packaging (`npm run vscode` at the top of the repository): bundles
// src/extension.ts with the language client into out/extension.js and copies the JSON Schema in,
// then `vsce package` writes vmspec-<version>.vsix without touching the network.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
mkdirSync(`${here}out`, { recursive: true });
await build({
  entryPoints: [`${here}src/extension.ts`],
  outfile: `${here}out/extension.js`,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  external: ["vscode"],
  minify: true,
  logLevel: "warning",
});
copyFileSync(`${here}../../spec/vmspec.schema.json`, `${here}vmspec.schema.json`);
