// `vmspec import` of -blockdev command lines: libvirt 9.x's JSON chains (node names
// `libvirt-1-storage`/`libvirt-1-format`, `libvirt-pflash0-format`, lines copied from libvirt's
// qemuxml2argv output in ../shared/corpus/libvirt/v9.10.0) and the same in key=value become
// storage.backend blockdev with disks, a CD-ROM, an empty tray and UEFI firmware; the rebuilt
// command line is equivalent, and the real QEMU 7.2 gives both the same block devices and device
// tree. What cannot be said stays raw with its reason, in the input's own spelling.
import { describe, expect, it } from "vitest";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSpec } from "../lint/build.js";
import { importCommandLine } from "../import/import.js";
import { importedYaml } from "../import/write-yaml.js";
import { optionDifference } from "../import/equivalence.js";
import { parseOptions } from "../qemu/parse-options.js";
import { ALL_RULES_OFF, originalOptions } from "./helpers/import-corpus.js";
import { startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";
import { execFileSync } from "node:child_process";
import { parse } from "yaml";

const CORPUS = "/work/shared/corpus/libvirt/v9.10.0/args/aarch64-virt-headless.aarch64-latest.args";
const enc = (s: string) => new TextEncoder().encode(s);

/**
 * A libvirt 9.x command line: the pflash and disk -blockdev lines of the corpus file as libvirt
 * wrote them (paths moved into `dir`), a CD-ROM and a cache=none disk in the same shape (as
 * libvirt writes them for <driver cache='none' io='native'/> and a SCSI cdrom), an empty SCSI
 * tray, and the devices without the PCIe root ports libvirt puts them on.
 */
function libvirtScript(dir: string, json = true): string {
  const corpus = readFileSync(CORPUS, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("-blockdev "))
    .map((l) => l.replace(/ \\$/, ""))
    .map((l) =>
      l
        .replace("/usr/share/edk2/aarch64/QEMU_EFI-silent-pflash.raw", "/usr/share/AAVMF/AAVMF_CODE.fd")
        .replace("/path/to/guest_VARS.raw", join(dir, "guest_VARS.fd"))
        .replace("/var/lib/libvirt/images/guest.qcow2", join(dir, "guest.qcow2")),
    );
  expect(corpus.length).toBe(6);
  const lines = [
    ...corpus,
    `-blockdev '{"driver":"file","filename":"${join(dir, "data.raw")}","aio":"native","node-name":"libvirt-3-storage","cache":{"direct":true,"no-flush":false},"auto-read-only":true,"discard":"unmap"}'`,
    `-blockdev '{"node-name":"libvirt-3-format","read-only":false,"discard":"unmap","cache":{"direct":true,"no-flush":false},"driver":"raw","file":"libvirt-3-storage"}'`,
    `-blockdev '{"driver":"file","filename":"${join(dir, "install.iso")}","node-name":"libvirt-2-storage","auto-read-only":true,"discard":"unmap"}'`,
    `-blockdev '{"node-name":"libvirt-2-format","read-only":true,"driver":"raw","file":"libvirt-2-storage"}'`,
  ];
  const blockdevs = json
    ? lines
    : lines.map((l) => {
        const m = /^-blockdev '(.*)'$/.exec(l)!;
        const flat: string[] = [];
        const walk = (prefix: string, v: unknown) => {
          if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
          else flat.push(`${prefix}=${typeof v === "boolean" ? (v ? "on" : "off") : String(v).replace(/,/g, ",,")}`);
        };
        walk("", JSON.parse(m[1]));
        return `-blockdev ${flat.join(",")}`;
      });
  return [
    "qemu-system-aarch64",
    "-name guest=guest,debug-threads=on",
    "-machine virt,usb=off,gic-version=3,dump-guest-core=off,pflash0=libvirt-pflash0-format,pflash1=libvirt-pflash1-format,accel=tcg",
    "-cpu max",
    "-m 1024",
    "-nodefaults",
    "-no-user-config",
    ...blockdevs,
    "-device virtio-scsi-pci,id=scsi0",
    "-device virtio-blk-pci,drive=libvirt-1-format,id=virtio-disk0,bootindex=1",
    "-device virtio-blk-pci,drive=libvirt-3-format,id=virtio-disk1,write-cache=on",
    "-device scsi-cd,bus=scsi0.0,channel=0,scsi-id=0,lun=0,device_id=drive-scsi0-0-0-0,drive=libvirt-2-format,id=scsi0-0-0-0",
    "-device scsi-cd,bus=scsi0.0,channel=0,scsi-id=0,lun=1,device_id=drive-scsi0-0-0-1,id=scsi0-0-0-1",
    "-display none",
  ].join(" \\\n  ");
}

function prepare(dir: string): void {
  copyFileSync("/usr/share/AAVMF/AAVMF_VARS.fd", join(dir, "guest_VARS.fd"));
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", join(dir, "guest.qcow2"), "16M"]);
  execFileSync("qemu-img", ["create", "-q", "-f", "raw", join(dir, "data.raw"), "16M"]);
  execFileSync("qemu-img", ["create", "-q", "-f", "raw", join(dir, "install.iso"), "2M"]);
}

function reimport(script: string) {
  const result = importCommandLine(script, "argv", { qemu: [7, 2], baseDir: "/" });
  const errors = result.problems.filter((p) => p.severity === "error").map((p) => p.message);
  expect(errors).toEqual([]);
  const yaml = importedYaml(result, { source: "libvirt.args", schemaRef: "vmspec.schema.json" });
  const b = buildSpec(enc(yaml), { baseDir: "/", format: "json", rules: ALL_RULES_OFF, qemu: [7, 2] });
  expect(b.output, b.findings.map((f) => f.message).join("; ")).toBeDefined();
  return { result, yaml, spec: parse(yaml), argv: (JSON.parse(b.output!) as { argv: string[] }).argv };
}

async function blockState(argv: string[]) {
  const q = await startPaused(argv, { timeoutMs: 30000 });
  try {
    const nodes: any[] = await q.cmd("query-named-block-nodes");
    const blocks: any[] = await q.cmd("query-block");
    const qtree: string = await q.cmd("human-monitor-command", { "command-line": "info qtree" });
    return {
      // Node names are the only thing an import renames: everything else must be the same.
      nodes: nodes
        .map((n) => ({ drv: n.drv, file: n.file, ro: n.ro, cache: n.cache, dz: n.detect_zeroes }))
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
      blocks: blocks.map((b) => ({
        qdev: b.qdev,
        removable: b.removable,
        inserted: b.inserted && { file: b.inserted.file, drv: b.inserted.drv, ro: b.inserted.ro, cache: b.inserted.cache },
      })),
      qtree: qtree.replace(/drive = "[^"]*"/g, 'drive = "<node>"'),
      nodeNames: nodes.map((n) => n["node-name"]).sort(),
    };
  } finally {
    await q.quit();
  }
}

describe("import of libvirt 9.x -blockdev command lines", () => {
  for (const json of [true, false]) {
    it(`maps the chains to storage.backend blockdev fields (${json ? "JSON, as libvirt writes" : "key=value"})`, () => {
      const dir = scratch("bdimp-");
      const script = libvirtScript(dir, json);
      const { spec, result, argv } = reimport(script);
      expect(spec.storage).toEqual({ backend: "blockdev" });
      expect(spec.firmware).toEqual({ uefi: { code: "/usr/share/AAVMF/AAVMF_CODE.fd", vars: join(dir, "guest_VARS.fd") } });
      expect(spec.disks).toEqual([
        { name: "virtio-disk0", file: join(dir, "guest.qcow2"), format: "qcow2" },
        { name: "virtio-disk1", file: join(dir, "data.raw"), format: "raw", cache: "none", aio: "native", discard: true },
      ]);
      expect(spec.cdroms).toEqual([{ name: "scsi0-0-0-0", file: join(dir, "install.iso") }, { name: "scsi0-0-0-1" }]);
      expect(spec.boot).toEqual({ order: ["virtio-disk0"] });
      // libvirt's SCSI address properties go with the device they belong to.
      expect(spec.qemuProperties.devices["scsi0-0-0-0"]).toEqual({
        channel: "0",
        "scsi-id": "0",
        lun: "0",
        device_id: "drive-scsi0-0-0-0",
      });
      expect(result.kept.filter((k) => k.words[0] === "-blockdev")).toEqual([]);
      // The rebuilt command line is the same VM: same options but for node names, same order per class.
      const diff = optionDifference(parseOptions(argv.map((t) => ({ text: t, path: [] }))).options, originalOptions(script));
      expect(diff).toEqual({ onlyA: [], onlyB: [], order: [] });
    });
  }

  it("gives the same block devices, settings and device tree in the real QEMU 7.2", async () => {
    const dir = scratch("bdimp-");
    prepare(dir);
    const script = libvirtScript(dir);
    const argvOriginal = readArgv(script);
    const { argv } = reimport(script);
    const want = await blockState(argvOriginal.slice(1));
    const got = await blockState(argv);
    expect(want.nodeNames).toContain("libvirt-1-format");
    expect(got.nodeNames).toContain("drive-virtio-disk0");
    expect(got.nodes).toEqual(want.nodes);
    expect(got.blocks).toEqual(want.blocks);
    expect(got.qtree).toBe(want.qtree);
    // Not vacuous: the disks, the CD-ROM and its empty neighbour are there with their settings.
    expect(want.blocks.find((b) => b.qdev === "scsi0-0-0-1")).toMatchObject({ removable: true, inserted: undefined });
    expect(want.nodes).toContainEqual(
      expect.objectContaining({ drv: "raw", file: join(dir, "data.raw"), cache: { writeback: true, direct: true, "no-flush": false } }),
    );
  }, 120000);

  it("keeps a chain vmspec cannot say in extraArgs, in the input's JSON, with its reason", () => {
    const dir = scratch("bdimp-");
    // A qcow2 variable store (firmware.uefi is raw) and a hand-written chain without libvirt's auto-read-only.
    const script = libvirtScript(dir)
      .replace(
        `"read-only":false,"driver":"raw","file":"libvirt-pflash1-storage"`,
        `"read-only":false,"driver":"qcow2","file":"libvirt-pflash1-storage"`,
      )
      .replace(
        "-display none",
        `-blockdev driver=file,node-name=f0,filename=${join(dir, "extra.qcow2")} -blockdev driver=qcow2,node-name=d0,file=f0 -device virtio-blk-pci,drive=d0,id=extra -display none`,
      );
    const result = importCommandLine(script, "argv", { qemu: [7, 2], baseDir: "/" });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    const kept = result.kept.filter((k) => k.words[0] === "-blockdev");
    expect(kept.map((k) => k.words[1])).toEqual([
      expect.stringContaining(`"node-name":"libvirt-pflash0-storage"`),
      expect.stringContaining(`"node-name":"libvirt-pflash0-format"`),
      expect.stringContaining(`"node-name":"libvirt-pflash1-storage"`),
      expect.stringContaining(`"node-name":"libvirt-pflash1-format"`),
      `driver=file,node-name=f0,filename=${join(dir, "extra.qcow2")}`,
      "driver=qcow2,node-name=d0,file=f0",
    ]);
    for (const k of kept) expect(k.why).toMatch(/^storage.backend blockdev \(QEMU 4.1 and later\) writes a file\/host_device node/);
    // The disks libvirt wrote still map.
    expect(parse(importedYaml(result, { source: "x", schemaRef: "s" })).disks.map((d: { name: string }) => d.name)).toEqual([
      "virtio-disk0",
      "virtio-disk1",
    ]);
  });
});

/** The words of a one-command script, as the shell reads them. */
function readArgv(script: string): string[] {
  return execFileSync("sh", ["-c", `set -- ${script.replace(/\\\n/g, " ")}; for w in "$@"; do printf '%s\\0' "$w"; done`])
    .toString()
    .split("\0")
    .slice(0, -1);
}
