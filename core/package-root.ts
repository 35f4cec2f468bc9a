// Finds files shipped with the package, whether running from source (tsx, vitest) or from dist/.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The folder holding vmspec's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("vmspec: cannot find its package.json");
    dir = up;
  }
  return (root = dir);
}

/** Absolute path of a file shipped with the package, e.g. `spec/vmspec.schema.json`. */
export function packageFile(relative: string): string {
  return join(packageRoot(), relative);
}

let version: string | undefined;
/** vmspec's version, from its package.json (read once). */
export function packageVersion(): string {
  return (version ??= (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version);
}
