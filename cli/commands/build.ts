// `vmspec build`: a spec → a qemu-system-aarch64 command line or -readconfig file.
import { type Command, Option } from "commander";
import { locate } from "../../core/positions.js";
import { baseDirOf, readInput, writeAtomic } from "../../core/files.js";
import { KNOWN_TARGETS } from "../../qemu/targets.js";
import { BUILD_FORMATS, buildSpec, type BuildFormat } from "../../lint/build.js";
import { effectiveConfig, findConfig } from "../../lint/config.js";
import type { RuleSettings } from "../../lint/run.js";
import { formatter } from "../format.js";
import { checkRuleIds, HOST_HELP, hostOption, qemuVersion, ruleSetting } from "./shared.js";

export function register(program: Command): void {
  program
    .command("build")
    .description("compile a VM spec into a qemu-system-aarch64 command line or -readconfig file")
    .argument("<file>", "the VM spec (YAML), or - for standard input")
    .addOption(new Option("-f, --format <format>", "output format").choices(BUILD_FORMATS).default("shell"))
    .option("-o, --output <path>", "write to this file (atomically) instead of standard output")
    .addOption(new Option("--accel <accel>", "override the spec's accelerator for this host").choices(["kvm", "tcg"]))
    .option("--cpu <model>", "override the spec's CPU model for this host")
    .option("--qemu <version>", `target QEMU version (${KNOWN_TARGETS.join(", ")})`, qemuVersion)
    .option("--host [binary]", HOST_HELP)
    .option("--readconfig-path <path>", "where the -readconfig file will be (default ./<vm name>.cfg)")
    .option("--rule <id=severity>", "set a rule's severity (off, info, warning, error); repeatable", ruleSetting)
    .addHelpText(
      "after",
      "\nExamples:\n  vmspec build examples/minimal-uefi.yaml\n  vmspec build vm.yaml --format json --accel tcg --cpu cortex-a57 --qemu 7.2\n",
    )
    .action(
      async (
        file: string,
        o: {
          format: BuildFormat;
          output?: string;
          accel?: "kvm" | "tcg";
          cpu?: string;
          qemu?: [number, number];
          host?: string | boolean;
          readconfigPath?: string;
          rule?: RuleSettings;
        },
      ) => {
        checkRuleIds(o.rule);
        const eff = effectiveConfig(file, findConfig(file), o.rule);
        const bytes = readInput(file);
        const result = buildSpec(bytes, {
          profile: eff.profile,
          format: o.format,
          baseDir: baseDirOf(file),
          qemu: o.qemu,
          host: hostOption(o.host),
          overrides: { accel: o.accel, cpu: o.cpu },
          rules: eff.rules,
          suppressions: {
            file: file === "-" ? "<stdin>" : file,
            requireReasons: eff.requireSuppressionReasons,
            unused: eff.unusedSuppressions,
          },
          readconfigPath: o.readconfigPath,
        });
        // Build reports errors and warnings; info findings are for `lint`.
        const located = locate(
          result.text,
          result.findings.filter((f) => f.severity !== "info"),
        );
        const shown = file === "-" ? "<stdin>" : file;
        process.stderr.write((await formatter("compact"))([{ file: shown, findings: located }], { color: false }));
        if (result.output === undefined) return void (process.exitCode = 1);
        if (o.output) writeAtomic(o.output, result.output);
        else process.stdout.write(result.output);
      },
    );
}
