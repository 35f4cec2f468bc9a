// The GitHub Action and the pre-commit hook, run as they would be: the action's step is plain
// shell with the environment GitHub gives it; the hook's entry is run on the files it matches.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT, BIN } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

function workspace() {
  const dir = scratch();
  writeFileSync(join(dir, "web.vmspec.yaml"), "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\ncpu: {model: max}\n");
  writeFileSync(join(dir, "ok.vmspec.yaml"), "name: ok\nmemory: {size: 1GiB}\nrunAs: qemu\n");
  writeFileSync(join(dir, "notes.yaml"), "not: a spec\n");
  return dir;
}

describe("the GitHub Action", () => {
  const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));

  it("declares its inputs and runs one shell step with them", () => {
    expect(Object.keys(action.inputs)).toEqual(["files", "format", "failure-threshold", "sarif-file"]);
    expect(action.runs.using).toBe("composite");
    const step = action.runs.steps[0];
    expect(step.run).toBe('bash "$GITHUB_ACTION_PATH/cli/github-action.sh"');
    expect(step.env).toEqual({
      INPUT_FILES: "${{ inputs.files }}",
      INPUT_FORMAT: "${{ inputs.format }}",
      INPUT_FAILURE_THRESHOLD: "${{ inputs.failure-threshold }}",
      INPUT_SARIF_FILE: "${{ inputs.sarif-file }}",
    });
  });

  it("annotates findings, writes SARIF, and fails the step at the threshold", () => {
    const dir = workspace();
    const step = (env: Record<string, string>) =>
      spawnSync("bash", [join(ROOT, "cli/github-action.sh")], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, GITHUB_ACTION_PATH: ROOT, INPUT_FILES: "web.vmspec.yaml ok.vmspec.yaml", INPUT_FORMAT: action.inputs.format.default, INPUT_FAILURE_THRESHOLD: action.inputs["failure-threshold"].default, INPUT_SARIF_FILE: "", ...env },
      });
    const r = step({ INPUT_SARIF_FILE: join(dir, "out.sarif") });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=web\.vmspec\.yaml,line=4,col=14,endLine=4,endColumn=17,title=unsupported-cpu-model::/m);
    expect(JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")).runs[0].results).toHaveLength(1);
    expect(step({ INPUT_FILES: "ok.vmspec.yaml" }).status).toBe(0);
  });
});

describe("the pre-commit hook", () => {
  it("runs its entry on the files it matches", () => {
    const [hook] = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8"));
    expect(hook).toMatchObject({ id: "vmspec-lint", language: "node", pass_filenames: true });
    const dir = workspace();
    const matched = ["web.vmspec.yaml", "ok.vmspec.yaml", "notes.yaml"].filter((f) => new RegExp(hook.files).test(f));
    expect(matched).toEqual(["web.vmspec.yaml", "ok.vmspec.yaml"]);
    const [cmd, ...args] = hook.entry.split(" ");
    expect(cmd).toBe("vmspec");
    const r = spawnSync(process.execPath, [BIN, ...args, ...matched], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("web.vmspec.yaml:4:14: error: -cpu max is unsupported: the statement supports only -cpu host (with KVM) [unsupported-cpu-model]\n");
  });
});
