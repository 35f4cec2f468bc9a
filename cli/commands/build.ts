// `vmspec build`: a spec → a qemu-system-aarch64 command line or -readconfig file.
import { type Command, Option } from "commander";
import { locate } from "../../core/positions.js";
import { baseDirOf, readInput, UsageError, writeAtomic } from "../../core/files.js";
import { KNOWN_TARGETS } from "../../qemu/targets.js";
import { DEFAULT_PROFILE, PROFILES } from "../../rules/data/profiles.js";
import { BUILD_FORMATS, buildSpec, type BuildFormat } from "../../lint/build.js";
import { configOptions, effectiveConfig, findConfig } from "../../lint/config.js";
import type { RuleSettings } from "../../lint/run.js";
import { formatter } from "../format.js";
import {
  KUBEVIRT_RUN_STRATEGIES,
  KUBEVIRT_VOLUME_MODES,
  type KubevirtRunStrategy,
  type KubevirtVolumeMode,
} from "../../compiler/emit/kubevirt.js";
import { checkRuleIds, HOST_HELP, hostOption, qemuVersion, ruleSetting } from "./shared.js";

export function register(program: Command): void {
  program
    .command("build")
    .description("compile a VM spec into a qemu-system-aarch64 command line, -readconfig file or libvirt domain XML")
    .argument("<file>", "the VM spec (YAML), or - for standard input")
    .addOption(new Option("-f, --format <format>", "output format").choices(BUILD_FORMATS).default("shell"))
    .option("-o, --output <path>", "write to this file (atomically) instead of standard output")
    .addOption(new Option("--accel <accel>", "override the spec's accelerator for this host").choices(["kvm", "tcg"]))
    .option("--cpu <model>", "override the spec's CPU model for this host")
    .addOption(
      new Option(
        "--profile <id>",
        `the support statement to lint against; its QEMU version is the target (default: the spec's # vmspec-profile comment, the configuration's, or ${DEFAULT_PROFILE})`,
      ).choices(Object.keys(PROFILES)),
    )
    .option("--qemu <version>", `target QEMU version (${KNOWN_TARGETS.join(", ")}; default: the profile's)`, qemuVersion)
    .option("--host [binary]", HOST_HELP)
    .option("--readconfig-path <path>", "where the -readconfig file will be (default ./<vm name>.cfg)")
    .addOption(
      new Option("--volumes <kind>", "--format kubevirt: a disk file becomes a claim or a DataVolume (docs/kubevirt.md)").choices(
        KUBEVIRT_VOLUME_MODES,
      ),
    )
    .addOption(
      new Option("--run-strategy <strategy>", "--format kubevirt: the VirtualMachine's runStrategy (default Always)").choices(
        KUBEVIRT_RUN_STRATEGIES,
      ),
    )
    .option("--rule <id=severity>", "set a rule's severity (off, info, warning, error); repeatable", ruleSetting)
    .addHelpText(
      "after",
      "\nExamples:\n  vmspec build examples/minimal-uefi.yaml\n  vmspec build vm.yaml --format json --accel tcg --cpu cortex-a57 --qemu 7.2\n  vmspec build vm.yaml --profile sles15sp4\n",
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
          profile?: string;
          host?: string | boolean;
          readconfigPath?: string;
          volumes?: KubevirtVolumeMode;
          runStrategy?: KubevirtRunStrategy;
          rule?: RuleSettings;
        },
      ) => {
        checkRuleIds(o.rule);
        if ((o.volumes || o.runStrategy) && o.format !== "kubevirt")
          throw new UsageError(`--${o.volumes ? "volumes" : "run-strategy"} applies to --format kubevirt only`);
        const eff = effectiveConfig(file, findConfig(file), o.rule);
        const bytes = readInput(file);
        const result = buildSpec(bytes, {
          ...configOptions(file, eff),
          profile: o.profile,
          format: o.format,
          baseDir: baseDirOf(file),
          qemu: o.qemu,
          host: hostOption(o.host),
          overrides: { accel: o.accel, cpu: o.cpu },
          readconfigPath: o.readconfigPath,
          kubevirt: { volumes: o.volumes, runStrategy: o.runStrategy },
        });
        // Build reports errors and warnings; info findings are for `lint`.
        const located = locate(
          result.text,
          result.findings.filter((f) => f.severity !== "info"),
        );
        const shown = file === "-" ? "<stdin>" : file;
        // Only written when there is something to say: a pipe's process.stderr loads net.
        if (located.length > 0) process.stderr.write((await formatter("compact"))([{ file: shown, findings: located }], { color: false }));
        if (result.output === undefined) return void (process.exitCode = 1);
        if (o.output) writeAtomic(o.output, result.output);
        else process.stdout.write(result.output);
      },
    );
}
