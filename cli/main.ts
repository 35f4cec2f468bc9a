// The vmspec command line: commander parses arguments, the library does the work, this prints.
// Exit codes: 0 clean (or findings below error), 1 findings at error severity, 2 usage or I/O
// error, 3 internal error.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { SEVERITY_ORDER, type Severity } from "../core/finding.js";
import { locate } from "../core/positions.js";
import { packageFile, packageVersion } from "../core/package-root.js";
import { KNOWN_TARGETS, parseTarget } from "../qemu/targets.js";
import { BUILD_FORMATS, buildSpec, type BuildFormat } from "../lint/build.js";
import type { InputKind } from "../lint/lint.js";
import { PROFILES, DEFAULT_PROFILE } from "../rules/data/profiles.js";
import { RULES } from "../rules/index.js";
import { docsUrl } from "../rules/rule.js";
import { BASELINE_FILE, useBaselineFile } from "../lint/baseline.js";
import { lintFiles, type LintRunOptions } from "../lint/files/lint-files.js";
import { DEFAULT_CACHE_FILE, readCache, writeCache } from "../lint/files/lint-cache.js";
import { lintFilesParallel, PARALLEL_THRESHOLD, threadsFor, type Concurrency } from "../lint/files/lint-parallel.js";
import { CONFIG_FILE, ConfigError, effectiveConfig, findConfig, knownRuleIds, readConfig, specFilter, unknownRule } from "../lint/config.js";
import { didYouMean } from "../spec/validate.js";
import type { RuleSettings } from "../lint/run.js";
import { baseDirOf, expandPaths, readInput, UsageError, writeAtomic } from "../core/files.js";
import type { ImportSource } from "../import/import.js";
import type { Finding } from "../core/finding.js";
import { enableTiming, timed, timingTable } from "../core/timing.js";
import { formatter, LINT_FORMATS, type LintFormat } from "./format.js";

const SEVERITIES = ["off", "info", "warning", "error"];

function qemuVersion(v: string) {
  const parsed = parseTarget(v);
  if (!parsed) throw new InvalidArgumentError(`expected a QEMU version such as ${KNOWN_TARGETS.join(" or ")}`);
  return parsed;
}

function ruleSetting(v: string, prev: RuleSettings = {}): RuleSettings {
  const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(v);
  if (!m || !SEVERITIES.includes(m[2])) throw new InvalidArgumentError(`expected <rule-id>=${SEVERITIES.join("|")}`);
  return { ...prev, [m[1]]: m[2] as Severity | "off" };
}

/** Every finding id a --rule may name: the rules, plus the ids of reading and schema problems. */
function checkRuleIds(settings: RuleSettings | undefined): void {
  const known = knownRuleIds();
  for (const id of Object.keys(settings ?? {})) {
    if (known.includes(id)) continue;
    const [head, tail] = unknownRule(id).split(";");
    throw new UsageError(`${head} in --rule${tail ? `;${tail}` : ""}`);
  }
}

function concurrency(v: string): Concurrency {
  if (v === "auto" || v === "off") return v;
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError("expected a number of threads, auto or off");
  return Number(v);
}

function positive(v: string): number {
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError("expected a number from 1");
  return Number(v);
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
      throw new UsageError(`unknown format ${JSON.stringify(name)}${didYouMean(name, [...LINT_FORMATS], `: expected one of ${LINT_FORMATS.join(", ")}`)}`);
    }
    return { format: name as LintFormat, path: eq < 0 ? undefined : g.slice(eq + 1) };
  });
}

