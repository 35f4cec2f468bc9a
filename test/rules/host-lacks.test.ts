// host-lacks: what the host's real QEMU binary does not have (probed from Debian's
// qemu-system-aarch64 and qemu-system-arm, the 32-bit binary of the same package).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { ruleTester } from "../helpers/rule-tester.js";
import { startExpectingFailure, startPaused } from "../helpers/qemu.js";
import { lintArgv, lintSpec } from "../../lint/lint.js";
import { buildSpec } from "../../lint/build.js";
import rule from "../../rules/host-lacks.js";
import { probe } from "../../qemu/probe.js";
import { scratch } from "../helpers/workdir.js";

const env = { ...process.env, VMSPEC_CACHE_DIR: scratch("vmspec-probe-cache-") };
const aarch64 = { lint: { host: probe("qemu-system-aarch64", { env }).host } };
const arm = { lint: { host: probe("qemu-system-arm", { env }).host } };
const HEAD = "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n";
// A QEMU without KVM built in, as this x86_64 host's qemu-system-aarch64 is (query-kvm: not present; `-accel help`: tcg;
// checked against the real binary below), and an ARM64 host's QEMU, KVM built in, on a host
// without /dev/kvm (what the probe says there: the device is checked on every probe).
const noKvm = { lint: { host: { ...aarch64.lint.host, kvm: false, kvmDevice: "ok" as const } } };
const noDevKvm = { lint: { host: { ...aarch64.lint.host, kvm: true, accels: ["kvm", "tcg"], kvmDevice: "missing" as const } } };
const HAS = "; its accelerators (qom-list-types): tcg";
const KVM_ARGV = "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu\n";
// Command lines that ask for KVM and then for TCG, which QEMU 7.2 starts under TCG without KVM,
// and the order it refuses (-enable-kvm is a -machine accel=kvm where it stands).
const FALLBACKS = [
  "qemu-system-aarch64 -accel kvm -accel tcg -M virt -cpu max -m 1G",
  "qemu-system-aarch64 -machine virt,accel=kvm -machine accel=tcg -cpu max -m 1G",
  "qemu-system-aarch64 -enable-kvm -machine virt,accel=tcg -cpu max -m 1G",
];
const REFUSED = "qemu-system-aarch64 -machine virt,accel=tcg -enable-kvm -cpu max -m 1G";

