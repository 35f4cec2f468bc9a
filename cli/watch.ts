// `vmspec lint --watch`: lints, prints what a fresh `vmspec lint` prints, then waits for a change to
// an input, a configuration file or a watched folder and does it again — in the same process, so
// the rulebook stays compiled and only the changed files are linted again (lint/linter.ts).
// Loaded only by a run with --watch (a literal import() in cli/commands/lint.ts).
import { existsSync, statSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../core/files.js";
import { CONFIG_FILE, ConfigError } from "../lint/config.js";
import type { InputKind } from "../lint/lint.js";
import type { Linter } from "../lint/files/linter.js";
import type { LintRun } from "../lint/files/lint-files.js";

export interface WatchOptions {
  /** The inputs now (folders walked again when files come and go). */
  inputs(): [InputKind, string][];
  /** The folders named on the command line: new files in them are linted too. */
  folders: string[];
  /** A configuration given with --config (watched like .vmspec.yaml). */
  config?: string;
  linter: Linter;
  /** Prints a run exactly as a run without --watch does. */
  print(run: LintRun): Promise<void>;
  /** Editors write a file in several steps (truncate, write, rename): a change is linted once none has come for this long. */
  settleMs?: number;
}

/** Clears a terminal before each new report (as tsc --watch does); never a file or a pipe. */
const CLEAR = "\x1b[2J\x1b[3J\x1b[H";

export async function watchLint(w: WatchOptions): Promise<never> {
  const settle = w.settleMs ?? 15;
  const watchers = new Map<string, FSWatcher>();
  /** Absolute path → the input's path as given. */
  let byPath = new Map<string, string>();
  let inputs: [InputKind, string][] = [];
  let changed = new Set<string>();
  let everything = true;
  let walk = true;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      cycle(false).catch((e: unknown) => {
        process.stderr.write(`vmspec: internal error: ${(e as Error)?.message ?? String(e)}\n`);
        process.exit(3);
      });
    }, settle);
  };

  const onEvent = (dir: string, event: string, name: string | Buffer | null) => {
    if (name === null) {
      everything = walk = true;
      return schedule();
    }
    const path = join(dir, String(name));
    if (basename(path) === CONFIG_FILE || (w.config && path === resolve(w.config))) {
      w.linter.forget(path);
      everything = walk = true;
    } else {
      const given = byPath.get(path);
      if (given !== undefined) changed.add(given);
      // A file made, removed or renamed: walk the folders again.
      if (event === "rename") {
        walk = true;
        if (isFolder(path)) watchFolder(path);
      }
      if (given === undefined && event !== "rename") return;
    }
    schedule();
  };

  const watchFolder = (dir: string) => {
    if (watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: true }, (event, name) => onEvent(dir, event, name));
      // A folder that goes away is walked again at the next change.
      watcher.on("error", () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    } catch {
      // a folder that cannot be watched (gone, or no permission)
    }
  };

  /** One lint and report; the first one's errors end the command, as they end a run without --watch. */
  const cycle = async (first: boolean): Promise<void> => {
    timer = undefined;
    if (running) return schedule();
    running = true;
    const started = performance.now();
    const again = everything ? undefined : changed;
    const before = inputs;
    changed = new Set();
    everything = false;
    try {
      if (walk) {
        walk = false;
        inputs = w.inputs();
        byPath = new Map(inputs.filter(([, f]) => f !== "-").map(([, f]) => [resolve(f), f]));
        watchAll();
      }
      // Nothing of ours changed (an editor's swap file, a folder nobody lints): nothing to print.
      if (again && again.size === 0 && sameInputs(before, inputs)) return;
      const run = w.linter.lint(inputs, again);
      if (process.stdout.isTTY) process.stdout.write(CLEAR);
      await w.print(run);
      const ms = performance.now() - started;
      let linted = inputs.length;
      if (again) {
        const was = before === inputs ? undefined : new Set(before.map(([, f]) => f));
        linted = 0;
        for (const [, f] of inputs) if (again.has(f) || (was && !was.has(f))) linted++;
      }
      process.stderr.write(
        `vmspec: linted ${linted} of ${inputs.length} ${inputs.length === 1 ? "file" : "files"} in ${ms.toFixed(1)} ms; watching for changes (Ctrl-C to stop)\n`,
      );
    } catch (e) {
      // What a fresh run would stop on (a broken .vmspec.yaml, a path that is gone) is said, and the watch goes on.
      if (first || !(e instanceof UsageError || e instanceof ConfigError)) throw e;
      process.stderr.write(
        e.message
          .split("\n")
          .map((line) => `vmspec: ${line}\n`)
          .join(""),
      );
      process.stderr.write("vmspec: watching for changes (Ctrl-C to stop)\n");
      everything = walk = true;
    } finally {
      running = false;
    }
  };

  // Folders of the inputs (editors often save by renaming a new file over the old one), the
  // folders named, and those of the configuration files; set up again whenever the inputs are.
  const watchAll = () => {
    for (const f of byPath.keys()) watchFolder(dirname(f));
    for (const d of w.folders) watchFolder(resolve(d));
    if (w.config) watchFolder(dirname(resolve(w.config)));
    for (const d of configFolders(byPath.keys())) watchFolder(d);
  };

  await cycle(true);
  return new Promise<never>(() => {
    // runs until the process is stopped
  });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function sameInputs(a: [InputKind, string][], b: [InputKind, string][]): boolean {
  return a.length === b.length && a.every(([k, f], i) => b[i][0] === k && b[i][1] === f);
}

/** The folders from each input's folder up to the root that hold a .vmspec.yaml (the nearest applies). */
function configFolders(files: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const f of files) {
    for (let dir = dirname(f); !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      if (existsSync(join(dir, CONFIG_FILE))) out.add(dir);
      if (dirname(dir) === dir) break;
    }
  }
  return out;
}