function program(): Command {
  const cmd = new Command("vmspec")
    .description("Declarative QEMU/KVM virtual machines: YAML spec → linted qemu-system-aarch64 command line")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cmd
    .command("build")
    .description("compile a VM spec into a qemu-system-aarch64 command line or -readconfig file")
    .argument("<file>", "the VM spec (YAML), or - for standard input")
    .addOption(new Option("-f, --format <format>", "output format").choices(BUILD_FORMATS).default("shell"))
    .option("-o, --output <path>", "write to this file (atomically) instead of standard output")
    .addOption(new Option("--accel <accel>", "override the spec's accelerator for this host").choices(["kvm", "tcg"]))
    .option("--cpu <model>", "override the spec's CPU model for this host")
    .option("--qemu <version>", `target QEMU version (${KNOWN_TARGETS.join(", ")})`, qemuVersion)
    .option("--readconfig-path <path>", "where the -readconfig file will be (default ./<vm name>.cfg)")
    .option("--rule <id=severity>", "set a rule's severity (off, info, warning, error); repeatable", ruleSetting)
    .addHelpText("after", "\nExamples:\n  vmspec build examples/minimal-uefi.yaml\n  vmspec build vm.yaml --format json --accel tcg --cpu cortex-a57 --qemu 7.2\n")
    .action(async (file: string, o: { format: BuildFormat; output?: string; accel?: "kvm" | "tcg"; cpu?: string; qemu?: [number, number]; readconfigPath?: string; rule?: RuleSettings }) => {
      checkRuleIds(o.rule);
      const eff = effectiveConfig(file, findConfig(file), o.rule);
      const bytes = readInput(file);
      const result = buildSpec(bytes, {
        profile: eff.profile,
        format: o.format,
        baseDir: baseDirOf(file),
        qemu: o.qemu,
        overrides: { accel: o.accel, cpu: o.cpu },
        rules: eff.rules,
        suppressions: { file: file === "-" ? "<stdin>" : file, requireReasons: eff.requireSuppressionReasons, unused: eff.unusedSuppressions },
        readconfigPath: o.readconfigPath,
      });
      // Build reports errors and warnings; info findings are for `lint`.
      const located = locate(result.text, result.findings.filter((f) => f.severity !== "info"));
      const shown = file === "-" ? "<stdin>" : file;
      process.stderr.write((await formatter("compact"))([{ file: shown, findings: located }], { color: false }));
      if (result.output === undefined) return void (process.exitCode = 1);
      if (o.output) writeAtomic(o.output, result.output);
      else process.stdout.write(result.output);
    });

  const collect = (v: string, prev: string[] = []) => [...prev, v];
  cmd
    .command("lint")
    .description("check VM specs, command lines, -readconfig files and monitor scripts against the rulebook")
    .argument("[paths...]", `spec files or folders (every *.vmspec.yaml / *.vmspec.yml below, or the files: globs of ${CONFIG_FILE}), or - for standard input`)
    .option("--argv <file>", "lint a shell script or systemd unit: every qemu-system-* command in it; - for standard input; repeatable", collect)
    .option("--readconfig <file>", "lint a QEMU -readconfig file; repeatable", collect)
    .option("--qmp <file>", "lint a QMP script (JSON objects, one per line or pretty-printed, or arrays of them); repeatable", collect)
    .option("--hmp <file>", "lint an HMP script (one command per line); repeatable", collect)
    .option("-f, --format <format[=path]>", `output format (${LINT_FORMATS.join(", ")}), to standard output or to a file; repeatable`, collect)
    .addOption(new Option("--failure-threshold <severity>", "exit 1 when a finding is at or over this severity").choices(["error", "warning", "info"]).default("error"))
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", nonNegative)
    .addOption(new Option("--profile <id>", `the support statement to lint against (default: the configuration's, or ${DEFAULT_PROFILE})`).choices(Object.keys(PROFILES)))
    .option("--config <file>", `use this configuration instead of the nearest ${CONFIG_FILE}`)
    .option("--qemu <version>", `target QEMU version for specs (${KNOWN_TARGETS.join(", ")}; default: the profile's)`, qemuVersion)
    .option("--rule <id=severity>", "set a rule's severity (off, info, warning, error); repeatable", ruleSetting)
    .option("--check-images", "also inspect existing disk images with the real qemu-img")
    .option("--concurrency <n>", `worker threads: a number, auto (spread runs of ${PARALLEL_THRESHOLD} inputs or more over all CPUs but one) or off`, concurrency, "auto")
    .option("--cache", `keep results between runs: a spec whose content and settings are unchanged is not linted again (not with --fix or --check-images)`)
    .option("--cache-location <file>", `the cache file (default ./${DEFAULT_CACHE_FILE})`)
    .option("--stats", "print the time spent per phase and per rule on standard error (also VMSPEC_TIMING=1); runs on one thread")
    .option("--fix", "apply the safe fixes to the files (atomically), then report what is left")
    .option("--fix-dry-run", "print the safe fixes as a unified diff instead of applying them")
    .option("--suppress-all", `record every current finding in the baseline (${BASELINE_FILE}); later runs report only new ones`)
    .option("--suppress-rule <id>", "record the current findings of this rule in the baseline; repeatable", collect)
    .option("--prune-suppressions", "lower the baseline's counts to what is found now")
    .option("--suppressions-location <file>", `the baseline file (default ./${BASELINE_FILE})`)
    .addHelpText(
      "after",
      "\nExamples:\n  vmspec lint examples/\n  vmspec lint --argv launch.sh --format json\n  vmspec lint vm.yaml --rule runs-as-root=off --check-images\n",
    )
    .action(async (paths: string[], o: { argv?: string[]; readconfig?: string[]; qmp?: string[]; hmp?: string[]; format?: string[]; failureThreshold: Severity; maxWarnings?: number; profile?: string; config?: string; fix?: boolean; fixDryRun?: boolean; suppressAll?: boolean; suppressRule?: string[]; pruneSuppressions?: boolean; suppressionsLocation?: string; qemu?: [number, number]; rule?: RuleSettings; checkImages?: boolean; stats?: boolean; concurrency: Concurrency; cache?: boolean; cacheLocation?: string }) => {
      const outputs = parseFormats(o.format);
      if (o.stats) enableTiming();
      const inputs: [InputKind, string][] = [
        ...(paths.length ? expandPaths(paths, specFilter(o.config)) : []).map((f): [InputKind, string] => ["spec", f]),
        ...(o.argv ?? []).map((f): [InputKind, string] => ["argv", f]),
        ...(o.readconfig ?? []).map((f): [InputKind, string] => ["readconfig", f]),
        ...(o.qmp ?? []).map((f): [InputKind, string] => ["qmp", f]),
        ...(o.hmp ?? []).map((f): [InputKind, string] => ["hmp", f]),
      ];
      if (inputs.length === 0) throw new UsageError("nothing to lint: give spec files or folders, or --argv, --readconfig, --qmp or --hmp");
      checkRuleIds(o.rule);
      // Progress for people waiting at a terminal on a large run; never in CI logs.
      const progress = inputs.length > 200 && Boolean(process.stderr.isTTY) && !process.env.CI;
      const cacheFile = o.cache || o.cacheLocation ? resolve(o.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined;
      const options: LintRunOptions = {
        cache: cacheFile && !o.fix && !o.fixDryRun && !o.checkImages ? readCache(cacheFile) : undefined,
        config: o.config,
        profile: o.profile,
        qemu: o.qemu,
        rules: o.rule,
        checkImages: o.checkImages,
        fix: o.fixDryRun ? "dry-run" : o.fix ? "apply" : undefined,
        onProgress: progress ? (done: number, total: number) => void (done % 50 === 0 && process.stderr.write(`\rvmspec: ${done}/${total} files`)) : undefined,
      };
      // Timing is per thread, so --stats measures a run on one. A cached run mostly reads and
      // hashes files, which threads do not speed up: auto keeps it on one.
      const threads = o.stats || (options.cache && o.concurrency === "auto") ? 1 : threadsFor(o.concurrency, inputs.length);
      const run = threads > 1 ? await lintFilesParallel(inputs, options, threads, packageFile("cli/vmspec.cjs")) : lintFiles(inputs, options);
      if (progress) process.stderr.write("\r\x1b[K");
      if (cacheFile && run.cache) writeCache(cacheFile, run.cache);
      if (o.suppressRule) checkRuleIds(Object.fromEntries(o.suppressRule.map((id) => [id, "off"])) as RuleSettings);
      const baseline = useBaselineFile(run.files, { path: o.suppressionsLocation, suppressAll: o.suppressAll, suppressRules: o.suppressRule, prune: o.pruneSuppressions });
      if (baseline.prunable > 0) process.stderr.write(`vmspec: ${baseline.prunable} baseline entries in ${baseline.path} cover more than is found now (or name files that do not exist): run with --prune-suppressions\n`);
      const files = baseline.files;
      if (o.fixDryRun) {
        const { unifiedDiff } = await import("./diff.js");
        process.stdout.write(run.fixes.map((f) => unifiedDiff(f.file, f.before, f.after)).join(""));
      }
      for (const out of outputs) {
        const format = await formatter(out.format);
        const text = timed("format", () => format(files, {
          color: !out.path && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
          stepSummary: out.format === "github" ? process.env.GITHUB_STEP_SUMMARY : undefined,
        }));
        if (out.path) writeAtomic(out.path, text);
        else if (!o.fixDryRun) process.stdout.write(text); // a dry run's standard output is the diff
      }
      const all = files.flatMap((f) => f.findings);
      const over = all.some((x) => SEVERITY_ORDER[x.severity] <= SEVERITY_ORDER[o.failureThreshold]);
      const warnings = all.filter((x) => x.severity === "warning").length;
      if (over || (o.maxWarnings !== undefined && warnings > o.maxWarnings)) process.exitCode = 1;
      process.stderr.write(timingTable());
    });

  cmd
    .command("init")
    .description("write a starter VM spec with the editor schema modeline, and a commented .vmspec.yaml beside it")
    .argument("[file]", "the spec to write", "vm.vmspec.yaml")
    .option("--force", "replace the file if it exists")
    .option("--schema-url <url>", "point the modeline at this URL instead of the installed schema")
    .addHelpText("after", "\nExample:\n  vmspec init web01.vmspec.yaml && vmspec lint web01.vmspec.yaml\n")
    .action(async (file: string, o: { force?: boolean; schemaUrl?: string }) => {
      const { init } = await import("./init.js");
      for (const written of init(file, o)) process.stdout.write(`wrote ${written}\n`);
    });

  cmd
    .command("rules")
    .description("list every rule: id, default severity, whether it is fixable, what it finds")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", "\nExample:\n  vmspec rules --format json | jq '.[] | select(.fixable)'\n")
    .action((o: { format: string }) => {
      const rows = [...RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map((r) => ({
        id: r.meta.id,
        defaultSeverity: r.meta.defaultSeverity,
        input: r.meta.input,
        fixable: Boolean(r.meta.fixable),
        description: r.meta.description,
        statement: r.meta.docs.statement ?? null,
        docsUrl: docsUrl(r.meta.id),
      }));
      if (o.format === "json") return void process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
      const w = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows) process.stdout.write(`${r.id.padEnd(w)}  ${r.defaultSeverity.padEnd(7)}  ${r.fixable ? "fixable" : "       "}  ${r.description}\n`);
    });

  cmd
    .command("explain")
    .description("print a rule's page: what the statement says, examples and the fix (offline)")
    .argument("<id>", "a rule id")
    .addHelpText("after", "\nExample:\n  vmspec explain aio-native-requires-direct-cache\n")
    .action((id: string) => {
      const ids = RULES.map((r) => r.meta.id);
      if (!ids.includes(id)) {
        throw new UsageError(`no rule ${JSON.stringify(id)}${didYouMean(id, ids, ": vmspec rules lists them (reading errors are described in docs/rules.md)")}`);
      }
      process.stdout.write(readFileSync(packageFile(`docs/rules/${id}.md`), "utf8"));
    });

  cmd
    .command("import")
    .description("turn a QEMU command line (shell script, libvirt output) or -readconfig file into a spec that builds the same command line")
    .argument("<file>", "the command line or -readconfig file, or - for standard input")
    .addOption(new Option("--from <kind>", "what the file holds (default: readconfig for *.cfg / *.conf, else argv)").choices(["argv", "readconfig"]))
    .option("-o, --output <path>", "write the spec to this file (atomically) instead of standard output")
    .option("--force", "replace the -o file if it exists")
    .option("--command <n>", "which QEMU command of a file that starts several (1-based; the error lists them)", positive)
    .option("--name <name>", "the VM's name when the command line has no -name (default: the file's name without its extension)")
    .option("--strict", "fail when any option has to stay in extraArgs (no spec field says it exactly)")
    .option("--qemu <version>", `the QEMU version the spec will be built for (${KNOWN_TARGETS.join(", ")}; default: the default profile's): fields are checked against it`, qemuVersion)
    .option("--schema-url <url>", "point the modeline at this URL instead of the installed schema")
    .addHelpText("after", "\nExamples:\n  vmspec import launch.sh -o web01.vmspec.yaml\n  vmspec import --command 2 --name db01 start-vms.sh\n  vmspec import --from readconfig vm.cfg\n")
    .action(async (file: string, o: { from?: ImportSource; output?: string; force?: boolean; command?: number; name?: string; strict?: boolean; schemaUrl?: string; qemu?: [number, number] }) => {
      const from = o.from ?? (/\.(cfg|conf)$/.test(file) ? "readconfig" : "argv");
      if (o.output && !o.force && existsSync(o.output)) throw new UsageError(`${o.output} exists: give --force to replace it`);
      const fileName = file === "-" ? undefined : basename(file).replace(/\.[^.]*$/, "") || undefined;
      const text = new TextDecoder().decode(readInput(file));
      const dir = o.output ? dirname(resolve(o.output)) : process.cwd();
      // Loaded by the command that uses them, not at every start.
      const [{ importCommandLine }, { importedYaml }, { schemaRefFrom }] = await Promise.all([import("../import/import.js"), import("../import/write-yaml.js"), import("./init.js")]);
      const r = importCommandLine(text, from, { baseDir: dir, inputDir: baseDirOf(file), qemu: o.qemu, command: o.command, name: o.name ?? fileName, nameFrom: o.name !== undefined ? "--name" : "the file's name" });
      const shown = file === "-" ? "<stdin>" : file;
      const findings: Finding[] = r.problems.map((p) => ({ ruleId: "import", severity: p.severity, message: p.message, range: p.range }));
      if (o.strict) for (const k of r.kept) findings.push({ ruleId: "import-strict", severity: "error", message: `${k.words[0]} stays in extraArgs: ${k.why}`, range: k.range ?? [0, 0] });
      process.stderr.write((await formatter("compact"))([{ file: shown, findings: locate(text, findings) }], { color: false }));
      if (!r.spec || findings.some((f) => f.severity === "error")) return void (process.exitCode = 1);
      const yaml = importedYaml(r, { source: shown, schemaRef: o.schemaUrl ?? schemaRefFrom(dir, "spec/vmspec.schema.json") });
      if (o.output) writeAtomic(o.output, yaml);
      else process.stdout.write(yaml);
    });

  cmd
    .command("print-config")
    .description("print the configuration that applies to a file")
    .argument("<file>", "a file that would be linted")
    .option("--config <file>", `use this configuration instead of the nearest ${CONFIG_FILE}`)
    .addHelpText("after", "\nExample:\n  vmspec print-config vms/web01.yaml\n")
    .action((file: string, o: { config?: string }) => {
      const eff = effectiveConfig(file, o.config ? readConfig(o.config) : findConfig(file));
      process.stdout.write(JSON.stringify({ ...eff, profile: eff.profile ?? DEFAULT_PROFILE }, null, 2) + "\n");
    });

  cmd
    .command("schema")
    .description("print the JSON Schema of a VM spec")
    .addHelpText("after", "\nExample:\n  vmspec schema > vmspec.schema.json\n")
    .action(() => {
      process.stdout.write(readFileSync(packageFile("spec/vmspec.schema.json"), "utf8"));
    });
  return cmd;
}

/** A reader that stops early (`vmspec lint ... | head`) closes the pipe: stop quietly, no trace. */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
    } else if (e instanceof UsageError || e instanceof ConfigError) {
      // A configuration may have several problems, one a line: each gets the prefix.
      process.stderr.write(e.message.split("\n").map((line) => `vmspec: ${line}\n`).join(""));
      process.exitCode = 2;
    } else {
      process.stderr.write(`vmspec: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 3;
    }
  }
}