ruleTester.run(rule, {
  valid: [
    { name: "without --host there is nothing to judge", yaml: `${HEAD}display: {type: spice, video: qxl}\n` },
    { name: "a 64-bit CPU on qemu-system-aarch64", yaml: `${HEAD}accel: tcg\ncpu: {model: cortex-a57}\n`, ...aarch64 },
    { name: "virtio-gpu on both", yaml: `${HEAD}accel: tcg\ndisplay: {type: vnc, video: virtio-gpu}\n`, ...arm },
    {
      name: "a device named by QEMU's alias (virtio-iommu for virtio-iommu-pci)",
      argv: "qemu-system-aarch64 -M virt -device virtio-iommu\n",
      ...aarch64,
    },
    { name: "the machine alias virt", argv: "qemu-system-aarch64 -machine virt,accel=tcg -cpu max -S\n", ...aarch64 },
    {
      name: "-nodefconfig, which QEMU's removed list has (3.1): qemu-removed's finding, not a second one here",
      argv: "qemu-system-aarch64 -machine virt,accel=tcg -cpu max -nodefconfig\n",
      ...aarch64,
    },
    {
      name: "KVM falling back to TCG (accel=kvm:tcg) starts",
      argv: "qemu-system-aarch64 -M virt,accel=kvm:tcg -cpu max -m 1G\n",
      ...noKvm,
    },
    // The accelerators QEMU tries for the whole command (each line started on the real QEMU below).
    { name: "-accel kvm -accel tcg falls back to TCG", argv: `${FALLBACKS[0]}\n`, ...noKvm },
    { name: "-machine accel=kvm then -machine accel=tcg: merged, TCG", argv: `${FALLBACKS[1]}\n`, ...noKvm },
    { name: "-enable-kvm then -machine accel=tcg: TCG", argv: `${FALLBACKS[2]}\n`, ...noKvm },
    {
      name: "-accel whpx -accel tcg falls back to TCG",
      argv: "qemu-system-aarch64 -accel whpx -accel tcg -M virt -cpu max -m 1G\n",
      ...aarch64,
    },
    { name: "-accel help", argv: "qemu-system-aarch64 -accel help\n", ...aarch64 },
    { name: "TCG needs no KVM", yaml: `${HEAD}accel: tcg\n`, ...noDevKvm },
    { name: "KVM on a host that has it", argv: KVM_ARGV, lint: { host: { ...noDevKvm.lint.host, kvmDevice: "ok" as const } } },
    { name: "QMP commands it has", qmp: '{"execute": "qmp_capabilities"}\n{"execute": "query-status"}\n', ...aarch64 },
  ],
  invalid: [
    {
      name: "accel: kvm where the QEMU has no KVM: at accel",
      yaml: `${HEAD}accel: kvm\n`,
      ...noKvm,
      errors: [
        {
          messageId: "noKvm",
          data: {
            host: "qemu-system-aarch64 7.2",
            has: HAS,
            asked: "",
            instead: "set accel: tcg in the spec (or build it with --accel tcg)",
          },
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 11,
        },
      ],
    },
    {
      name: "a spec without accel: is KVM by default: said so, at the spec's name",
      yaml: HEAD,
      ...noKvm,
      errors: [
        {
          messageId: "noKvm",
          data: {
            host: "qemu-system-aarch64 7.2",
            has: HAS,
            asked: ", which the spec asks for by default (it sets no accel:)",
            instead: "set accel: tcg in the spec (or build it with --accel tcg)",
          },
          line: 1,
          column: 7,
          endLine: 1,
          endColumn: 10,
        },
      ],
    },
    {
      name: "-machine accel=kvm, -accel kvm and -enable-kvm where the QEMU has no KVM",
      argv: `${KVM_ARGV}qemu-system-aarch64 -accel kvm -M virt -cpu host -m 1G -runas qemu\nqemu-system-aarch64 -enable-kvm -M virt -cpu host -m 1G -runas qemu\n`,
      ...noKvm,
      errors: [
        {
          messageId: "noKvm",
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 44,
          suggestions: [
            {
              messageId: "useTcg",
              data: { instead: "use accel=tcg" },
              output: `${KVM_ARGV.replace("accel=kvm", "accel=tcg")}qemu-system-aarch64 -accel kvm -M virt -cpu host -m 1G -runas qemu\nqemu-system-aarch64 -enable-kvm -M virt -cpu host -m 1G -runas qemu\n`,
            },
          ],
        },
        { messageId: "noKvm", line: 2, column: 28, endLine: 2, endColumn: 31 },
        { messageId: "noKvm", line: 3, column: 21, endLine: 3, endColumn: 32 },
      ],
    },
    {
      name: "-accel kvm alone: the -accel spelling, with its suggestion",
      argv: "qemu-system-aarch64 -accel kvm -M virt -cpu max -m 1G -runas qemu\n",
      ...noKvm,
      errors: [
        {
          messageId: "noKvm",
          data: { host: "qemu-system-aarch64 7.2", has: HAS, asked: "", instead: "use -accel tcg" },
          line: 1,
          column: 28,
          endLine: 1,
          endColumn: 31,
          suggestions: [
            {
              messageId: "useTcg",
              data: { instead: "use -accel tcg" },
              output: "qemu-system-aarch64 -accel tcg -M virt -cpu max -m 1G -runas qemu\n",
            },
          ],
        },
      ],
    },
    {
      name: "-machine accel=tcg then -enable-kvm: KVM wins, refused, at -enable-kvm",
      argv: `${REFUSED}\n`,
      ...noKvm,
      errors: [
        {
          messageId: "noKvm",
          data: { host: "qemu-system-aarch64 7.2", has: HAS, asked: "", instead: "use -machine accel=tcg in place of -enable-kvm" },
          line: 1,
          column: 45,
          endLine: 1,
          endColumn: 56,
        },
      ],
    },
    {
      name: "an accelerator the binary does not list (-accel hvf, macOS's): at its value",
      argv: "qemu-system-aarch64 -accel hvf -M virt -cpu max -m 1G\n",
      ...aarch64,
      errors: [
        {
          messageId: "noAccel",
          data: { host: "qemu-system-aarch64 7.2", name: "hvf", has: HAS, first: "hvf" },
          line: 1,
          column: 28,
          endLine: 1,
          endColumn: 31,
        },
      ],
    },
    {
      name: "-machine accel=xen:kvm: none of them here",
      argv: "qemu-system-aarch64 -machine virt,accel=xen:kvm -cpu max -m 1G\n",
      ...aarch64,
      errors: [{ messageId: "noAccel", line: 1, column: 35, endLine: 1, endColumn: 48 }],
    },
    {
      name: "a spec's accel: kvm on a host without /dev/kvm: said in the spec's words",
      yaml: `${HEAD}accel: kvm\n`,
      ...noDevKvm,
      errors: [
        {
          messageId: "noKvmDevice",
          data: {
            why: "/dev/kvm does not exist",
            host: "qemu-system-aarch64 7.2",
            asked: "",
            instead: "set accel: tcg in the spec (or build it with --accel tcg)",
          },
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 11,
        },
      ],
    },
    {
      name: "extraArgs' -machine accel=kvm in a spec: the command-line spelling it wrote",
      yaml: `${HEAD}accel: tcg\nextraArgs: [-machine, accel=kvm]\n`,
      ...noKvm,
      errors: [
        {
          messageId: "noKvm",
          data: { host: "qemu-system-aarch64 7.2", has: HAS, asked: "", instead: "use accel=tcg" },
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 32,
        },
      ],
    },
    {
      name: "accel=kvm on a host without /dev/kvm",
      argv: KVM_ARGV,
      ...noDevKvm,
      errors: [
        {
          messageId: "noKvmDevice",
          data: { why: "/dev/kvm does not exist", host: "qemu-system-aarch64 7.2", asked: "", instead: "use accel=tcg" },
          line: 1,
          column: 35,
          endLine: 1,
          endColumn: 44,
        },
      ],
    },
    {
      name: "-nodefconfig with --qemu 2.9, which still had it: the host's 7.2 lacks it (qemu-removed says nothing for 2.9)",
      argv: "qemu-system-aarch64 -machine virt,accel=tcg -cpu cortex-a57 -nodefconfig\n",
      lint: { host: aarch64.lint.host, qemu: [2, 9] },
      errors: [{ messageId: "noOption", line: 1, column: 61, endLine: 1, endColumn: 73 }],
    },
    {
      name: "the issue's spice-desktop: no qxl-vga, at display.video",
      yaml: `${HEAD}display:\n  type: spice\n  video: qxl\naccel: tcg\n`,
      ...aarch64,
      errors: [
        {
          messageId: "noDevice",
          data: { host: "qemu-system-aarch64 7.2", name: "qxl-vga" },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 13,
        },
      ],
    },
    {
      name: "a 64-bit CPU on the 32-bit qemu-system-arm",
      yaml: `${HEAD}accel: tcg\ncpu: {model: cortex-a57}\n`,
      ...arm,
      errors: [
        { messageId: "noCpu", data: { host: "qemu-system-arm 7.2", name: "cortex-a57" }, line: 5, column: 14, endLine: 5, endColumn: 24 },
      ],
    },
    {
      name: "a machine type only qemu-system-aarch64 has",
      argv: "qemu-system-arm -machine sbsa-ref -m 1G\n",
      ...arm,
      errors: [
        { messageId: "noMachine", data: { host: "qemu-system-arm 7.2", name: "sbsa-ref" }, line: 1, column: 26, endLine: 1, endColumn: 34 },
      ],
    },
    {
      name: "a machine type newer than the binary",
      argv: "qemu-system-aarch64 -machine virt-9.0,accel=tcg -cpu max\n",
      ...aarch64,
      errors: [
        {
          messageId: "noMachine",
          data: { host: "qemu-system-aarch64 7.2", name: "virt-9.0" },
          line: 1,
          column: 30,
          endLine: 1,
          endColumn: 38,
        },
      ],
    },
    {
      name: "a QMP command it does not have",
      qmp: '{"execute": "qmp_capabilities"}\n{"execute": "query-cpus"}\n',
      ...aarch64,
      errors: [
        {
          messageId: "noCommand",
          data: { host: "qemu-system-aarch64 7.2", name: "query-cpus" },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 25,
        },
      ],
    },
  ],
});

