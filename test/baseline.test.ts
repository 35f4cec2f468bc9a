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
    writeFileSync(join(dir, "vms/a.vmspec.yaml"), "name: a\nmemory: {size: 1GiB}\ncpu: {model: max}\n");
    writeFileSync(join(dir, "vms/b.vmspec.yaml"), "name: b\nmemory: {size: 1GiB}\nrunAs: qemu\n");
    expect(lint().code).toBe(1);

    expect(lint("--suppress-all").code).toBe(0);
    const base = JSON.parse(readFileSync(join(dir, "vmspec-suppressions.json"), "utf8"));
    expect(base).toEqual({ "vms/a.vmspec.yaml": { "runs-as-root": { count: 1 }, "unsupported-cpu-model": { count: 1 } } });
    expect(lint()).toMatchObject({ code: 0, stdout: "" });

    // A new finding is reported; so are all findings of a rule that now has more than recorded.
    writeFileSync(join(dir, "vms/b.vmspec.yaml"), "name: b\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: tcg\n");
    writeFileSync(join(dir, "vms/a.vmspec.yaml"), "name: a\nmemory: {size: 1GiB}\ncpu: {model: max}\nextraArgs: [-device, virtio-gpu]\n");
    const r = lint();
    expect(r.stdout.split("\n").filter(Boolean).map((l) => l.replace(/^.*\[(.*)\]$/, "$1"))).toEqual(["unsupported-device", "kvm-not-enabled", "tcg-unsupported"]);

    // Fixing one lets --prune-suppressions lower the count; an unpruned baseline is mentioned.
    writeFileSync(join(dir, "vms/a.vmspec.yaml"), "name: a\nmemory: {size: 1GiB}\n");
    expect(lint().stderr).toContain("1 baseline entries in vmspec-suppressions.json cover more than is found now");
    lint("--prune-suppressions");
    expect(JSON.parse(readFileSync(join(dir, "vmspec-suppressions.json"), "utf8"))).toEqual({ "vms/a.vmspec.yaml": { "runs-as-root": { count: 1 } } });

    // --suppress-rule records only that rule.
    lint("--suppress-rule", "tcg-unsupported");
    expect(JSON.parse(readFileSync(join(dir, "vmspec-suppressions.json"), "utf8"))["vms/b.vmspec.yaml"]).toEqual({ "tcg-unsupported": { count: 1 } });
    expect(lint("--suppress-rule", "tcg-unsupportd").code).toBe(2);
  });
});
