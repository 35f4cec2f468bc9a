// `vmspec lint --cache`: results of spec files kept between runs, like ESLint's .eslintcache. An
// entry is reused only when the file's content, the settings that apply to it (configuration,
// profile, target, rule severities) and the vmspec version are all unchanged. A spec's findings
// depend on nothing else (no rule reads the file system), so only specs are cached; command lines
// may name a -readconfig file and are always linted again.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FileFindings } from "../spec/finding.js";
import { writeAtomic } from "../spec/files.js";
import { packageFile } from "../spec/package-root.js";

export const DEFAULT_CACHE_FILE = ".vmspeccache";
const FORMAT = 1;

/** path → [content hash, settings hash, result]. */
export type CacheEntries = Record<string, [string, string, FileFindings]>;

interface CacheFile {
  format: number;
  vmspec: string;
  entries: CacheEntries;
}

let version: string | undefined;
function vmspecVersion(): string {
  return (version ??= (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version);
}

export function contentHash(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("base64");
}

const settingsHashes = new Map<string, string>();
/** A short hash of the settings a result depends on (memoised: most files share them). */
export function settingsHash(settings: unknown): string {
  const json = JSON.stringify(settings);
  let h = settingsHashes.get(json);
  if (!h) settingsHashes.set(json, (h = createHash("sha1").update(json).digest("base64")));
  return h;
}

/** The entries of a cache file; none when it is missing, unreadable or from another version. */
export function readCache(path: string): CacheEntries {
  try {
    const c = JSON.parse(readFileSync(path, "utf8")) as CacheFile;
    return c.format === FORMAT && c.vmspec === vmspecVersion() && typeof c.entries === "object" && c.entries ? c.entries : {};
  } catch {
    return {};
  }
}

/** Writes the cache atomically (a failed write never leaves half a cache). */
export function writeCache(path: string, entries: CacheEntries): void {
  const c: CacheFile = { format: FORMAT, vmspec: vmspecVersion(), entries };
  writeAtomic(path, JSON.stringify(c));
}
