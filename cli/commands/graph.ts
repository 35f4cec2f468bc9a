// `vmspec graph`: the VM as a picture — SVG (Graphviz compiled to WebAssembly, @viz-js/viz), DOT,
// or Mermaid text for READMEs and pull requests — with findings marked on their nodes.
import { type Command, Option } from "commander";
import { PROFILES, DEFAULT_PROFILE } from "../../rules/data/profiles.js";
import { baseDirOf, readInput, writeAtomic } from "../../core/files.js";
import { locate } from "../../core/positions.js";
import { configOptions, effectiveConfig, findConfig } from "../../lint/config.js";
import { graphSpec, renderSvg } from "../../lint/graph.js";
import { toDot, toMermaid } from "../../compiler/graph.js";
import { formatter } from "../format.js";
import { qemuVersion } from "./shared.js";

export const GRAPH_FORMATS = ["svg", "dot", "mermaid"] as const;

export function register(program: Command): void {
  program
    .command("graph")
    .description("draw a VM spec as a graph of its buses, controllers, devices and back ends, findings marked")
    .argument("<file>", "a VM spec (YAML); - for standard input")
    .option("--format <format>", "svg, dot or mermaid", "svg")
    .option("-o, --output <path>", "write to a file (atomically) instead of standard output")
    .addOption(
      new Option(
        "--profile <id>",
        `the support statement whose findings are marked (default: the spec's # vmspec-profile comment, the configuration's, or ${DEFAULT_PROFILE})`,
      ).choices(Object.keys(PROFILES)),
    )
    .option("--qemu <version>", "target QEMU version (default: the profile's)", qemuVersion)
    .addHelpText("after", "\nExamples:\n  vmspec graph examples/spice-desktop.yaml -o vm.svg\n  vmspec graph vm.yaml --format mermaid\n")
    .action(async (file: string, o: { format: string; output?: string; profile?: string; qemu?: [number, number] }) => {
      if (!(GRAPH_FORMATS as readonly string[]).includes(o.format)) {
        process.stderr.write(`vmspec: unknown graph format ${JSON.stringify(o.format)}: use ${GRAPH_FORMATS.join(", ")}\n`);
        process.exitCode = 2;
        return;
      }
      const eff = effectiveConfig(file, findConfig(file));
      const r = graphSpec(readInput(file), {
        ...configOptions(file, eff),
        baseDir: baseDirOf(file),
        profile: o.profile,
        qemu: o.qemu,
      });
      const shown = file === "-" ? "<stdin>" : file;
      const problems = r.findings.filter((f) => f.severity !== "info");
      if (problems.length)
        process.stderr.write((await formatter("compact"))([{ file: shown, findings: locate(r.text, problems) }], { color: false }));
      // A spec that cannot be compiled has no graph: its errors are the output.
      if (!r.graph) return void (process.exitCode = 1);
      const dot = toDot(r.graph);
      const text = o.format === "dot" ? dot : o.format === "mermaid" ? toMermaid(r.graph) : await renderSvg(dot);
      if (o.output) writeAtomic(o.output, text);
      else process.stdout.write(text);
    });
}
