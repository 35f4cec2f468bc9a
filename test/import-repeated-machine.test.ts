// `vmspec import` of a script that gives -machine (or -smp, -m) more than once. QEMU merges repeated -machine
// options into one (a later key replacing an earlier one): the import merges them the same way
// before mapping, so the fields map and `vmspec build --accel tcg` of the imported spec works
// (it stopped on extra-args-conflict when both stayed raw). The real QEMU 7.2 is the judge of the
// merge: the machine's properties (qom-get on /machine) are the same for the script as written,
// for the merged spelling, and for the command line built from the imported spec.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { vmspec } from "./helpers/cli.js";
import { buildJson, scratch } from "./helpers/workdir.js";
import { startPaused } from "./helpers/qemu.js";

const MACHINE_PROPS = ["highmem", "gic-version", "its"];

async function machineProps(argv: string[]): Promise<Record<string, unknown>> {
  const q = await startPaused([...argv, "-display", "none"]);
  try {
    const out: Record<string, unknown> = { type: await q.cmd("qom-get", { path: "/machine", property: "type" }) };
    for (const p of MACHINE_PROPS) out[p] = await q.cmd("qom-get", { path: "/machine", property: p });
    return out;
  } finally {
    await q.quit();
  }
}

function importScript(dir: string, name: string, args: string) {
  const file = join(dir, `${name}.sh`);
  writeFileSync(file, `#!/bin/sh\nqemu-system-aarch64 \\\n  -name ${name} \\\n  ${args} \\\n  -cpu cortex-a57 -m 512\n`);
  const out = join(dir, `${name}.yaml`);
  const r = vmspec(["import", file, "-o", out, "--qemu", "7.2"]);
  expect(r.code, r.stderr).toBe(0);
  const yaml = readFileSync(out, "utf8");
  return { out, yaml, spec: parse(yaml) };
}

describe("import merges repeated -machine options as QEMU does", () => {
  const cases = [
    {
      args: "-M virt -M virt,highmem=off",
      merged: ["-M", "virt,highmem=off"],
      fields: { machine: { type: "virt" }, qemuProperties: { machine: { highmem: "off" } } },
    },
    {
      args: "-machine virt,gic-version=3 -machine accel=tcg",
      merged: ["-machine", "virt,gic-version=3,accel=tcg"],
      fields: { machine: { type: "virt", gicVersion: "3" }, accel: "tcg" },
    },
    {
      // A later key replaces an earlier one; a later -M naming only the type keeps the earlier keys.
      args: "-M virt,highmem=on,gic-version=2 -M highmem=off -M virt",
      merged: ["-M", "virt,highmem=off,gic-version=2"],
      fields: { machine: { type: "virt", gicVersion: "2" }, qemuProperties: { machine: { highmem: "off" } } },
    },
  ];
  for (const c of cases)
    it(`${c.args}: the fields map, build --accel tcg works, and QEMU starts the same machine`, async () => {
      const dir = scratch("repeated-machine-");
      const { out, yaml, spec } = importScript(dir, "rm", c.args);
      expect(spec).toMatchObject(c.fields);
      // No -machine is left in extraArgs.
      expect(spec.extraArgs ?? []).not.toContain("-machine");
      expect(spec.extraArgs ?? []).not.toContain("-M");
      expect(yaml).toMatch(/-machine is given \d times \(line 4\): QEMU merges them/);
      const built = buildJson(out);
      expect(built.argv.filter((w) => w === "-machine")).toHaveLength(1);
      const words = c.args.split(" ");
      const asWritten = await machineProps([...words, "-cpu", "cortex-a57", "-m", "512"]);
      expect(await machineProps([...c.merged, "-cpu", "cortex-a57", "-m", "512"])).toEqual(asWritten);
      expect(await machineProps(built.argv)).toEqual(asWritten);
    });

  it("what the fields cannot say stays in extraArgs once, merged, with its reason", () => {
    const dir = scratch("repeated-machine-");
    const { spec, yaml } = importScript(dir, "raw", "-machine gic-version=3 -machine accel=tcg,highmem=off");
    expect(spec.extraArgs).toEqual(["-machine", "gic-version=3,accel=tcg,highmem=off"]);
    expect(yaml).toContain("# -machine is given 2 times, which QEMU merges into this one (a later key replacing an earlier one)");
  });
});

/** What QEMU made of -smp and -m: its CPU topology and RAM. */
async function cpusAndMemory(argv: string[]): Promise<unknown> {
  const q = await startPaused([...argv, "-display", "none"]);
  try {
    return {
      smp: await q.cmd("qom-get", { path: "/machine", property: "smp" }),
      cpus: (await q.cmd("query-cpus-fast")).length,
      memory: (await q.cmd("query-memory-size-summary"))["base-memory"],
    };
  } finally {
    await q.quit();
  }
}

