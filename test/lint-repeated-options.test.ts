// lint judges repeated -machine, -smp and -m as QEMU merges them (qemu/merge-repeated.ts, the
// merge import uses too): a later key replaces an earlier one. Each case: the real QEMU 7.2 shows
// what the command line is, and lint's findings now follow it (before, each option was judged
// alone, which gave the findings marked "was").
import { describe, expect, it } from "vitest";
import { lintArgv } from "../lint/lint.js";
import { locate } from "../core/positions.js";
import { startPaused } from "./helpers/qemu.js";

const enc = (s: string) => new TextEncoder().encode(s);
const ids = (args: string) =>
  lintArgv(enc(`qemu-system-aarch64 ${args} -m 1G -runas qemu\n`), { baseDir: "/", qemu: [7, 2], profile: "sles15sp4" }).findings.map(
    (f) => f.ruleId,
  );

/** What QEMU 7.2 makes of the options: its machine type, GIC, CPUs and accelerator, or its refusal. */
async function qemuSays(args: string): Promise<Record<string, unknown> | string> {
  try {
    const q = await startPaused([...args.split(" "), "-m", "512", "-display", "none"]);
    const out = {
      type: await q.cmd("qom-get", { path: "/machine", property: "type" }),
      gic: await q.cmd("qom-get", { path: "/machine", property: "gic-version" }),
      cpus: (await q.cmd("query-cpus-fast")).length,
      kvm: (await q.cmd("query-kvm")).enabled,
    };
    await q.quit();
    return out;
  } catch (e) {
    return String((e as Error).message)
      .trim()
      .split("\n")
      .pop()!;
  }
}

describe("lint merges repeated -machine, -smp and -m as QEMU does", () => {
  it("-machine virt,accel=kvm -machine accel=tcg -cpu host: TCG, so -cpu host is refused (was: no finding)", async () => {
    expect(await qemuSays("-machine virt,accel=kvm -machine accel=tcg -cpu host")).toContain("unable to find CPU model 'host'");
    expect(await qemuSays("-machine virt,accel=kvm -machine accel=tcg -cpu cortex-a57")).toMatchObject({ kvm: false });
    const found = ids("-machine virt,accel=kvm -machine accel=tcg -cpu host");
    expect(found).toContain("kvm-only-setting");
    expect(found).toContain("kvm-not-enabled");
  });

  it("-machine virt,accel=tcg -machine accel=kvm: QEMU asks for KVM, so TCG is not what runs (was: tcg-unsupported)", async () => {
    expect(await qemuSays("-machine virt,accel=tcg -machine accel=kvm -cpu host")).toContain("invalid accelerator kvm");
    expect(ids("-machine virt,accel=tcg -machine accel=kvm -cpu host")).not.toContain("tcg-unsupported");
  });

  it("-M virt -M virt-6.1: the machine is virt-6.1 (was: unsupported-machine for the bare virt)", async () => {
    expect(await qemuSays("-M virt -M virt-6.1,accel=tcg -cpu cortex-a57")).toMatchObject({ type: "virt-6.1-machine" });
    expect(ids("-M virt -M virt-6.1,accel=kvm -cpu host")).not.toContain("unsupported-machine");
    // The bare virt alone is still the statement's unsupported type.
    expect(ids("-M virt,accel=kvm -cpu host")).toContain("unsupported-machine");
  });

  it("-machine gic-version=2 then gic-version=3, -smp 16 then -smp 4: GICv3 with 4 CPUs starts (was: gic-cpu-limit)", async () => {
    const args = "-machine virt-6.1,gic-version=2,accel=tcg -machine gic-version=3 -smp 16 -smp 4 -cpu cortex-a57";
    expect(await qemuSays(args)).toMatchObject({ gic: "3", cpus: 4 });
    expect(ids(args.replace("accel=tcg", "accel=kvm").replace("cortex-a57", "host"))).not.toContain("gic-cpu-limit");
    // One -machine with GICv2 and 16 CPUs is still refused, by QEMU and by lint.
    expect(await qemuSays("-machine virt-6.1,gic-version=2,accel=tcg -smp 16 -cpu cortex-a57")).toContain("8");
    expect(ids("-machine virt-6.1,gic-version=2,accel=kvm -smp 16 -cpu host")).toContain("gic-cpu-limit");
  });

  it("a finding on the merged -machine points at the first one, not across the options between", () => {
    const line = "qemu-system-aarch64 -machine virt-6.1 -cpu host -m 1G -runas qemu -machine highmem=off\n";
    const r = lintArgv(enc(line), { baseDir: "/", qemu: [7, 2], profile: "sles15sp4" });
    const f = locate(r.text, r.findings).find((x) => x.ruleId === "kvm-not-enabled")!;
    expect(f).toMatchObject({ line: 1, column: line.indexOf("-machine") + 1, endColumn: line.indexOf(" -cpu") + 1 });
  });
});
