// `vmspec lint`: specs, command lines, -readconfig files and monitor scripts → findings, in one
// or more formats; the baseline, the cache, fixes and worker threads.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { SEVERITY_ORDER, type Severity } from "../../core/finding.js";
import { packageFile } from "../../core/package-root.js";
import { expandPaths, UsageError, writeAtomic } from "../../core/files.js";
import { enableTiming, timed, timingTable } from "../../core/timing.js";
import { KNOWN_TARGETS } from "../../qemu/targets.js";
import { didYouMean } from "../../spec/validate.js";
import { PROFILES, DEFAULT_PROFILE } from "../../rules/data/profiles.js";
import { LINT_TARGETS, type LintTarget } from "../../rules/rule.js";
import type { InputKind } from "../../lint/lint.js";
import type { RuleSettings } from "../../lint/run.js";
import { BASELINE_FILE, useBaselineFile } from "../../lint/baseline.js";
import { CONFIG_FILE, specFilter } from "../../lint/config.js";
import { lintFiles, type LintRun, type LintRunOptions } from "../../lint/files/lint-files.js";
import { DEFAULT_CACHE_FILE, readCache, writeCache } from "../../lint/files/lint-cache.js";
import { lintFilesParallel, PARALLEL_THRESHOLD, threadsFor, type Concurrency } from "../../lint/files/lint-parallel.js";
import { formatter, LINT_FORMATS, type LintFormat } from "../format.js";
import { checkRuleIds, collect, HOST_HELP, hostOption, qemuVersion, ruleSetting, splitHostValue } from "./shared.js";

