// A warm linter: one process that lints the same files again and again (`vmspec lint --watch`,
// a language server). It holds the configuration, the profile and the compiled rulebook (warm in
// V8 after the first run) and each input's last result, and lints again only what it is told has
// changed. A result is the one a fresh `vmspec lint` run gives for the same content and settings.
import type { FileFindings } from "../../core/finding.js";
import type { InputKind } from "../lint.js";
import { basename, resolve } from "node:path";
import { CONFIG_FILE, forgetConfigs, type LoadedConfig } from "../config.js";
import { collect, explicitConfig, lintOne, lintRange, type InputResult, type LintRun, type LintRunOptions } from "./lint-files.js";

/** What a warm linter is made with: a run's options without the per-run ones (--cache, --fix). */
export type LinterOptions = Omit<LintRunOptions, "cache" | "fix" | "onProgress">;

export interface Linter {
  /**
   * Lints `inputs` as `vmspec lint` does (in order, on this thread). An input linted before keeps
   * its result unless `changed` names it (a path as given in `inputs`); without `changed`, every
   * input is linted again.
   */
  lint(inputs: [InputKind, string][], changed?: Iterable<string>): LintRun;
  /**
   * Lints `text` as the content of `file` (an editor's unsaved buffer): the configuration that
   * applies to `file`, its folder for relative paths. Not held: the next lint() reads the file.
   */
  lintText(kind: InputKind, file: string, text: string): FileFindings | undefined;
  /**
   * Forgets held results (of `file`, or all) and, when a configuration file changed (or with no
   * argument), the configurations read so far.
   */
  forget(file?: string): void;
  /** How many inputs have a held result. */
  readonly size: number;
}

const key = (kind: InputKind, file: string) => `${kind}\0${file}`;
const encoder = new TextEncoder();

export function createLinter(options: LinterOptions = {}): Linter {
  const o: LintRunOptions = { ...options };
  let explicit: LoadedConfig | undefined | null = null;
  // The --config file is read on first use (and again after forget()), so an error in it is a run's.
  const config = () => (explicit === null ? (explicit = explicitConfig(o)) : explicit);
  const held = new Map<string, InputResult>();
  return {
    lint(inputs, changed) {
      const again = changed ? new Set(changed) : undefined;
      // Everything again (the first run, a configuration change): the batch loop of a run, which reads files ahead.
      const fresh = again ? undefined : lintRange(inputs, 0, inputs.length, o, config() ?? undefined);
      const results: InputResult[] = [];
      const now = new Map<string, InputResult>();
      for (let i = 0; i < inputs.length; i++) {
        const [kind, file] = inputs[i];
        const k = key(kind, file);
        // Standard input is never the same twice.
        let r = fresh ? fresh[i] : again && file !== "-" && !again.has(file) ? held.get(k) : undefined;
        if (!r) r = lintOne(kind, file, o, config() ?? undefined);
        now.set(k, r);
        results.push(r);
      }
      // Inputs no longer listed (deleted files) are dropped.
      held.clear();
      for (const [k, r] of now) held.set(k, r);
      return collect(results, o);
    },
    lintText(kind, file, text) {
      return lintOne(kind, file, o, config() ?? undefined, { bytes: encoder.encode(text) }).file;
    },
    forget(file) {
      if (file === undefined || basename(file) === CONFIG_FILE || (o.config !== undefined && resolve(file) === resolve(o.config))) {
        held.clear();
        forgetConfigs();
        explicit = null;
        return;
      }
      for (const k of [...held.keys()]) if (k.endsWith(`\0${file}`)) held.delete(k);
    },
    get size() {
      return held.size;
    },
  };
}
