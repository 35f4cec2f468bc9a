// What a spec's FIELDS compile to is judged against the target QEMU exactly as extraArgs and
// command lines are: one check (qemu/since.ts, run over every compiled option in
// compiler/compile.ts) makes an option the target lacks a target-unsupported error at the field
// that wrote it. `video: ramfb` before QEMU 3.0, `pvpanic: true` before 6.0 (the virt board's only
// panic device is pvpanic-pci; the ISA pvpanic needs an ISA bus it lacks), `cpu.model: max`
// before 2.12. And every device any field can compile to is either in QEMU 2.9 (the SLES 12 SP3
// statement's device lists, which name what its QEMU 2.9 has) or listed in since.ts with its
// first version, so a field added later cannot slip past the check.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { VmSpec } from "../spec/types.js";
import { compile } from "../compiler/compile.js";
import { lintSpec } from "../lint/lint.js";
import { buildSpec } from "../lint/build.js";
import { locate } from "../core/positions.js";
import { KNOWN_TARGETS, parseTarget, type QemuVersion } from "../qemu/targets.js";
import { deviceSince, later } from "../qemu/since.js";
import { profileNamed } from "../rules/profile.js";
import { ROOT } from "./helpers/cli.js";
import { peripherals, startExpectingFailure, startPaused } from "./helpers/qemu.js";
import { buildJson, prepareHost, scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);

/** Each field value and the first QEMU that has what it compiles to (QEMU's changelogs; qemu/since.ts). */
const FIELDS: { yaml: string; at: string; since: QemuVersion }[] = [
  { yaml: "display: {type: vnc, video: ramfb}", at: "ramfb", since: [3, 0] },
  { yaml: "pvpanic: true", at: "true", since: [6, 0] },
  { yaml: "cpu: {model: max}", at: "max", since: [2, 12] },
];

const SPEC = `name: fields\nmemory: {size: 256MiB}\naccel: tcg\n${FIELDS.map((f) => f.yaml).join("\n")}\n`;

