// Runs the built CLI (cli/vmspec.cjs, as a user would) on each "incorrect" example of a rule page
// and returns what it prints, so the page shows real output, not a description of it (as
// actionlint's docs/checks.md does). The default format, stylish, is shown: it is what a reader
// sees in a terminal, and the only one that shows *where* in the example the finding lands (the
// line with a caret under the range), besides the severity, the message and the rule id; compact
// says the same in one line but without the frame, and json is for machines.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LintTarget, RuleDocs } from "../../rules/rule.js";

const BIN = fileURLToPath(new URL("../../cli/vmspec.cjs", import.meta.url));

type Example = RuleDocs["examples"][number];

/** The file each kind of example is saved as, and the command that lints it. */
export const EXAMPLE_FILE: Record<Example["lang"], { file: string; args: string[] }> = {
  yaml: { file: "vm.yaml", args: [] },
  sh: { file: "launch.sh", args: ["--argv"] },
  cfg: { file: "vm.cfg", args: ["--readconfig"] },
  qmp: { file: "commands.qmp", args: ["--qmp"] },
  hmp: { file: "commands.hmp", args: ["--hmp"] },
};

export interface LintOutput {
  /** The command as a user types it: `vmspec lint --argv launch.sh`. */
  command: string;
  exitCode: number;
  /** Standard output, exactly as printed (no colour: not a terminal). */
  stdout: string;
}

/**
 * `vmspec lint` on one example, saved under its usual name in an empty folder whose
 * `.vmspec.yaml` is `{}` (the defaults: no configuration of the machine running it can leak
 * in), with a clean environment (no GITHUB_ACTIONS to switch the format, no colour).
 */
export function lintExample(example: Example, target?: LintTarget): LintOutput {
  const dir = mkdtempSync(join(tmpdir(), "vmspec-docs-"));
  try {
    const { file, args } = EXAMPLE_FILE[example.lang];
    writeFileSync(join(dir, ".vmspec.yaml"), "{}\n");
    writeFileSync(join(dir, file), example.text);
    // A rule about an engine (KubeVirt) is shown as its users lint: with --target; an example for one profile, QEMU or the host's binary with its flag.
    const argv = [
      "lint",
      ...(target ? ["--target", target] : []),
      ...(example.profile ? ["--profile", example.profile] : []),
      ...(example.qemu ? ["--qemu", example.qemu] : []),
      ...(example.host ? ["--host"] : []),
      ...args,
      file,
    ];
    const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", VMSPEC_CACHE_DIR: join(dir, ".cache") }, encoding: "utf8" });
    if (r.error) throw r.error;
    // A page must never show a crash or a usage error as a rule's output.
    if (r.status === null || r.status > 1 || r.stderr !== "") throw new Error(`vmspec ${argv.join(" ")} on\n${example.text}\nexited ${r.status}: ${r.stderr}`);
    // Nor anything of this machine: the page must be the same wherever it is generated.
    if (r.stdout.includes(dir) || r.stdout.includes(tmpdir())) throw new Error(`vmspec ${argv.join(" ")} printed a path of the scratch folder:\n${r.stdout}`);
    return { command: `vmspec ${argv.join(" ")}`, exitCode: r.status, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The output for every incorrect example of a rule, in the order of its examples (undefined for a correct one). */
export function lintExamples(docs: RuleDocs, target?: LintTarget): (LintOutput | undefined)[] {
  return docs.examples.map((e) => (e.kind === "incorrect" ? lintExample(e, target) : undefined));
}
