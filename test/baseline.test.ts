// The baseline: record a fleet's findings once, then report only new ones; prune as they are fixed.
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

describe("the baseline (vmspec-suppressions.json)", () => {
  it("records, suppresses, reports what is new, and prunes", () => {
    const dir = scratch();
    const lint = (...args: string[]) => vmspec(["lint", "vms", "--format", "compact", ...args], { cwd: dir });
    mkdirSync(join(dir, "vms"));
    writeFileSync(join(dir, "vms/a.vmspec.yaml"), "name: a\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\n");
    writeFileSync(join(dir, "vms/b.vmspec.yaml"), "name: b\nmemory: {size: 1GiB}\nrunAs: qemu\n");
    expect(lint().code).toBe(1);

    expect(lint("--suppress-all").code).toBe(0);
    const base = JSON.parse(readFileSync(join(dir, "vmspec-suppressions.json"), "utf8"));
    expect(base).toEqual({ "vms/a.vmspec.yaml": { "runs-as-root": { count: 1 }, "unsupported-cpu-model": { count: 1 } } });
    expect(lint()).toMatchObject({ code: 0, stdout: "" });

    // A new finding is reported; so are all findings of a rule that now has more than recorded.
    writeFileSync(join(dir, "vms/b.vmspec.yaml"), "name: b\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: tcg\n");
    writeFileSync(
      join(dir, "vms/a.vmspec.yaml"),
      "name: a\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\nextraArgs: [-device, virtio-gpu]\n",
    );
    const r = lint();
    expect(
      r.stdout
        .split("\n")
        .filter(Boolean)
        .map((l) => l.replace(/^.*\[(.*)\]$/, "$1")),
    ).toEqual(["unsupported-device", "kvm-not-enabled", "tcg-unsupported"]);

    // Fixing one lets --prune-suppressions lower the count; an unpruned baseline is mentioned.
    writeFileSync(join(dir, "vms/a.vmspec.yaml"), "name: a\nmemory: {size: 1GiB}\n");
    expect(lint().stderr).toContain("1 baseline entries in vmspec-suppressions.json cover more than is found now");
    lint("--prune-suppressions");
    expect(JSON.parse(readFileSync(join(dir, "vmspec-suppressions.json"), "utf8"))).toEqual({
      "vms/a.vmspec.yaml": { "runs-as-root": { count: 1 } },
    });

    // --suppress-rule records only that rule.
    lint("--suppress-rule", "tcg-unsupported");
    expect(JSON.parse(readFileSync(join(dir, "vmspec-suppressions.json"), "utf8"))["vms/b.vmspec.yaml"]).toEqual({
      "tcg-unsupported": { count: 1 },
    });
    expect(lint("--suppress-rule", "tcg-unsupportd").code).toBe(2);
  });

  it("keys files relative to the baseline's folder, so it applies from any working folder", () => {
    const dir = scratch();
    mkdirSync(join(dir, "vms", "web"), { recursive: true });
    mkdirSync(join(dir, "ci"));
    writeFileSync(join(dir, "vms/web/a.vmspec.yaml"), "name: a\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\n");
    // Recorded from the repository root, into ci/.
    expect(vmspec(["lint", "vms", "--suppress-all", "--suppressions-location", "ci/baseline.json"], { cwd: dir }).code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, "ci/baseline.json"), "utf8")))).toEqual(["../vms/web/a.vmspec.yaml"]);
    // Applied from a subfolder, from elsewhere with absolute paths, and from the baseline's folder.
    for (const [cwd, args] of [
      [join(dir, "vms", "web"), [".", "--suppressions-location", "../../ci/baseline.json"]],
      [scratch(), [join(dir, "vms"), "--suppressions-location", join(dir, "ci/baseline.json")]],
      [join(dir, "ci"), ["../vms/web/a.vmspec.yaml", "--suppressions-location", "baseline.json"]],
    ] as [string, string[]][]) {
      expect(vmspec(["lint", ...args, "--format", "compact"], { cwd }), cwd).toMatchObject({ code: 0, stdout: "", stderr: "" });
    }
    // Recorded from a subfolder into the default place, it names files from there.
    expect(vmspec(["lint", ".", "--suppress-all"], { cwd: join(dir, "vms") }).code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, "vms/vmspec-suppressions.json"), "utf8")))).toEqual(["web/a.vmspec.yaml"]);
    // An entry for a file that is gone is mentioned, and pruned.
    const base = JSON.parse(readFileSync(join(dir, "ci/baseline.json"), "utf8"));
    writeFileSync(join(dir, "ci/baseline.json"), JSON.stringify({ ...base, "../vms/gone.vmspec.yaml": { "runs-as-root": { count: 1 } } }));
    expect(vmspec(["lint", "vms", "--suppressions-location", "ci/baseline.json"], { cwd: dir }).stderr).toContain(
      "1 baseline entries in ci/baseline.json cover more than is found now (or name files that do not exist)",
    );
    vmspec(["lint", "vms", "--prune-suppressions", "--suppressions-location", "ci/baseline.json"], { cwd: dir });
    expect(Object.keys(JSON.parse(readFileSync(join(dir, "ci/baseline.json"), "utf8")))).toEqual(["../vms/web/a.vmspec.yaml"]);
  });

  it("never records nor hides a suppression without its reason when reasons are required", () => {
    const dir = scratch();
    writeFileSync(join(dir, ".vmspec.yaml"), "requireSuppressionReasons: true\n");
    writeFileSync(
      join(dir, "a.vmspec.yaml"),
      "name: a\nmemory: {size: 1GiB}\n# vmspec-disable-next-line unsupported-cpu-model\ncpu: {model: cortex-a57}\n",
    );
    const lint = (...args: string[]) => vmspec(["lint", ".", "--format", "compact", ...args], { cwd: dir });
    const rules = (r: { stdout: string }) =>
      r.stdout
        .split("\n")
        .filter(Boolean)
        .map((l) => l.replace(/^.*\[(.*)\]$/, "$1"));
    expect(rules(lint())).toEqual(["runs-as-root", "suppression-reason-missing", "unsupported-cpu-model"]);
    const r = lint("--suppress-all");
    expect(r.code).toBe(1);
    expect(rules(r)).toEqual(["suppression-reason-missing"]);
    const base = JSON.parse(readFileSync(join(dir, "vmspec-suppressions.json"), "utf8"));
    expect(base).toEqual({ "a.vmspec.yaml": { "runs-as-root": { count: 1 }, "unsupported-cpu-model": { count: 1 } } });
    // Written into a baseline by hand, it still does not hide the finding.
    writeFileSync(
      join(dir, "vmspec-suppressions.json"),
      JSON.stringify({ "a.vmspec.yaml": { ...base["a.vmspec.yaml"], "suppression-reason-missing": { count: 1 } } }),
    );
    expect(rules(lint())).toEqual(["suppression-reason-missing"]);
  });
});
