// The PC's ISA devices that scripts carry over to an ARM command line: `-device pvpanic` and
// `-device tpm-tis`. qemu-system-aarch64 has neither in any version (the virt board has no ISA
// bus; QEMU 7.2 says "'pvpanic' is not a valid device model name"): lint and build refuse them
// as target-unsupported, for every target, and name the virt board's device instead.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { lintArgv } from "../lint/lint.js";
import { buildSpec } from "../lint/build.js";
import { locate } from "../core/positions.js";
import { QEMU, startExpectingFailure } from "./helpers/qemu.js";

const enc = (s: string) => new TextEncoder().encode(s);
const HELP = spawnSync(QEMU, ["-machine", "virt", "-device", "help"], { encoding: "utf8" }).stdout;

describe.each([
  ["pvpanic", "pvpanic-pci", "6.0"],
  ["tpm-tis", "tpm-tis-device", "5.0"],
])("-device %s on aarch64", (driver, instead, since) => {
  const props = driver === "tpm-tis" ? ",tpmdev=tpm0" : "";
  const backend = driver === "tpm-tis" ? ["-tpmdev", "passthrough,id=tpm0,path=/dev/null"] : [];

  it("QEMU 7.2's aarch64 build lists the virt board's device and refuses this one", async () => {
    expect(HELP).toContain(`name "${instead}"`);
    expect(HELP).not.toContain(`name "${driver}"`);
    const r = await startExpectingFailure(["-M", "virt", "-cpu", "cortex-a57", "-m", "256", "-device", driver]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`'${driver}' is not a valid device model name`);
  });

  it.each([
    [2, 9],
    [7, 2],
  ] as const)("lint --argv for QEMU %s.%s: a target-unsupported error at the option", (major, minor) => {
    const line = `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu ${backend.join(" ")} -device ${driver}${props}\n`;
    const r = lintArgv(enc(line), { baseDir: "/", qemu: [major, minor] });
    const found = locate(r.text, r.findings).filter((f) => f.ruleId === "target-unsupported");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", line: 1, column: line.indexOf(`-device ${driver}`) + 1 });
    expect(found[0].message).toContain(`-device ${driver} is the PC's ISA`);
    expect(found[0].message).toContain(`write -device ${instead}`);
    // The device to write instead, when the target has it, is not refused.
    const fixed = lintArgv(enc(line.replace(`-device ${driver}`, `-device ${instead}`)), { baseDir: "/", qemu: [7, 2] });
    expect(fixed.findings.filter((f) => f.ruleId === "target-unsupported")).toEqual([]);
    if (major === 2) expect(found[0].message).toContain(`needs QEMU ${since} or later`);
  });

  it("build refuses it in extraArgs, with no output", () => {
    const spec = `name: v\nmemory: {size: 1GiB}\nrunAs: qemu\nextraArgs: [${[...backend, "-device", `${driver}${props}`].map((w) => JSON.stringify(w)).join(", ")}]\n`;
    const r = buildSpec(enc(spec), { format: "argv", baseDir: "/", qemu: [7, 2] });
    expect(r.output).toBeUndefined();
    expect(locate(r.text, r.findings).filter((f) => f.ruleId === "target-unsupported")).toMatchObject([{ line: 4, severity: "error" }]);
  });
});