function concurrency(v: string): Concurrency {
  if (v === "auto" || v === "off") return v;
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError("expected a number of threads, auto or off");
  return Number(v);
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function nonNegative(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError("expected a whole number");
  return Number(v);
}

/** `--format stylish`, `--format sarif=out.sarif`, ...; GitHub Actions gets annotations by default. */
function parseFormats(given: string[] | undefined): { format: LintFormat; path?: string }[] {
  if (!given?.length) return [{ format: process.env.GITHUB_ACTIONS === "true" ? "github" : "stylish" }];
  return given.map((g) => {
    const eq = g.indexOf("=");
    const name = eq < 0 ? g : g.slice(0, eq);
    if (!(LINT_FORMATS as readonly string[]).includes(name)) {
      throw new UsageError(
        `unknown format ${JSON.stringify(name)}${didYouMean(name, [...LINT_FORMATS], `: expected one of ${LINT_FORMATS.join(", ")}`)}`,
      );
    }
    return { format: name as LintFormat, path: eq < 0 ? undefined : g.slice(eq + 1) };
  });
}

export function register(program: Command): void {
  program
    .command("lint")
    .description("check VM specs, command lines, -readconfig files and monitor scripts against the rulebook")
    .argument(
      "[paths...]",
      `spec files or folders (every *.vmspec.yaml / *.vmspec.yml below, or the files: globs of ${CONFIG_FILE}), or - for standard input; a shell script, systemd unit or -readconfig file named here is read as one`,
    )
    .option(
      "--argv <file>",
      "lint a shell script or systemd unit: every qemu-system-* command in it; - for standard input; repeatable",
      collect,
    )
    .option("--readconfig <file>", "lint a QEMU -readconfig file; repeatable", collect)
    .option("--qmp <file>", "lint a QMP script (JSON objects, one per line or pretty-printed, or arrays of them); repeatable", collect)
    .option("--hmp <file>", "lint an HMP script (one command per line); repeatable", collect)
    .option(
      "--libvirt <file>",
      "lint a libvirt domain XML (also: any *.xml path given, and standard input starting with <domain); repeatable",
      collect,
    )
    .option(
      "-f, --format <format[=path]>",
      `output format (${LINT_FORMATS.join(", ")}), to standard output or to a file; repeatable`,
      collect,
    )
    .addOption(
      new Option("--failure-threshold <severity>", "exit 1 when a finding is at or over this severity")
        .choices(["error", "warning", "info"])
        .default("error"),
    )
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", nonNegative)
    .addOption(
      new Option(
        "--profile <id>",
        `the support statement to lint against (default: a spec's # vmspec-profile comment, the configuration's, or ${DEFAULT_PROFILE})`,
      ).choices(Object.keys(PROFILES)),
    )
    .option("--config <file>", `use this configuration instead of the nearest ${CONFIG_FILE}`)
    .option(
      "--qemu <version>",
      `target QEMU version: what it removed or deprecates is reported, and specs compile for it (${KNOWN_TARGETS.join(", ")}; default: the --host binary's, else the profile's)`,
      qemuVersion,
    )
    .option("--host [binary]", HOST_HELP)
    .addOption(
      new Option(
        "--target <engine>",
        `what specs are linted for: qemu, or kubevirt (adds KubeVirt's arm64 rules; QEMU versions judged against virt-launcher's QEMU 7.2 unless --qemu) (default: the configuration's, or qemu)`,
      ).choices(LINT_TARGETS),
    )
    .option("--rule <id=severity>", "set a rule's severity (off, info, warning, error); repeatable", ruleSetting)
    .option("--check-images", "also inspect existing disk images with the real qemu-img")
    .option(
      "--concurrency <n>",
      `worker threads: a number, auto (spread runs of ${PARALLEL_THRESHOLD} inputs or more over all CPUs but one) or off`,
      concurrency,
      "auto",
    )
    .option(
      "--cache",
      `keep results between runs: a spec whose content and settings are unchanged is not linted again (not with --fix or --check-images)`,
    )
    .option("--cache-location <file>", `the cache file (default ./${DEFAULT_CACHE_FILE})`)
    .option("--stats", "print the time spent per phase and per rule on standard error (also VMSPEC_TIMING=1); runs on one thread")
    .option("--fix", "apply the safe fixes to the files (atomically), then report what is left")
    .option("--fix-dry-run", "print the safe fixes as a unified diff instead of applying them")
    .option("--suppress-all", `record every current finding in the baseline (${BASELINE_FILE}); later runs report only new ones`)
    .option("--suppress-rule <id>", "record the current findings of this rule in the baseline; repeatable", collect)
    .option("--prune-suppressions", "lower the baseline's counts to what is found now")
    .option("--suppressions-location <file>", `the baseline file (default ./${BASELINE_FILE})`)
    .option("--watch", "lint again on every change to the files, folders or configuration, printing what a new run prints")
    .addHelpText(
      "after",
      "\nExamples:\n  vmspec lint examples/\n  vmspec lint --argv launch.sh --format json\n  vmspec lint vm.yaml --rule runs-as-root=off --check-images\n",
    )
    .action(
      async (
        paths: string[],
        o: {
          argv?: string[];
          readconfig?: string[];
          qmp?: string[];
          hmp?: string[];
          libvirt?: string[];
          format?: string[];
          failureThreshold: Severity;
          maxWarnings?: number;
          profile?: string;
          config?: string;
          fix?: boolean;
          fixDryRun?: boolean;
          suppressAll?: boolean;
          suppressRule?: string[];
          pruneSuppressions?: boolean;
          suppressionsLocation?: string;
          qemu?: [number, number];
          target?: LintTarget;
          host?: string | boolean;
          rule?: RuleSettings;
          checkImages?: boolean;
          stats?: boolean;
          concurrency: Concurrency;
          cache?: boolean;
          cacheLocation?: string;
          watch?: boolean;
        },
      ) => {
        const split = splitHostValue(o.host);
        if (split.input !== undefined) paths = [split.input, ...paths];
        o.host = split.host;
        const outputs = parseFormats(o.format);
        if (o.stats) enableTiming();
        const inputsNow = (): [InputKind, string][] => [
          ...(paths.length ? expandPaths(paths, specFilter(o.config)) : []).map((f): [InputKind, string] => [
            /\.xml$/i.test(f) ? "libvirt" : /\.(sh|bash|service)$/i.test(f) ? "argv" : "spec",
            f,
          ]),
          ...(o.argv ?? []).map((f): [InputKind, string] => ["argv", f]),
          ...(o.readconfig ?? []).map((f): [InputKind, string] => ["readconfig", f]),
          ...(o.qmp ?? []).map((f): [InputKind, string] => ["qmp", f]),
          ...(o.hmp ?? []).map((f): [InputKind, string] => ["hmp", f]),
          ...(o.libvirt ?? []).map((f): [InputKind, string] => ["libvirt", f]),
        ];
        const inputs = inputsNow();
        if (inputs.length === 0)
          throw new UsageError("nothing to lint: give spec files or folders, or --argv, --readconfig, --qmp, --hmp or --libvirt");
        checkRuleIds(o.rule);
        if (o.watch) {
          // A watch prints reports; what changes files or the baseline is a run of its own.
          const refused = (
            [
              ["--fix", o.fix],
              ["--fix-dry-run", o.fixDryRun],
              ["--suppress-all", o.suppressAll],
              ["--suppress-rule", o.suppressRule],
              ["--prune-suppressions", o.pruneSuppressions],
              ["--cache", o.cache || o.cacheLocation],
            ] as const
          ).find(([, v]) => v);
          if (refused)
            throw new UsageError(`--watch cannot be used with ${refused[0]} (a watch keeps its results in memory and changes no file)`);
          if (inputs.some(([, f]) => f === "-")) throw new UsageError("--watch cannot read standard input: name the files");
          // Loaded only by a watch.
          const [{ watchLint }, { createLinter }] = await Promise.all([import("../watch.js"), import("../../lint/files/linter.js")]);
          const linter = createLinter({ config: o.config, profile: o.profile, qemu: o.qemu, rules: o.rule, checkImages: o.checkImages });
          return watchLint({
            inputs: inputsNow,
            folders: paths.filter((p) => p !== "-" && isFolder(p)),
            config: o.config,
            linter,
            print: (run) => printRun(run, o, outputs),
          });
        }
        // Progress for people waiting at a terminal on a large run; never in CI logs.
        const progress = inputs.length > 200 && Boolean(process.stderr.isTTY) && !process.env.CI;
        const cacheFile = o.cache || o.cacheLocation ? resolve(o.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined;
        const options: LintRunOptions = {
          cache: cacheFile && !o.fix && !o.fixDryRun && !o.checkImages ? readCache(cacheFile) : undefined,
          config: o.config,
          profile: o.profile,
          qemu: o.qemu,
          target: o.target,
          host: hostOption(o.host),
          rules: o.rule,
          checkImages: o.checkImages,
          fix: o.fixDryRun ? "dry-run" : o.fix ? "apply" : undefined,
          onProgress: progress
            ? (done: number, total: number) => void (done % 50 === 0 && process.stderr.write(`\rvmspec: ${done}/${total} files`))
            : undefined,
        };
        // Timing is per thread, so --stats measures a run on one. A cached run mostly reads and
        // hashes files, which threads do not speed up: auto keeps it on one.
        const threads = o.stats || (options.cache && o.concurrency === "auto") ? 1 : threadsFor(o.concurrency, inputs.length);
        const run =
          threads > 1 ? await lintFilesParallel(inputs, options, threads, packageFile("cli/vmspec.cjs")) : lintFiles(inputs, options);
        if (progress) process.stderr.write("\r\x1b[K");
        if (cacheFile && run.cache) writeCache(cacheFile, run.cache);
        await printRun(run, o, outputs);
        const timing = timingTable();
        if (timing) process.stderr.write(timing);
      },
    );
}

/** The options printRun reads. */
interface PrintOptions {
  suppressRule?: string[];
  suppressionsLocation?: string;
  suppressAll?: boolean;
  pruneSuppressions?: boolean;
  fixDryRun?: boolean;
  failureThreshold: Severity;
  maxWarnings?: number;
}

/** A run's report: the baseline applied, each format printed or written, the exit code set. The same for a watch's every run. */
async function printRun(run: LintRun, o: PrintOptions, outputs: { format: LintFormat; path?: string }[]): Promise<void> {
  if (o.suppressRule) checkRuleIds(Object.fromEntries(o.suppressRule.map((id) => [id, "off"])));
  const baseline = useBaselineFile(run.files, {
    path: o.suppressionsLocation,
    suppressAll: o.suppressAll,
    suppressRules: o.suppressRule,
    prune: o.pruneSuppressions,
  });
  if (baseline.prunable > 0)
    process.stderr.write(
      `vmspec: ${baseline.prunable} baseline entries in ${baseline.path} cover more than is found now (or name files that do not exist): run with --prune-suppressions\n`,
    );
  const files = baseline.files;
  if (o.fixDryRun) {
    // Loaded only by a dry run, not at every start.
    const { unifiedDiff } = await import("../diff.js");
    process.stdout.write(run.fixes.map((f) => unifiedDiff(f.file, f.before, f.after)).join(""));
  }
  // A clean run prints nothing to colour: it does not make process.stdout (a pipe's loads net).
  const anyFinding = files.some((f) => f.findings.length > 0);
  for (const out of outputs) {
    const format = await formatter(out.format);
    const text = timed("format", () =>
      format(files, {
        color: !out.path && anyFinding && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        stepSummary: out.format === "github" ? process.env.GITHUB_STEP_SUMMARY : undefined,
      }),
    );
    if (out.path) writeAtomic(out.path, text);
    else if (!o.fixDryRun && text) process.stdout.write(text); // a dry run's standard output is the diff
  }
  const all = files.flatMap((f) => f.findings);
  const over = all.some((x) => SEVERITY_ORDER[x.severity] <= SEVERITY_ORDER[o.failureThreshold]);
  const warnings = all.filter((x) => x.severity === "warning").length;
  if (over || (o.maxWarnings !== undefined && warnings > o.maxWarnings)) process.exitCode = 1;
}
