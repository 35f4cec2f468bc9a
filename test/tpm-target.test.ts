// A TPM on the virt board: QEMU's aarch64 binary has the sysbus tpm-tis-device (since 5.0) and no
// ISA tpm-tis (the virt board has no ISA bus). For an older target (the default 2.9) vmspec used to
// emit -device tpm-tis; that is a located target-unsupported error now.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { buildSpec } from "../lint/build.js";
import { parseTarget } from "../qemu/targets.js";
import { locate } from "../core/positions.js";
import { QEMU } from "./helpers/qemu.js";

const SPEC = "name: v\nmemory: {size: 1GiB}\nrunAs: qemu\ntpm: {type: passthrough}\n";

function build(qemu: string) {
  const r = buildSpec(new TextEncoder().encode(SPEC), { format: "argv", baseDir: "/vms", qemu: parseTarget(qemu) });
  return { output: r.output, findings: locate(r.text, r.findings).filter((f) => f.ruleId === "target-unsupported") };
}

describe("tpm by target", () => {
  it("the real aarch64 QEMU has tpm-tis-device and no ISA tpm-tis", () => {
    const help = spawnSync(QEMU, ["-machine", "virt", "-device", "help"], { encoding: "utf8" }).stdout;
    expect(help).toMatch(/name "tpm-tis-device"/);
    expect(help).not.toMatch(/name "tpm-tis"/);
  });

  it.each(["2.9", "4.1", "4.2"])("QEMU %s: a located target-unsupported error and no output", (v) => {
    const r = build(v);
    expect(r.output).toBeUndefined();
    expect(r.findings).toMatchObject([{ line: 4, column: 1, severity: "error" }]);
    expect(r.findings[0].message).toContain(
      `a TPM on the virt board needs QEMU 5.0 or later (tpm-tis-device); QEMU ${v} has only the ISA tpm-tis`,
    );
  });

  it.each(["5.2", "7.2"])("QEMU %s: -device tpm-tis-device", (v) => {
    const r = build(v);
    expect(r.findings).toEqual([]);
    expect(r.output).toContain("tpm-tis-device,tpmdev=tpm0");
  });
});
