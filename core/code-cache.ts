// Loads a large CommonJS file that only some runs need (the full schema validator, which only a
// spec with a schema error loads) through V8's code cache, as cli/vmspec.cjs loads the bundle: no
// module resolution, and no parsing or compiling again across runs. The cache is written at the
// end of a run that found none (or one V8 rejected: another Node version), when its folder is
// writable; otherwise the file is loaded without one.
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Script } from "node:vm";
import Module, { createRequire } from "node:module";

/**
 * V8 checks a cache only against its source's length, so the cache starts with the size and
 * modification time of the source it was made from (a line of ASCII, then V8's data): a cache of
 * another version of the file is not used (`npm run schema` rewrites the validator), and a copy
 * whose times were reset (an npm package) writes its own on its first run. Hashing the source
 * instead costs about a millisecond, a stat a few microseconds.
 */
function stampOf(file: string): Buffer {
  const st = statSync(file);
  return Buffer.from(`${st.size}:${st.mtimeMs}\n`, "latin1");
}

/**
 * Runs `file` as a CommonJS module and returns its exports. `modules` answers its require()s
 * first (the ones the caller already has loaded); any other goes through Node's require.
 */
export function loadCommonJs(
  file: string,
  cacheFile: string,
  modules: Record<string, unknown> = {},
): { exports: unknown; fromCache: boolean } {
  const stamp = stampOf(file);
  const source = readFileSync(file, "utf8");
  let cachedData: Buffer | undefined;
  try {
    const bytes = readFileSync(cacheFile);
    if (bytes.length > stamp.length && bytes.subarray(0, stamp.length).equals(stamp)) cachedData = bytes.subarray(stamp.length);
  } catch {
    // no cache yet
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  // Lint workers (--concurrency) load it too; only the main thread writes the cache.
  if (process.env.VMSPEC_LINT_WORKER !== "1" && (!cachedData || script.cachedDataRejected)) {
    // Written at exit, so the cache holds every function the run compiled.
    process.once("exit", () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, Buffer.concat([stamp, script.createCachedData()]));
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only install: load it without a cache
      }
    });
  }
  const nodeRequire = createRequire(file);
  const require = (id: string): unknown => (Object.hasOwn(modules, id) ? modules[id] : nodeRequire(id));
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  return { exports: module.exports, fromCache: cachedData !== undefined && !script.cachedDataRejected };
}
