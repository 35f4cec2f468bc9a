// Reading inputs (files, folders, standard input) and writing outputs atomically.
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import type { Dirent } from "node:fs";
import { MAX_SPEC_BYTES } from "./limits.js";
import { basename, dirname, join, normalize, resolve, sep } from "node:path";

/** The folder an input's relative paths resolve against: its own folder (the working one for stdin). */
export function baseDirOf(file: string): string {
  return file === "-" ? process.cwd() : dirname(resolve(file));
}

/** The folder part of the last file resolved, and what it resolved to (see resolveFile). */
let lastFolder: string | undefined;
let lastCwd = "";
let lastResolved = "";

/**
 * resolve(file) for a file's name, with its folder resolved once for a run of files in the same
 * folder (a folder walk lists them so): path.resolve normalises every segment of the whole path
 * again for each file. Names it cannot split safely go to path.resolve.
 */
export function resolveFile(file: string): string {
  const cut = file.lastIndexOf("/");
  if (sep !== "/" || cut <= 0 || cut === file.length - 1) return resolve(file);
  const name = file.slice(cut + 1);
  if (name === "." || name === "..") return resolve(file);
  const folder = file.slice(0, cut);
  // A relative folder resolves against the working folder, which may have changed since.
  const cwd = folder.charCodeAt(0) === 47 /* / */ ? "" : process.cwd();
  if (folder !== lastFolder || cwd !== lastCwd) {
    lastResolved = resolve(folder);
    lastFolder = folder;
    lastCwd = cwd;
  }
  return lastResolved === "/" ? "/" + name : lastResolved + "/" + name;
}

/** A problem with the command line or the file system: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** "cannot read <path>: <why>", in words rather than an errno code. */
export function describe(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: "no such file or folder",
    EACCES: "permission denied",
    EISDIR: "is a folder",
    ELOOP: "too many symbolic links",
    ENOTDIR: "not a folder",
  };
  return `cannot read ${path}: ${why[code ?? ""] ?? (e as Error).message}`;
}

// One buffer reused for every read: a fleet run reads thousands of small files, and neither a
// stat nor a fresh allocation per file is needed to read one.
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads an input. A file larger than `limit` is not read whole: the first limit + 1 bytes are
 * enough for the loader to refuse it by size, before any parsing.
 */
export function readInput(path: string, limit = MAX_SPEC_BYTES): Uint8Array {
  try {
    if (path === "-") return readFileSync(0);
    const fd = openSync(path, "r");
    try {
      let n = 0;
      for (;;) {
        if (n === scratch.length) {
          if (n > limit) break;
          const bigger = Buffer.allocUnsafe(Math.min(scratch.length * 4, limit + 1 + 64 * 1024));
          scratch.copy(bigger, 0, 0, n);
          scratch = bigger;
        }
        const got = readSync(fd, scratch, n, Math.min(scratch.length, limit + 1) - n, null);
        if (got === 0) break;
        n += got;
        if (n > limit) break;
      }
      // A copy: the scratch buffer is reused by the next read.
      return Uint8Array.prototype.slice.call(scratch, 0, n);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new UsageError(describe(e, path));
  }
}

/** The files a folder walk takes by default: the names the editor association and the pre-commit hook use. */
export const SPEC_FILE = /\.vmspec\.ya?ml$/;
const YAML_FILE = /\.ya?ml$/;

/** Decides whether a file found by walking a folder is a spec (`path` as the walk names it). */
export type SpecFilter = (path: string, name: string) => boolean;
const defaultFilter: SpecFilter = (_path, name) => SPEC_FILE.test(name);

/**
 * Expands files and folders into spec files. Folders: the files below them that `accept` takes
 * (by default every *.vmspec.yaml / *.vmspec.yml), sorted; files named are always taken. A file
 * reached more than once (named and through its folder, `./a` and `a`, or through a symbolic
 * link) is listed once, under the first name it was reached by.
 */
export function expandPaths(paths: string[], accept: SpecFilter = defaultFilter): string[] {
  const out: string[] = [];
  // Real paths of the files listed, so that none is linted (and reported) twice.
  const listed = new Set<string>();
  const add = (p: string, real: string) => {
    if (listed.has(real)) return;
    listed.add(real);
    out.push(p);
  };
  // Real paths of the folders walked: a symbolic link back up the tree is walked once, not forever.
  const visited = new Set<string>();
  let skipped = 0;
  const walk = (dir: string, depth: number): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (e) {
      throw new UsageError(describe(e, dir));
    }
    if (visited.has(real)) return;
    visited.add(real);
    if (depth > 64) throw new UsageError(`cannot read ${dir}: folders nest too deeply`);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      throw new UsageError(describe(e, dir));
    }
    // join(dir, name) for names readdir gives (no separators, never "." or ".."), without
    // normalising the folder again for each of its files.
    const base = normalize(dir);
    const prefix = base === "." ? "" : base.endsWith(sep) ? base : base + sep;
    const realPrefix = real.endsWith(sep) ? real : real + sep;
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith(".") || name === "node_modules") continue;
      const p = prefix + name;
      // The entry's own type saves a stat per file; links (and unknown types) are followed.
      const plain = entry.isFile();
      let isDir = entry.isDirectory();
      if (!isDir && !plain) {
        try {
          isDir = statSync(p).isDirectory();
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "ENOENT" || code === "ELOOP") continue; // a dangling or looping link inside a folder is not a spec
          throw new UsageError(describe(e, p));
        }
      }
      if (isDir) walk(p, depth + 1);
      else if (accept(p, name)) add(p, plain ? realPrefix + name : realpathSync(p));
      else if (YAML_FILE.test(name)) skipped++;
    }
  };
  for (const p of paths) {
    if (p === "-") {
      add(p, p);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new UsageError(describe(e, p));
    }
    if (!st.isDirectory()) {
      add(p, realOf(p));
      continue;
    }
    const before = out.length;
    skipped = 0;
    walk(p, 0);
    // Nothing new is fine when the folder's specs were all listed before (named, or walked twice).
    if (out.length === before && !listedUnder(listed, realpathSync(p))) {
      throw new UsageError(
        `no spec files in ${p}: folders are walked for *.vmspec.yaml and *.vmspec.yml, or the files: globs of .vmspec.yaml` +
          (skipped
            ? ` (${skipped} other *.yaml / *.yml ${skipped === 1 ? "file" : "files"} there: rename them, add files: globs, or name them on the command line)`
            : ""),
      );
    }
  }
  return out;
}

/** A named file's real path (a pipe such as /dev/fd/63 may have none: then its absolute path). */
function realOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Whether some file already listed is below `dir` (a folder whose specs were all named before). */
function listedUnder(listed: Set<string>, dir: string): boolean {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  for (const real of listed) if (real.startsWith(prefix)) return true;
  return false;
}

/**
 * Writes a file atomically: a temporary file in the same folder, then a rename over the target,
 * so a crash never leaves half a file. An existing file keeps its permissions.
 */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // a new file
  }
  try {
    const fd = openSync(tmp, "wx", mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created
    }
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`);
  }
}
