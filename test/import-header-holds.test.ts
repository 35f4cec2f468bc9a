// The header of an imported spec promises what `vmspec build` does with it. Importing vmspec's own
// output of a VM with a swtpm TPM picked a SUSE profile whose statement refuses the TPM, and said
// "`vmspec build` gives back its options", although that build failed. Now the header names the
// flags the build needs, and the build it names gives back the same argument vector.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

/** The build command the header names, as words (after `vmspec`). */
function promised(yaml: string): { words: string[]; line: string } {
  const line = yaml.split("\n").find((l) => l.startsWith("# Imported by"))!;
  const cmd = /`vmspec (build[^`]*)`/.exec(line)![1];
  return { words: cmd.split(" "), line };
}

describe("import's header holds", () => {
  it("a swtpm VM: the header's build (with the rules it names off) gives back the argument vector; plain build fails", () => {
    const dir = scratch();
    const spec = join(dir, "measured.vmspec.yaml");
    writeFileSync(spec, readFileSync(join(ROOT, "test/golden/swtpm.yaml"), "utf8"));
    const b = vmspec(["build", spec, "--qemu", "7.2", "--rule", "tpm-backend-unsupported=off", "--format", "argv"]);
    expect(b.code, b.stderr).toBe(0);
    writeFileSync(join(dir, "measured.argv"), b.stdout);
    const out = join(dir, "imported.vmspec.yaml");
    expect(vmspec(["import", join(dir, "measured.argv"), "-o", out]).code).toBe(0);
    const { words, line } = promised(readFileSync(out, "utf8"));
    expect(line).toMatch(/refuse it under the profile's statement/);
    expect(words).toContain("tpm-backend-unsupported=off");
    const rebuilt = vmspec([...words, out, "--format", "argv"]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toBe(b.stdout);
    expect(vmspec(["build", out, "--format", "argv"]).code).toBe(1);
  });

  it("a VM the statement supports keeps the plain promise, and plain build gives back its options", () => {
    const dir = scratch();
    const spec = join(dir, "minimal-uefi.vmspec.yaml");
    writeFileSync(spec, readFileSync(join(ROOT, "examples/minimal-uefi.yaml"), "utf8"));
    const b = vmspec(["build", spec, "--format", "argv"]);
    writeFileSync(join(dir, "m.argv"), b.stdout);
    const out = join(dir, "imported.vmspec.yaml");
    expect(vmspec(["import", join(dir, "m.argv"), "-o", out]).code).toBe(0);
    const { words, line } = promised(readFileSync(out, "utf8"));
    expect(line).not.toContain("--rule");
    const rebuilt = vmspec([...words, out, "--format", "argv"]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toBe(b.stdout);
  });
});
