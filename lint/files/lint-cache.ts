// `vmspec lint --cache`: results of spec files kept between runs, like ESLint's .eslintcache. An
// entry is reused only when the file's content, the settings that apply to it (configuration,
// profile, target, rule severities) and the vmspec version are all unchanged. The content is known
// unchanged without reading it when the file's stamp (fileStamp) is the one recorded with its hash. A spec's findings
// depend on nothing else (no rule reads the file system), so only specs are cached; command lines
// may name a -readconfig file and are always linted again.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { FileFindings } from "../../core/finding.js";
import { writeAtomic } from "../../core/files.js";
import { packageVersion } from "../../core/package-root.js";
import type { Claims } from "./shared-paths.js";

export const DEFAULT_CACHE_FILE = ".vmspeccache";
const FORMAT = 6;

/** A cached result: the findings (and source) of a file, without its name; 0 for none. */
export type CachedResult = Omit<FileFindings, "file"> | 0;

/** path → [content hash, settings hash, result, file stamp when the content was hashed, host paths the VM takes]. */
export type CacheEntries = Record<string, [string, string, CachedResult, (string | undefined)?, (Claims | undefined)?]>;

/**
 * On disk, each distinct settings hash is written once (entries hold its index) and a clean
 * result is 0: a cache of 10,000 clean files is half the size, and reading it makes a fifth of the
 * objects.
 */
interface CacheFile {
  format: number;
  vmspec: string;
  settings: string[];
  entries: Record<string, [string, number, CachedResult, (string | null)?, Claims?]>;
}

/** A result as cached (see CachedResult). */
export function cachedResult(r: FileFindings): CachedResult {
  if (r.findings.length === 0 && r.source === undefined) return 0;
  const { file: _file, ...rest } = r;
  return rest;
}

/** A cached result as the result of the file `shown`. */
export function resultOf(c: CachedResult, shown: string): FileFindings {
  return c === 0 ? { file: shown, findings: [] } : { file: shown, ...c };
}

export function contentHash(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("base64");
}

/** Files changed this recently are hashed every time (their stamp could repeat within a tick). */
const RACY_MS = 2000;

/**
 * A stamp of the file's identity and last change: size, modification and status-change times (in
 * milliseconds with their fraction, which keeps a fraction of a microsecond), inode and device.
 * The status-change time moves on every write and cannot be set back (unlike the modification
 * time), so an unchanged stamp means unchanged content, as git's index assumes. Undefined for a
 * file changed in the last two seconds ("racily clean" in git's words), which is then read and
 * hashed. (Plain numbers rather than BigInt nanoseconds: a BigInt stat makes some twenty heap
 * objects, which on 10,000 files is most of a cached run's garbage collection.)
 */
export function fileStamp(path: string): string | undefined {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return undefined;
  const now = Date.now();
  if (now - st.ctimeMs < RACY_MS || now - st.mtimeMs < RACY_MS) return undefined;
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.dev}`;
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
    if (c.format !== FORMAT || c.vmspec !== packageVersion() || typeof c.entries !== "object" || !c.entries || !Array.isArray(c.settings))
      return {};
    const entries = c.entries as unknown as CacheEntries;
    // The settings indexes become the hashes again, in place.
    for (const k in entries) {
      const e = entries[k];
      e[1] = c.settings[e[1] as unknown as number] ?? "";
      // A stamp written as null (to hold the claims after it) is no stamp.
      if (e[3] === null) e[3] = undefined;
    }
    return entries;
  } catch {
    return {};
  }
}

/** Writes the cache atomically (a failed write never leaves half a cache). */
export function writeCache(path: string, entries: CacheEntries): void {
  const settings: string[] = [];
  const index = new Map<string, number>();
  const out: CacheFile["entries"] = {};
  for (const k in entries) {
    const [hash, s, result, stamp, claims] = entries[k];
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = settings.push(s) - 1));
    out[k] = claims ? [hash, i, result, stamp ?? null, claims] : stamp === undefined ? [hash, i, result] : [hash, i, result, stamp];
  }
  writeAtomic(path, JSON.stringify({ format: FORMAT, vmspec: packageVersion(), settings, entries: out } satisfies CacheFile));
}