// The real binary is the judge of what the probe says: QEMU refuses accel=kvm exactly when the
// probe says KVM is not present (query-kvm) (on this x86_64 host, qemu-system-aarch64 has only tcg), and then
// lint --host reports it.
describe("KVM as the real QEMU has it", () => {
  it("the probe's KVM is what QEMU accepts, and lint --host says what QEMU says", async () => {
    const host = aarch64.lint.host;
    const r = await startExpectingFailure(["-M", "virt,accel=kvm", "-cpu", "host", "-m", "256"]);
    const refused = r.stderr.includes("invalid accelerator kvm");
    expect(host.kvm).toBe(!refused);
    const found = lintArgv(new TextEncoder().encode(KVM_ARGV), { baseDir: "/", host }).findings.filter((f) => f.ruleId === "host-lacks");
    if (refused)
      expect(found.map((f) => f.message)).toEqual([
        expect.stringContaining("has no KVM accelerator (query-kvm: not present; its accelerators (qom-list-types): tcg;"),
      ]);
    else expect(found.every((f) => !f.message.includes("KVM accelerator"))).toBe(true);
  });
});

// A PC device no aarch64 QEMU has is refused by target-unsupported for every target, with what to
// write instead: host-lacks does not say it a second time (as it leaves -nodefconfig to qemu-removed).
describe("PC devices that target-unsupported refuses", () => {
  const enc = (t: string) => new TextEncoder().encode(t);
  it("lint --host --argv: one error per device, target-unsupported's", () => {
    const r = lintArgv(
      enc(
        "qemu-system-aarch64 -machine virt,accel=tcg -cpu max -device pvpanic -device tpm-tis,tpmdev=t0 -device intel-iommu -device hpet\n",
      ),
      { baseDir: "/", host: aarch64.lint.host },
    );
    const about = r.findings.filter((f) => f.ruleId === "host-lacks" || f.ruleId === "target-unsupported").map((f) => f.ruleId);
    // pvpanic and tpm-tis (the table), intel-iommu and hpet (absent from QEMU 7.2's aarch64 -device help).
    expect(about).toEqual(["target-unsupported", "target-unsupported", "target-unsupported", "target-unsupported"]);
  });
  it("build --host with extraArgs: [-device, pvpanic]: one error", () => {
    const spec = `${HEAD}accel: tcg\nextraArgs: [-device, pvpanic]\n`;
    const r = buildSpec(enc(spec), { format: "argv", baseDir: "/", host: aarch64.lint.host });
    expect(r.output).toBeUndefined();
    expect(r.findings.filter((f) => f.message.includes("pvpanic")).map((f) => f.ruleId)).toEqual(["target-unsupported"]);
  });
});

