// Spellings only a QEMU newer than the target accepts (qemu/since.ts): lint reports each as a
// target-unsupported error at the option, a spec's extraArgs likewise, and import picks a target
// that accepts them. The list itself is checked against the real QEMU 7.2: each spelling exists.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { lintArgv, lintSpec } from "../lint/lint.js";
import { importCommandLine } from "../import/import.js";
import { lineStarts, position } from "../core/positions.js";
import { startPaused, QEMU } from "./helpers/qemu.js";

const enc = (s: string) => new TextEncoder().encode(s);
const locate = (text: string, offset: number) => position(lineStarts(text), offset);
// As the QEMU wiki ("Documentation/Networking") and many blog posts write it.
const NIC_LINE =
  "qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1024 \\\n  -nic user,model=virtio-net-pci \\\n  -drive file=disk.qcow2,if=virtio\n";

const refusals = (text: string, qemu?: [number, number], profile?: string) =>
  lintArgv(enc(text), { baseDir: "/", ...(qemu ? { qemu } : {}), ...(profile ? { profile } : {}) })
    .findings.filter((f) => f.ruleId === "target-unsupported")
    .map((f) => ({ at: locate(text, f.range[0]), severity: f.severity, message: f.message }));

describe("lint: a spelling the target QEMU does not have is a target-unsupported error at it", () => {
  it("-nic under --qemu 2.9 and under the sles12sp3 profile; not under 4.1 or 7.2", () => {
    const expected = [
      {
        at: { line: 2, column: 3 },
        severity: "error",
        message:
          "-nic needs QEMU 2.12 or later; the target QEMU 2.9 refuses it: write -netdev <type>,id=<id> with -device <model>,netdev=<id>, or target a newer QEMU (--qemu, --profile)",
      },
    ];
    expect(refusals(NIC_LINE, [2, 9])).toEqual(expected);
    expect(refusals(NIC_LINE, undefined, "sles12sp3")).toEqual(expected);
    expect(refusals(NIC_LINE, [4, 1])).toEqual([]);
    expect(refusals(NIC_LINE, [7, 2])).toEqual([]);
  });

  it("the spellings vmspec itself emits for newer targets, each at its option, and a versioned machine type once (unsupported-machine's)", () => {
    const text =
      "qemu-system-aarch64 -machine virt-4.2 -cpu max -device qemu-xhci -device ramfb -numa node,nodeid=0 -numa dist,src=0,dst=0,val=10 " +
      '-vnc :0,password-secret=s0 -device \'{"driver":"pvpanic-pci"}\' -audiodev none,id=a0\n';
    const got = refusals(text, [2, 9]).map((r) => r.message.split(";")[0]);
    expect(got).toEqual([
      "-cpu max needs QEMU 2.12 or later",
      "-device qemu-xhci needs QEMU 2.10 or later",
      "-device ramfb needs QEMU 3.0 or later",
      "-numa dist needs QEMU 2.10 or later",
      "-vnc password-secret= needs QEMU 7.0 or later",
      "-device in JSON needs QEMU 6.2 or later",
      "-device pvpanic-pci needs QEMU 6.0 or later",
      "-audiodev needs QEMU 4.0 or later",
    ]);
    const all = lintArgv(enc(text), { baseDir: "/", qemu: [2, 9] }).findings;
    expect(all.filter((f) => /virt-4\.2/.test(f.message)).map((f) => f.ruleId)).toEqual(["unsupported-machine"]);
    // Under 6.2 only the 7.0 spelling is left.
    expect(refusals(text, [6, 2]).map((r) => r.message.split(";")[0])).toEqual(["-vnc password-secret= needs QEMU 7.0 or later"]);
  });

  it("a spec's extraArgs: at the item, for the target only", () => {
    const spec = "name: a\nmachine:\n  type: virt\nmemory:\n  size: 1GiB\nextraArgs:\n  - -nic\n  - user,model=virtio-net-pci\n";
    const at = (qemu: [number, number]) =>
      lintSpec(enc(spec), { baseDir: "/", qemu })
        .findings.filter((f) => f.ruleId === "target-unsupported")
        .map((f) => locate(spec, f.range[0]));
    expect(at([2, 9])).toEqual([{ line: 7, column: 5 }]);
    expect(at([7, 2])).toEqual([]);
  });
});

describe("import: the target accepts every spelling of the command line", () => {
  it("a -nic line needs 2.12: the smallest profile whose QEMU has it, not 2.9", () => {
    const r = importCommandLine(NIC_LINE, "argv", { name: "a" });
    expect(r.inferred?.decidedBy?.what).toBe("-nic");
    expect(r.inferred?.profile).toBe("sles15sp1");
    expect(r.qemu).toEqual([4, 1]);
  });
});

describe("the real QEMU 7.2 has every spelling the list names (so none is made up)", () => {
  it("devices and options in its help, and -nic starts a VM", async () => {
    const devices = spawnSync(QEMU, ["-machine", "virt", "-device", "help"], { encoding: "utf8" }).stdout;
    for (const d of ["qemu-xhci", "ramfb", "tpm-tis-device", "pvpanic-pci"]) expect(devices, d).toContain(`name "${d}"`);
    const help = spawnSync(QEMU, ["-help"], { encoding: "utf8" }).stdout;
    for (const o of ["-nic ", "-audiodev ", "-compat ", "password-secret="]) expect(help, o).toContain(o);
    const q = await startPaused([
      "-machine",
      "virt",
      "-cpu",
      "max",
      "-m",
      "256",
      "-nodefaults",
      "-display",
      "none",
      "-nic",
      "user,model=virtio-net-pci",
    ]);
    try {
      const net = String(await q.cmd("human-monitor-command", { "command-line": "info network" }));
      expect(net).toMatch(/virtio-net-pci/);
      expect(net).toMatch(/user\.0|net=10\.0\.2\.0/);
    } finally {
      await q.quit();
    }
  });
});
