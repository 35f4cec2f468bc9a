// core/code-cache.ts in the playground: the full schema validator comes from the bundle (there is
// no file to read nor V8 cache to keep in a page).
import { createRequire } from "./module.js";

export function loadCommonJs(file: string): { exports: unknown; fromCache: boolean } {
  if (!file.endsWith("spec/generated/validate-schema.cjs")) throw new Error(`the playground cannot load ${file}`);
  return { exports: createRequire()("./spec/generated/validate-schema.cjs"), fromCache: false };
}
