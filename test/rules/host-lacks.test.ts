// host-lacks: what the host's real QEMU binary does not have (probed from Debian's
// qemu-system-aarch64 and qemu-system-arm, the 32-bit binary of the same package).
import { describe, expect, it } from "vitest";
import { ruleTester } from "../helpers/rule-tester.js";
import { startExpectingFailure } from "../helpers/qemu.js";
import { lintArgv } from "../../lint/lint.js";
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
const noDevKvm = { lint: { host: { ...aarch64.lint.host, kvm: true, kvmDevice: "missing" as const } } };
const KVM_ARGV = "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu\n";

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
          data: { host: "qemu-system-aarch64 7.2", asked: "" },
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
          data: { host: "qemu-system-aarch64 7.2", asked: ", which the spec asks for by default (it sets no accel:)" },
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
              output: `${KVM_ARGV.replace("accel=kvm", "accel=tcg")}qemu-system-aarch64 -accel kvm -M virt -cpu host -m 1G -runas qemu\nqemu-system-aarch64 -enable-kvm -M virt -cpu host -m 1G -runas qemu\n`,
            },
          ],
        },
        { messageId: "noKvm", line: 2, column: 28, endLine: 2, endColumn: 31 },
        { messageId: "noKvm", line: 3, column: 21, endLine: 3, endColumn: 32 },
      ],
    },
    {
      name: "accel=kvm on a host without /dev/kvm",
      argv: KVM_ARGV,
      ...noDevKvm,
      errors: [
        {
          messageId: "noKvmDevice",
          data: { why: "/dev/kvm does not exist", host: "qemu-system-aarch64 7.2", asked: "" },
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
        expect.stringContaining("has no KVM accelerator (query-kvm: not present; -accel help lists only tcg"),
      ]);
    else expect(found.every((f) => !f.message.includes("KVM accelerator"))).toBe(true);
  });
});