// A spec's finding names the spec's field and build's flag, not a command-line spelling.
describe("KVM findings on a spec, in the spec's words", () => {
  it.each([
    ["accel: kvm", `${HEAD}accel: kvm\n`, noKvm.lint.host],
    ["no accel: (KVM by default)", HEAD, noKvm.lint.host],
    ["accel: kvm without /dev/kvm", `${HEAD}accel: kvm\n`, noDevKvm.lint.host],
  ])("%s", (_, yaml, host) => {
    const found = lintSpec(new TextEncoder().encode(yaml), { baseDir: "/", host }).findings.filter((f) => f.ruleId === "host-lacks");
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("set accel: tcg in the spec (or build it with --accel tcg)");
    expect(found[0].message).not.toContain("accel=tcg");
  });
});

// The whole command, as the real QEMU reads it: each fallback line starts (under TCG: `info jit`
// answers only there) and host-lacks says nothing; the refused order is refused, and reported.
describe("the accelerators QEMU tries, on the real QEMU", () => {
  const host = aarch64.lint.host;
  const hostLacks = (line: string) =>
    lintArgv(new TextEncoder().encode(`${line}\n`), { baseDir: "/", host }).findings.filter((f) => f.ruleId === "host-lacks");
  it.each(FALLBACKS)("%s starts under TCG, and lint --host is silent", async (line) => {
    const q = await startPaused([...line.split(" ").slice(1), "-display", "none", "-nodefaults"]);
    try {
      expect(await q.cmd("human-monitor-command", { "command-line": "info jit" })).toContain("Translation buffer state");
    } finally {
      await q.quit();
    }
    expect(hostLacks(line)).toEqual([]);
  });
  it("the probe's accelerators are what -accel help lists", () => {
    const help = spawnSync("qemu-system-aarch64", ["-accel", "help"], { encoding: "utf8" }).stdout;
    expect(help).toMatch(/^Accelerators supported in QEMU binary:\n/);
    expect(host.accels).toEqual(help.trim().split("\n").slice(1).sort());
  });
  it("an accelerator it does not list (-accel hvf) is refused, and lint --host reports it", async () => {
    const line = "qemu-system-aarch64 -accel hvf -M virt -cpu max -m 1G";
    const r = await startExpectingFailure([...line.split(" ").slice(1), "-nodefaults"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("invalid accelerator hvf");
    expect(hostLacks(line).map((f) => f.message)).toEqual([expect.stringContaining("(invalid accelerator hvf)")]);
  });
  it("-machine accel=tcg then -enable-kvm is refused without KVM, and lint --host reports it", async () => {
    const r = await startExpectingFailure([...REFUSED.split(" ").slice(1), "-nodefaults"]);
    // This host's qemu-system-aarch64 has no KVM (an x86_64 host): QEMU refuses, as the probe says.
    expect(host.kvm).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("invalid accelerator kvm");
    expect(hostLacks(REFUSED).map((f) => f.message)).toEqual([expect.stringContaining("use -machine accel=tcg in place of -enable-kvm")]);
  });
});
