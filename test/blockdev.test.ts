// storage.backend blockdev: which targets take it, what it refuses (each a located finding, no
// output), that the default stays -drive, and libvirt's cache-mode mapping.
import { describe, expect, it } from "vitest";
import { buildSpec } from "../lint/build.js";
import { locate } from "../core/positions.js";
import { KNOWN_TARGETS, parseTarget } from "../qemu/targets.js";
import { ALL_RULES_OFF } from "./helpers/import-corpus.js";

const enc = (s: string) => new TextEncoder().encode(s);
const BASE = `name: vm
memory: {size: 1GiB}
storage: {backend: blockdev}
disks:
  - {name: root, file: root.qcow2, format: qcow2, cache: none}
`;
const build = (yaml: string, qemu = "7.2") =>
  buildSpec(enc(yaml), { format: "shell", baseDir: "/vms", qemu: parseTarget(qemu), rules: ALL_RULES_OFF });
const located = (yaml: string, qemu = "7.2") => {
  const b = build(yaml, qemu);
  return { output: b.output, findings: locate(yaml, b.findings).map((f) => `${f.line}:${f.column} ${f.ruleId}: ${f.message}`) };
};

describe("storage.backend blockdev", () => {
  it("is written for QEMU 4.1 and later, and refused at storage.backend before (no output)", () => {
    for (const t of KNOWN_TARGETS) {
      const r = located(BASE, t);
      if (t === "2.9") {
        expect(r.output).toBeUndefined();
        expect(r.findings).toEqual([
          "3:20 target-unsupported: storage.backend blockdev needs QEMU 4.1 or later (the virt board's -machine pflash0=/pflash1=, auto-read-only); QEMU 2.9 cannot take it: remove storage.backend (-drive) or target a newer QEMU",
        ]);
      } else {
        expect(r.findings, t).toEqual([]);
        expect(r.output).toContain(
          "-blockdev node-name=drive-root,read-only=off,cache.direct=on,cache.no-flush=off,driver=qcow2,file=file-root",
        );
        expect(r.output).not.toContain("-drive");
      }
    }
  });

  it("leaves the default -drive output as it was, and backend drive says the same", () => {
    const drive = build(BASE.replace("storage: {backend: blockdev}\n", "")).output!;
    expect(drive).toContain("-drive file=/vms/root.qcow2,format=qcow2,if=none,id=drive-root,cache=none");
    expect(build(BASE.replace("blockdev}", "drive}")).output).toBe(drive);
  });

  it("maps each cache mode as libvirt does: cache.direct and cache.no-flush on the nodes, write-cache on the device", () => {
    const modes = {
      none: ["on", "off", "on"],
      writeback: ["off", "off", "on"],
      writethrough: ["off", "off", "off"],
      directsync: ["on", "off", "off"],
      unsafe: ["off", "on", "on"],
    };
    for (const [mode, [direct, noFlush, wc]] of Object.entries(modes)) {
      const out = build(BASE.replace("cache: none", `cache: ${mode}`)).output!;
      expect(out, mode).toContain(`cache.direct=${direct},cache.no-flush=${noFlush},auto-read-only=on`);
      expect(out, mode).toContain(`-device virtio-blk-pci,drive=drive-root,id=root,write-cache=${wc}`);
    }
    expect(build(BASE.replace(", cache: none", "")).output).not.toMatch(/cache|write-cache/);
  });

  it("refuses an empty usb-storage CD-ROM (QEMU: drive property not set) at its bus", () => {
    const yaml = BASE + "cdroms:\n  - {name: cd, bus: usb-storage}\n";
    const r = located(yaml);
    expect(r.output).toBeUndefined();
    expect(r.findings).toEqual([
      `7:21 target-unsupported: an empty usb-storage CD-ROM cannot be written as -blockdev (QEMU: "drive property not set"): give it a file, put it on virtio-scsi, or use storage.backend drive`,
    ]);
    // With -drive the same CD-ROM is an empty drive of its own.
    expect(build(yaml.replace("storage: {backend: blockdev}\n", "")).output).toContain(
      "-device usb-storage,bus=usb.0,drive=drive-cd,id=cd",
    );
  });

  it("refuses a name whose node name QEMU would not take (more than 31 characters) at the name", () => {
    const long = "a".repeat(26);
    const r = located(BASE.replace("name: root", `name: ${long}`));
    expect(r.output).toBeUndefined();
    expect(r.findings).toEqual([
      `5:12 target-unsupported: the -blockdev node name "drive-${long}" has 32 characters; QEMU takes at most 31 ("Node name too long"): shorten the name`,
    ]);
  });

  it("lints the -blockdev it writes: aio native without a direct cache", () => {
    const yaml = BASE.replace("cache: none", "cache: writeback, aio: native");
    const b = buildSpec(enc(yaml), { format: "shell", baseDir: "/vms", qemu: [7, 2] });
    expect(b.findings.map((f) => f.ruleId)).toContain("aio-native-requires-direct-cache");
  });
});
