// `vmspec import`: a QEMU command line or -readconfig file → a spec.
import { existsSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Finding } from "../../core/finding.js";
import { locate } from "../../core/positions.js";
import { baseDirOf, readInput, UsageError, writeAtomic } from "../../core/files.js";
import { KNOWN_TARGETS } from "../../qemu/targets.js";
import { PROFILES } from "../../rules/data/profiles.js";
import type { ImportSource } from "../../import/import.js";
import { isLibvirtDomain } from "../../qemu/read/libvirt-domain.js";
import { formatter } from "../format.js";
import type { RebuildRefusal } from "../../import/write-yaml.js";
import { qemuVersion } from "./shared.js";

function positive(v: string): number {
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError("expected a number from 1");
  return Number(v);
}

/**
 * The header of an imported spec promises what `vmspec build` does with it: the spec is linted
 * as build lints it (its # vmspec-profile / # vmspec-qemu comments included), and when errors
 * would stop the build the header says which rules, and whether turning them off builds it.
 */
async function withCheckedHeader(render: (refused?: RebuildRefusal) => string, dir: string): Promise<string> {
  const yaml = render();
  const [{ lintInput }, { RULE_IDS }] = await Promise.all([import("../../lint/lint.js"), import("../../rules/index.js")]);
  const errorsOf = (rules?: Record<string, "off">) =>
    lintInput("spec", new TextEncoder().encode(yaml), { baseDir: dir, rules }).findings.filter((f) => f.severity === "error");
  const errors = errorsOf();
  if (errors.length === 0) return yaml;
  const ids = [...new Set(errors.map((f) => f.ruleId))];
  const rules = ids.filter((id) => RULE_IDS.has(id));
  const buildable = errorsOf(Object.fromEntries(rules.map((id) => [id, "off" as const]))).length === 0;
  // Buildable with those rules off: the header names them; else every error stops it, each named.
  return render({ rules: buildable ? rules : ids, buildable });
}

export function register(program: Command): void {
  program
    .command("import")
    .description("turn a QEMU command line (shell script, libvirt output), -readconfig file or libvirt domain XML into a spec")
    .argument("<file>", "the command line, -readconfig file or domain XML, or - for standard input")
    .addOption(
      new Option(
        "--from <kind>",
        "what the file holds (default: libvirt for a file starting with <domain, readconfig for *.cfg / *.conf, else argv)",
      ).choices(["argv", "readconfig", "libvirt"]),
    )
    .option("-o, --output <path>", "write the spec to this file (atomically) instead of standard output")
    .option("--force", "replace the -o file if it exists")
    .option("--command <n>", "which QEMU command of a file that starts several (1-based; the error lists them)", positive)
    .option("--name <name>", "the VM's name when the command line has no -name (default: the file's name without its extension)")
    .option("--strict", "fail when any option has to stay in extraArgs (no spec field says it exactly)")
    .option(
      "--qemu <version>",
      `the QEMU version the spec will be built for (${KNOWN_TARGETS.join(", ")}; default: --profile's, else the one the command line needs, read from it): fields are checked against it`,
      qemuVersion,
    )
    .addOption(
      new Option(
        "--profile <id>",
        "the support statement the spec is for: its QEMU is the target (default: the smallest profile whose QEMU accepts the command line); written into the spec as a # vmspec-profile comment",
      ).choices(Object.keys(PROFILES)),
    )
    .option("--schema-url <url>", "point the modeline at this URL instead of the installed schema")
    .addHelpText(
      "after",
      "\nExamples:\n  vmspec import launch.sh -o web01.vmspec.yaml\n  vmspec import --command 2 --name db01 start-vms.sh\n  vmspec import --from readconfig vm.cfg\n  virsh dumpxml web01 | vmspec import --from libvirt - -o web01.vmspec.yaml\n",
    )
    .action(
      async (
        file: string,
        o: {
          from?: ImportSource;
          output?: string;
          force?: boolean;
          command?: number;
          name?: string;
          strict?: boolean;
          schemaUrl?: string;
          qemu?: [number, number];
          profile?: string;
        },
      ) => {
        if (o.output && !o.force && existsSync(o.output)) throw new UsageError(`${o.output} exists: give --force to replace it`);
        const fileName = file === "-" ? undefined : basename(file).replace(/\.[^.]*$/, "") || undefined;
        const text = new TextDecoder().decode(readInput(file));
        const from = o.from ?? (isLibvirtDomain(text) ? "libvirt" : /\.(cfg|conf)$/.test(file) ? "readconfig" : "argv");
        const dir = o.output ? dirname(resolve(o.output)) : process.cwd();
        const shown = file === "-" ? "<stdin>" : file;
        if (from === "libvirt") {
          const [{ importLibvirt }, { importedYaml }, { schemaRefFrom }] = await Promise.all([
            import("../../import/libvirt.js"),
            import("../../import/write-yaml.js"),
            import("../init.js"),
          ]);
          const r = importLibvirt(text, { qemu: o.qemu, profile: o.profile });
          // Unreadable XML: one line with where, exit 2, no output file.
          if (r.error) throw new UsageError(`${shown}:${r.error.line}:${r.error.column}: ${r.error.message}`);
          const yaml = await withCheckedHeader(
            (refused) =>
              importedYaml(r, {
                source: `${shown} (libvirt domain XML)`,
                schemaRef: o.schemaUrl ?? schemaRefFrom(dir, "spec/vmspec.schema.json"),
                refused,
              }),
            dir,
          );
          if (o.strict && r.kept.length) throw new UsageError(`${shown}: <qemu:commandline> arguments would stay in extraArgs (--strict)`);
          if (o.output) writeAtomic(o.output, yaml);
          else process.stdout.write(yaml);
          return;
        }
        // Loaded by the command that uses them, not at every start.
        const [{ importCommandLine }, { importedYaml }, { schemaRefFrom }] = await Promise.all([
          import("../../import/import.js"),
          import("../../import/write-yaml.js"),
          import("../init.js"),
        ]);
        const r = importCommandLine(text, from, {
          baseDir: dir,
          inputDir: baseDirOf(file),
          qemu: o.qemu,
          profile: o.profile,
          command: o.command,
          name: o.name ?? fileName,
          nameFrom: o.name !== undefined ? "--name" : "the file's name",
        });
        const findings: Finding[] = r.problems.map((p) => ({ ruleId: "import", severity: p.severity, message: p.message, range: p.range }));
        if (o.strict)
          for (const k of r.kept)
            findings.push({
              ruleId: "import-strict",
              severity: "error",
              message: `${k.words[0]} stays in extraArgs: ${k.why}`,
              range: k.range ?? [0, 0],
            });
        process.stderr.write((await formatter("compact"))([{ file: shown, findings: locate(text, findings) }], { color: false }));
        if (!r.spec || findings.some((f) => f.severity === "error")) return void (process.exitCode = 1);
        const yaml = await withCheckedHeader(
          (refused) => importedYaml(r, { source: shown, schemaRef: o.schemaUrl ?? schemaRefFrom(dir, "spec/vmspec.schema.json"), refused }),
          dir,
        );
        if (o.output) writeAtomic(o.output, yaml);
        else process.stdout.write(yaml);
      },
    );
}