describe("fields against the target QEMU", () => {
  for (const v of KNOWN_TARGETS) {
    it(`QEMU ${v}: a target-unsupported error at each field whose option QEMU ${v} lacks, and none at the others`, () => {
      const target = parseTarget(v)!;
      const r = lintSpec(enc(SPEC), { baseDir: "/", qemu: target });
      const located = locate(r.text, r.findings).filter((f) => f.ruleId === "target-unsupported");
      const lines = SPEC.split("\n");
      const expected = FIELDS.filter((f) => later(f.since, target)).map((f) => {
        const line = lines.findIndex((l) => l === f.yaml) + 1;
        return { line, column: lines[line - 1].indexOf(f.at) + 1, severity: "error" };
      });
      expect(located.map((f) => ({ line: f.line, column: f.column, severity: f.severity }))).toEqual(expected);
      for (const f of located)
        expect(f.message).toMatch(new RegExp(`needs QEMU \\d+\\.\\d+ or later; the target QEMU ${v.replace(".", "\\.")} refuses it`));
      // build stops there, with no output.
      if (expected.length) expect(buildSpec(enc(SPEC), { format: "shell", baseDir: "/", qemu: target }).output, v).toBeUndefined();
    });
  }

  it("the message names the field and why: pvpanic under SLES 12 SP3's QEMU 2.9", () => {
    const r = lintSpec(enc("name: p\nmemory: {size: 256MiB}\nrunAs: qemu\npvpanic: true\n"), { baseDir: "/", profile: "sles12sp3" });
    const f = r.findings.filter((x) => x.ruleId === "target-unsupported");
    expect(f.map((x) => x.message)).toEqual([
      "pvpanic compiles to -device pvpanic-pci, which needs QEMU 6.0 or later; the target QEMU 2.9 refuses it (before 6.0 pvpanic is an ISA device, and the virt board has no ISA bus): change or remove it, or target a newer QEMU (--qemu, --profile)",
    ]);
    // Under SLES 15 SP4 (QEMU 6.2) it compiles, as the statement's newly supported pvpanic-pci.
    const sp4 = lintSpec(enc("name: p\nmemory: {size: 256MiB}\nrunAs: qemu\npvpanic: true\n"), { baseDir: "/", profile: "sles15sp4" });
    expect(sp4.findings.filter((x) => x.severity === "error")).toEqual([]);
    expect(sp4.options!.some((o) => o.flag === "-device" && o.props![0].value === "pvpanic-pci")).toBe(true);
  });

  it("a field the compiler already explains is not reported twice (a TPM under 2.9: one error at tpm)", () => {
    const spec = parse("name: t\nmemory: {size: 256MiB}\ntpm: {path: /dev/tpm0}\n") as VmSpec;
    const c = compile(spec, { baseDir: "/", qemu: [2, 9] });
    expect(c.problems.filter((p) => p.id === "target-unsupported").map((p) => p.path)).toEqual([["tpm"]]);
  });

  it("a property a field adds is reported at that field, not at the option (qemuProperties.machine.memory-backend under 2.9)", () => {
    const text = "name: q\nmemory: {size: 256MiB}\nqemuProperties:\n  machine: {memory-backend: ram0}\n";
    const r = lintSpec(enc(text), { baseDir: "/", qemu: [2, 9] });
    const located = locate(r.text, r.findings).filter((f) => f.ruleId === "target-unsupported");
    expect(located.map((f) => [f.line, f.column, f.message])).toEqual([
      [
        4,
        29,
        "qemuProperties.machine.memory-backend compiles to -machine memory-backend=, which needs QEMU 5.0 or later; the target QEMU 2.9 refuses it: change or remove it (QEMU 2.9 has -m with -mem-path), or target a newer QEMU (--qemu, --profile)",
      ],
    ]);
  });

  it("the same device written in extraArgs is the same finding, phrased for the command line", () => {
    const spec = parse("name: x\nmemory: {size: 256MiB}\nextraArgs: [-device, ramfb]\n") as VmSpec;
    const c = compile(spec, { baseDir: "/", qemu: [2, 9] });
    expect(c.problems.filter((p) => p.id === "target-unsupported").map((p) => [p.path, p.message])).toEqual([
      [
        ["extraArgs", 1],
        "-device ramfb needs QEMU 3.0 or later; the target QEMU 2.9 refuses it: write -device virtio-gpu-pci, or target a newer QEMU (--qemu, --profile)",
      ],
    ]);
  });

  it("every device and option a field compiles to is in QEMU 2.9 or has its first version in qemu/since.ts", () => {
    const sles12 = profileNamed("sles12sp3")!;
    const flags29 = new Set([...sles12.supportedOptions, ...sles12.unsupportedOptions]);
    // In QEMU 2.9 though the statement does not list it: the generic pcie-root-port is new in 2.9 (its changelog).
    const alsoIn29 = new Set(["pcie-root-port"]);
    const in29 = (d: string) => alsoIn29.has(d) || sles12.deviceStatus(d).status !== "unlisted";
    const specs: VmSpec[] = [];
    for (const g of ["all-features-7.2", "admin-fields-7.2", "storage-7.2", "consoles-7.2", "numa-7.2", "blockdev-7.2", "passt-7.2"])
      specs.push(parse(readFileSync(join(ROOT, "test/golden", `${g}.yaml`), "utf8")) as VmSpec);
    const base = parse(SPEC) as VmSpec;
    for (const video of ["std", "qxl", "virtio-gpu", "ramfb"] as const) specs.push({ ...base, display: { type: "vnc", video } });
    for (const model of ["virtio", "e1000", "e1000e", "rtl8139"] as const)
      specs.push({ ...base, networks: [{ name: "lan", type: "user", model }] });
    for (const controller of ["ehci", "ohci", "xhci"] as const) specs.push({ ...base, usb: { controller, tablet: true } });
    const unknown = new Set<string>();
    let devices = 0;
    for (const spec of specs) {
      for (const o of compile(spec, { baseDir: "/vms", qemu: [7, 2] }).options) {
        if (!flags29.has(o.flag)) unknown.add(o.flag);
        if (o.flag !== "-device") continue;
        devices++;
        const driver = o.props![0].value;
        if (!in29(driver) && deviceSince(driver) === undefined) unknown.add(`-device ${driver}`);
      }
    }
    expect(devices).toBeGreaterThan(40);
    expect([...unknown]).toEqual([]);
  });
});

describe("on the real QEMU 7.2", () => {
  it("ramfb and pvpanic-pci, compiled for 7.2, are there in the running QEMU", async () => {
    const dir = scratch();
    const file = join(dir, "fields.yaml");
    writeFileSync(file, SPEC);
    const built = buildJson(file);
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      const devices = await peripherals(q);
      expect(devices).toMatchObject({ video0: "ramfb", pvpanic0: "pvpanic-pci" });
    } finally {
      await q.quit();
    }
  });

  it("the ISA pvpanic vmspec used to write for QEMU before 6.0 is no aarch64 device at all", async () => {
    const r = await startExpectingFailure(["-M", "virt", "-nodefaults", "-device", "pvpanic"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("'pvpanic' is not a valid device model name");
  });
});
