// --fix applies only exact, safe fixes, in specs and command lines, keeping comments and layout;
// a second run changes nothing; --fix-dry-run prints a diff git can apply; suggestions are never
// applied.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const SPEC = `# a comment that stays
name: web   # and this one
memory: {size: 1GiB}
runAs: qemu
cpu: {model: max}            # a suggestion only: never applied
extraArgs:
  - -device
  - "ivshmem,memdev=shm0"    # exact: ivshmem-plain
  - -device
  - "ivshmem,shm=legacy"     # not exact: suggestions only
  - -machine
  - "?"
  - -drive
  - file=/srv/data.raw,format=raw,if=virtio
  - -drive
  - file=/srv/data.raw,if=virtio,readonly=on
`;

describe("--fix", () => {
  it("fixes what is exact in a spec, keeps everything else, and is idempotent", () => {
    const dir = scratch();
    const file = join(dir, "vm.yaml");
    writeFileSync(file, SPEC, { mode: 0o600 });
    const json = JSON.parse(vmspec(["lint", file, "--format", "json"]).stdout).files[0].findings;
    expect(
      json
        .filter((f: any) => f.fix)
        .map((f: any) => f.ruleId)
        .sort(),
    ).toEqual(["drive-format-missing", "help-question-mark-deprecated", "ivshmem-deprecated"]);
    expect(json.find((f: any) => f.ruleId === "unsupported-cpu-model").suggestions[0].message).toBe("use -cpu host (needs KVM)");

    vmspec(["lint", file, "--fix"]);
    const fixed = readFileSync(file, "utf8");
    expect(fixed).toBe(
      SPEC.replace('"ivshmem,memdev=shm0"', '"ivshmem-plain,memdev=shm0"')
        .replace('  - "?"', '  - "help"')
        .replace("file=/srv/data.raw,if=virtio,readonly=on", "file=/srv/data.raw,format=raw,if=virtio,readonly=on"),
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    vmspec(["lint", file, "--fix"]);
    expect(readFileSync(file, "utf8")).toBe(fixed);
    expect(vmspec(["lint", file, "--fix-dry-run"]).stdout).toBe("");
  });

  it("fixes command lines too, and --fix-dry-run prints a diff that git applies", () => {
    const dir = scratch();
    const file = join(dir, "run.sh");
    const text =
      "#!/bin/sh\nqemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu \\\n  -device 'pci-assign,host=01:00.0,id=nic' \\\n  -device ?\n";
    writeFileSync(file, text);
    const dry = vmspec(["lint", "--argv", "run.sh", "--fix-dry-run"], { cwd: dir });
    expect(dry.stdout).toContain("--- a/run.sh\n+++ b/run.sh\n@@ -1,4 +1,4 @@\n");
    expect(readFileSync(file, "utf8")).toBe(text);
    execFileSync("git", ["init", "-q"], { cwd: dir });
    writeFileSync(join(dir, "fix.diff"), dry.stdout);
    execFileSync("git", ["apply", "fix.diff"], { cwd: dir });
    const applied = readFileSync(file, "utf8");
    vmspec(["lint", "--argv", file, "--fix"]);
    writeFileSync(file, text);
    vmspec(["lint", "--argv", file, "--fix"]);
    expect(readFileSync(file, "utf8")).toBe(applied);
    expect(applied).toBe(text.replace("'pci-assign,host", "'vfio-pci,host").replace("-device ?", "-device help"));
  });

  it("never writes a file it could not read back, and leaves a read-only folder alone", () => {
    const dir = scratch();
    const file = join(dir, "vm.yaml");
    writeFileSync(file, 'name: a\nmemory: {size: 1GiB}\nrunAs: qemu\nextraArgs: [-device, "?"]\n');
    chmodSync(dir, 0o555);
    const r = vmspec(["lint", file, "--fix"]);
    chmodSync(dir, 0o755);
    // As root the folder is still writable; either way the file is whole.
    expect(readFileSync(file, "utf8")).toMatch(/^name: a\nmemory: \{size: 1GiB\}\nrunAs: qemu\nextraArgs: \[-device, "(\?|help)"\]\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
