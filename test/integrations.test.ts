// The GitHub Action and the pre-commit hook, run as they would be: the action's step is plain
// shell with the environment GitHub gives it; the hook's entry is run on the files it matches.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT, BIN } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

function workspace() {
  const dir = scratch();
  writeFileSync(join(dir, "web.vmspec.yaml"), "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\ncpu: {model: cortex-a57}\n");
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
        env: {
          ...process.env,
          GITHUB_ACTION_PATH: ROOT,
          INPUT_FILES: "web.vmspec.yaml ok.vmspec.yaml",
          INPUT_FORMAT: action.inputs.format.default,
          INPUT_FAILURE_THRESHOLD: action.inputs["failure-threshold"].default,
          INPUT_SARIF_FILE: "",
          ...env,
        },
      });
    const r = step({ INPUT_SARIF_FILE: join(dir, "out.sarif") });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=web\.vmspec\.yaml,line=4,col=14,endLine=4,endColumn=24,title=unsupported-cpu-model::/m);
    expect(JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")).runs[0].results).toHaveLength(1);
    expect(step({ INPUT_FILES: "ok.vmspec.yaml" }).status).toBe(0);
  });

  it("takes one path per line in its files input, paths with spaces included, and never reads one as an option", () => {
    const dir = scratch();
    mkdirSync(join(dir, "my vms", "web tier"), { recursive: true });
    mkdirSync(join(dir, "old specs"));
    writeFileSync(
      join(dir, "my vms", "web tier", "web 1.vmspec.yaml"),
      "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\ncpu: {model: cortex-a57}\n",
    );
    writeFileSync(join(dir, "old specs", "db #1.vmspec.yaml"), "name: db\nmemory: {size: 1GiB}\nrunAs: qemu\ncpu: {model: cortex-a57}\n");
    writeFileSync(join(dir, "old specs", "ok.vmspec.yaml"), "name: ok\nmemory: {size: 1GiB}\nrunAs: qemu\n");
    const step = (files: string) =>
      spawnSync("bash", [join(ROOT, "cli/github-action.sh")], {
        cwd: dir,
        encoding: "utf8",
        env: {
          ...process.env,
          GITHUB_ACTION_PATH: ROOT,
          GITHUB_WORKSPACE: dir,
          INPUT_FILES: files,
          INPUT_FORMAT: "compact",
          INPUT_FAILURE_THRESHOLD: "error",
          INPUT_SARIF_FILE: "",
        },
      });
    const linted = (r: { stdout: string }) => [
      ...new Set(
        r.stdout
          .split("\n")
          .filter(Boolean)
          .map((l) => l.split(":")[0]),
      ),
    ];
    // As a YAML block scalar gives it: one path per line, a trailing newline, a blank line and a comment.
    const r = step("my vms/web tier\n\n  old specs/db #1.vmspec.yaml  \n# not this one\n");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(linted(r)).toEqual(["my vms/web tier/web 1.vmspec.yaml", "old specs/db #1.vmspec.yaml"]);
    // One line naming an existing path with spaces is that path; globs are expanded.
    expect(linted(step("my vms"))).toEqual(["my vms/web tier/web 1.vmspec.yaml"]);
    expect(linted(step("old specs/*.vmspec.yaml\nmy vms"))).toEqual(["old specs/db #1.vmspec.yaml", "my vms/web tier/web 1.vmspec.yaml"]);
    expect(step("old specs/ok.vmspec.yaml").status).toBe(0);
    // A path is a path, even one that looks like an option.
    expect(step("--version")).toMatchObject({ status: 2, stderr: "vmspec: cannot read --version: no such file or folder\n" });
    expect(step("old specs/ok.vmspec.yaml\n--rule=unsupported-cpu-model=off")).toMatchObject({ status: 2 });
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
    expect(r.stdout).toBe(
      "web.vmspec.yaml:4:14: error: -cpu cortex-a57 is unsupported: the statement supports only -cpu host (with KVM) [unsupported-cpu-model]\n",
    );
  });
});