describe("import merges repeated -smp and -m options as QEMU does", () => {
  it.each([
    ["-smp 4,cores=2 -smp 2 -m 512 -m 1G", { cpu: { count: 2, cores: 2 }, memory: { size: "1GiB" } }],
    [
      "-smp 2 -smp cores=2 -m 1G -m maxmem=4G,slots=2",
      { cpu: { count: 2, cores: 2 }, qemuProperties: { m: { maxmem: "4G", slots: "2" } } },
    ],
  ])("%s: the fields map, and QEMU starts the same CPUs and memory", async (args, fields) => {
    const dir = scratch("repeated-smp-");
    const file = join(dir, "rs.sh");
    writeFileSync(file, `qemu-system-aarch64 -name rs -M virt -cpu cortex-a57 ${args}\n`);
    const out = join(dir, "rs.yaml");
    const r = vmspec(["import", file, "-o", out, "--qemu", "7.2"]);
    expect(r.code, r.stderr).toBe(0);
    const yaml = readFileSync(out, "utf8");
    expect(parse(yaml)).toMatchObject(fields);
    expect(parse(yaml).extraArgs).toBeUndefined();
    expect(yaml).toMatch(/^# -smp is given 2 times \(line 1\): QEMU merges them/m);
    expect(yaml).toMatch(/^# -m is given 2 times \(line 1\): QEMU merges them/m);
    const built = buildJson(out);
    const asWritten = await cpusAndMemory(["-M", "virt", "-cpu", "cortex-a57", ...args.split(" ")]);
    expect(await cpusAndMemory(built.argv)).toEqual(asWritten);
  });
});

// QEMU 7.2 reads -enable-kvm as `-machine accel=kvm` where it stands: a later -machine accel=
// replaces it, an earlier one is replaced by it. The import folds it in the same way.
describe("import folds -enable-kvm into the merged -machine at its place", () => {
  // "started" (the accelerator QEMU runs, over QMP), or what QEMU said when it refused to start.
  const accelOf = async (argv: string[]) => {
    try {
      const q = await startPaused([...argv, "-cpu", "cortex-a57", "-m", "512", "-display", "none"]);
      const kvm = (await q.cmd("query-kvm")) as { enabled: boolean };
      await q.quit();
      return kvm.enabled ? "started with kvm" : "started";
    } catch (e) {
      // Its last line: the QMP socket's path in the lines before differs from run to run.
      return String((e as Error).message)
        .trim()
        .split("\n")
        .pop()!;
    }
  };
  it.each([
    ["-enable-kvm -machine virt,accel=tcg", "tcg"],
    ["-machine virt,accel=tcg -enable-kvm", "kvm"],
    ["-machine virt -enable-kvm -machine accel=tcg", "tcg"],
    ["-enable-kvm -machine virt", "kvm"],
  ])("%s: accel %s, as QEMU 7.2 runs it, and -enable-kvm not kept", async (args, accel) => {
    const dir = scratch("enable-kvm-");
    const { spec, yaml } = importScript(dir, "ek", args);
    expect(spec.accel).toBe(accel);
    expect(spec.extraArgs ?? []).not.toContain("-enable-kvm");
    expect(yaml).toMatch(/-enable-kvm \(which QEMU 7\.2 reads as -machine accel=kvm where it stands\) is given with (\d )?-machine/);
    // The real QEMU (TCG only here): the script as written runs exactly when the import says tcg.
    const asWritten = await accelOf(args.split(" "));
    const merged = await accelOf(["-machine", `virt,accel=${accel}`]);
    expect(asWritten).toBe(merged);
    expect(asWritten === "started").toBe(accel === "tcg");
    if (accel === "kvm") expect(asWritten).toContain("invalid accelerator kvm");
  });

  it("a device no aarch64 QEMU has stays raw with the target-unsupported reason, not the fields' one", () => {
    const dir = scratch("enable-kvm-");
    const { spec, yaml } = importScript(dir, "pv", "-enable-kvm -machine virt,accel=tcg -device pvpanic -device hpet");
    expect(spec.extraArgs).toEqual(["-device", "pvpanic", "-device", "hpet"]);
    expect(yaml).toContain("# build refuses it (target-unsupported): -device pvpanic is the PC's ISA panic device");
    expect(yaml).toContain("# build refuses it (target-unsupported): -device hpet is no device of qemu-system-aarch64");
    expect(yaml).not.toContain("vmspec writes devices from its own fields");
  });
});
