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
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { render } from "../tools/qemu-devices/generate.js";
import { AARCH64_DEVICES, OLDER_DEVICES } from "../qemu/aarch64-devices.js";
import { KNOWN_TARGETS, parseTarget } from "../qemu/targets.js";

const KNOWN = new Set([...AARCH64_DEVICES, ...OLDER_DEVICES]);

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

// Every other device qemu-system-aarch64 has in no version: judged from 7.2's own `-device help`
// (qemu/aarch64-devices.ts, `npm run qemu-devices`), for a target up to 7.2.
describe("devices no qemu-system-aarch64 has, judged from its -device help", () => {
  const line = (device: string) => `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -device ${device}\n`;
  const refusals = (device: string, qemu: readonly [number, number]) =>
    locate(lintArgv(enc(line(device)), { baseDir: "/", qemu }).text, lintArgv(enc(line(device)), { baseDir: "/", qemu }).findings).filter(
      (f) => f.ruleId === "target-unsupported",
    );

  it("qemu/aarch64-devices.ts is the installed QEMU's list (npm run qemu-devices)", () => {
    expect(readFileSync(join(import.meta.dirname, "../qemu/aarch64-devices.ts"), "utf8")).toBe(render(QEMU));
  });

  it.each([
    ["intel-iommu", true],
    ["isa-serial", true],
    ["hpet", true],
    // The SUSE statements (QEMU 2.9 to 6.2) list these among their unsupported devices: for those
    // targets the statement's unsupported-device speaks, not a claim that no QEMU had them.
    ["ib700", false],
    ["isa-debugcon", false],
  ])("-device %s: QEMU 7.2 refuses it, and lint says so (for 2.9 too: %s)", async (device, old) => {
    expect(HELP).not.toContain(`name "${device}"`);
    const r = await startExpectingFailure(["-M", "virt", "-cpu", "cortex-a57", "-m", "256", "-display", "none", "-device", device]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`'${device}' is not a valid device model name`);
    for (const qemu of old
      ? ([
          [2, 9],
          [7, 2],
        ] as const)
      : ([[7, 2]] as const)) {
      const found = refusals(device, qemu);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: "error", line: 1, column: line(device).indexOf("-device") + 1 });
      expect(found[0].message).toContain(`'${device}' is not a valid device model name`);
    }
    if (!old) {
      expect(refusals(device, [2, 9])).toEqual([]);
      const r29 = lintArgv(enc(line(device)), { baseDir: "/", qemu: [2, 9] });
      expect(r29.findings.map((f) => f.ruleId)).toContain("unsupported-device");
    }
    // A target newer than the list's QEMU may have devices 7.2 lacks: not judged.
    expect(refusals(device, [8, 2])).toEqual([]);
  });

  it("devices an older target had and 7.2 removed are qemu-removed's, not refused as unknown", () => {
    expect(OLDER_DEVICES).toEqual(expect.arrayContaining(["ide-drive", "scsi-disk", "ivshmem", "kvm-pci-assign"]));
    for (const device of OLDER_DEVICES) {
      expect(HELP).not.toContain(`name "${device}"`);
      expect(refusals(device, [2, 9])).toEqual([]);
    }
  });

  it("every device QEMU 7.2 lists, and its aliases, is not refused as unknown", () => {
    const listed = [...HELP.matchAll(/^name "([^"]+)"(?:.*?, alias "([^"]+)")?/gm)].flatMap((m) => (m[2] ? [m[1], m[2]] : [m[1]]));
    expect(listed.length).toBeGreaterThan(300);
    const opts = listed.map((d) => `-device ${d.replace(/,/g, ",,")}`).join(" ");
    const r = lintArgv(enc(`qemu-system-aarch64 -machine virt -m 1G ${opts}\n`), { baseDir: "/", qemu: [7, 2] });
    expect(r.findings.filter((f) => f.message.includes("is no device of qemu-system-aarch64"))).toEqual([]);
  });

  it("the devices vmspec writes for every target are not refused (the examples, built for each)", () => {
    const dir = join(import.meta.dirname, "../examples");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")))
      for (const target of KNOWN_TARGETS) {
        const r = buildSpec(readFileSync(join(dir, file)), { format: "argv", baseDir: dir, qemu: parseTarget(target)! });
        const argv = r.output ?? "";
        expect(
          r.findings.filter((f) => f.message.includes("is no device of qemu-system-aarch64")),
          `${file} for ${target}`,
        ).toEqual([]);
        for (const m of argv.matchAll(/-device '?\{?"?(?:driver"?:"?)?([A-Za-z0-9_.-]+)/g))
          expect(KNOWN, `${file} ${target}: ${m[1]}`).toContain(m[1]);
      }
  });
});

// A device no qemu-system-aarch64 has is one error, target-unsupported's: unlisted-device does not
// also call it a technology preview of the statement (it exists in no aarch64 QEMU to be one).
describe("a device no aarch64 QEMU has gets one finding", () => {
  it.each(["intel-iommu", "hpet", "isa-serial"])("-device %s, --qemu 7.2", (driver) => {
    const r = lintArgv(enc(`qemu-system-aarch64 -machine virt,accel=tcg -cpu max -m 1G -runas qemu -device ${driver}\n`), {
      baseDir: "/",
      qemu: [7, 2],
    });
    const about = r.findings.filter((f) => f.message.includes(driver)).map((f) => f.ruleId);
    expect(about).toEqual(["target-unsupported"]);
  });
});
