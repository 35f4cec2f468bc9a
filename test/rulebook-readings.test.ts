// Where the rulebook read the statement or QEMU wrong (issue 14, "The rulebook, where it was
// wrong"): each case is a command line written the way QEMU's docs, distribution wikis, blog
// posts or libvirt write it, with the exact rule, line and column; QEMU's own behaviour behind
// each reading is checked on the real qemu-system-aarch64 (TCG only on this host).
import { describe, expect, it } from "vitest";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { lintArgv } from "../rules/lint.js";
import { locate } from "../spec/positions.js";
import { startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const argv = (text: string, baseDir = "/") => lintArgv(enc(text), { baseDir });
const where = (text: string, r: { findings: any[] }, only?: string[]) =>
  locate(text, r.findings)
    .filter((f) => !only || only.includes(f.ruleId))
    .map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`);
const ids = (r: { findings: any[] }) => r.findings.map((f) => f.ruleId);

describe("the UEFI pflash pair without unit= (drive-interface-unsupported)", () => {
  const pair = "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 2G -runas qemu \\\n  -drive if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd \\\n  -drive if=pflash,format=raw,file=vars.fd \\\n  -drive if=virtio,format=qcow2,file=disk.qcow2\n";

  it("QEMU numbers pflash drives in order: the first is unit 0, the second unit 1", async () => {
    const dir = scratch();
    copyFileSync("/usr/share/AAVMF/AAVMF_VARS.fd", join(dir, "vars.fd"));
    const q = await startPaused(["-M", "virt", "-nodefaults", "-display", "none", "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd", "-drive", "if=pflash,format=raw,file=vars.fd"], { cwd: dir });
    try {
      const blocks: any[] = await q.cmd("query-block");
      const by = Object.fromEntries(blocks.map((b) => [b.device, b.inserted]));
      expect(by.pflash0.file).toBe("/usr/share/AAVMF/AAVMF_CODE.fd");
      expect(by.pflash0.ro).toBe(true);
      expect(by.pflash1.file).toBe("vars.fd");
      expect(by.pflash1.ro).toBe(false);
    } finally {
      await q.quit();
    }
  });

  it("reads the pair as the firmware pair, however its units are written", () => {
    expect(ids(argv(pair))).toEqual([]);
    const varsFirst = "qemu-system-aarch64 -M virt,accel=kvm -cpu host -m 2G -runas qemu -drive if=pflash,format=raw,unit=1,file=vars.fd -drive if=pflash,format=raw,readonly=on,file=code.fd\n";
    expect(ids(argv(varsFirst))).toEqual([]);
  });

  it("still reports a third pflash drive, and a writable code drive at unit 0", () => {
    const third = pair.replace("file=vars.fd", "file=vars.fd -drive if=pflash,format=raw,file=extra.fd");
    expect(where(third, argv(third))).toEqual(["3:51-3:60 drive-interface-unsupported"]);
    const writable = pair.replace("readonly=on,", "");
    expect(where(writable, argv(writable))).toEqual(["2:10-2:19 drive-interface-unsupported"]);
  });
});

