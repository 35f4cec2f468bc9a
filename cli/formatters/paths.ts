// Where the CI formats (sarif, github, gitlab) say a file is: relative to the repository root, so
// that code scanning, annotations and merge-request widgets find the file whatever folder the lint
// ran from and wherever the checkout is; files outside the root keep an absolute path (a
// `file://` URI in SARIF).
//
// The root is, in order: GITHUB_WORKSPACE or CI_PROJECT_DIR (GitHub's and GitLab's checkout),
// the git top level of the working folder, the git top level of the first linted file in one,
// else the working folder. The git top level is found by looking for `.git` (a folder, or the
// file of a worktree or submodule) upward, without starting git.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/** The nearest folder at or above `dir` holding `.git`, if any. */
export function gitTopLevel(dir: string): string | undefined {
  for (let d = resolve(dir); ;) {
    if (existsSync(join(d, ".git"))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** The folder the report's paths are relative to (see above). */
export function reportRoot(files: string[]): string {
  const env = process.env.GITHUB_WORKSPACE || process.env.CI_PROJECT_DIR;
  if (env) return resolve(env);
  const fromCwd = gitTopLevel(process.cwd());
  if (fromCwd) return fromCwd;
  for (const f of files) {
    if (f === "<stdin>" || f === "-") continue;
    const top = gitTopLevel(dirname(resolve(f)));
    if (top) return top;
  }
  return process.cwd();
}

/** A file's path relative to `root` with "/" separators, or undefined when it is not inside. */
export function inside(root: string, file: string): string | undefined {
  const rel = relative(root, resolve(file));
  if (rel === "" || rel === ".." || rel.startsWith(".." + sep) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/** A path's segments percent-encoded for a URI (spaces, #, %, ?, non-ASCII...). */
const encodePath = (p: string) => p.split("/").map(encodeURIComponent).join("/");

/** An absolute path as a `file://` URI; a folder's ends with "/". */
export function fileUri(abs: string, folder = false): string {
  const p = resolve(abs).split(sep).join("/");
  return `file://${encodePath(p)}${folder && !p.endsWith("/") ? "/" : ""}`;
}

/** For the CI formats: each file's path as the report writes it, and its SARIF artifact location. */
export function reportPaths(files: string[]): {
  root: string;
  /** Relative to the root, or absolute outside it; `<stdin>` stays as it is. */
  path: (file: string) => string;
  /** `{uri, uriBaseId: "%SRCROOT%"}` inside the root, `{uri: "file:///…"}` outside. */
  artifact: (file: string) => { uri: string; uriBaseId?: string };
} {
  const root = reportRoot(files);
  return {
    root,
    path: (file) => (file === "<stdin>" ? file : (inside(root, file) ?? resolve(file))),
    artifact: (file) => {
      if (file === "<stdin>") return { uri: encodePath(file) };
      const rel = inside(root, file);
      return rel === undefined ? { uri: fileUri(file) } : { uri: encodePath(rel), uriBaseId: "%SRCROOT%" };
    },
  };
}
