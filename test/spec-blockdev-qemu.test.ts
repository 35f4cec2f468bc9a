// storage.backend blockdev in the real QEMU 7.2: the golden spec test/golden/blockdev-7.2.yaml,
// built for this host (TCG) and started paused, must have through QMP (query-named-block-nodes,
// query-block) every node it promises with its settings: protocol and format nodes, the cache
// mode split between the nodes and the device, discard, detect-zeroes, the throttle filters and
// their groups, a CD-ROM, an empty tray that blockdev-change-medium fills, and UEFI in pflash.
// Its -readconfig form (the -blockdev options stay on the command line) gives the same nodes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSpec } from "../lint/build.js";
import { ROOT } from "./helpers/cli.js";
import { ALL_RULES_OFF } from "./helpers/import-corpus.js";
import { prepareHost, scratch, touch, type BuiltJson, buildForHost, withoutRunas } from "./helpers/workdir.js";
import { startPaused, type Qemu } from "./helpers/qemu.js";

const SPEC = join(ROOT, "test/golden/blockdev-7.2.yaml");

describe("storage.backend blockdev in QEMU 7.2 (QMP)", () => {
  let q: Qemu;
  let dir: string;
  let nodes: any[];
  let blocks: any[];
  let built: BuiltJson;
  const node = (name: string) => {
    const n = nodes.find((b) => b["node-name"] === name);
    if (!n) throw new Error(`no node ${name}: ${nodes.map((b) => b["node-name"]).join(" ")}`);
    return n;
  };
  const block = (qdev: string) => blocks.find((b) => b.qdev === qdev || b.qdev === `/machine/peripheral/${qdev}/virtio-backend`);
  const qomBool = (path: string, property: string) => q.cmd("qom-get", { path, property });

  beforeAll(async () => {
    dir = scratch();
    // The golden spec names a logical volume: /dev/null is a host device QEMU can open here.
    const text = readFileSync(SPEC, "utf8").replace("/dev/vg0/db", "/dev/null");
    built = buildForHost(text, dir);
    // The code image is the distribution's; its variable store is copied by the preparation step.
    built.images = built.images.filter((i) => i.path !== "/dev/null");
    prepareHost(built);
    touch(join(dir, "other.iso"), 2 * 1024 * 1024);
    q = await startPaused(withoutRunas(built.argv), { cwd: dir });
    nodes = await q.cmd("query-named-block-nodes");
    blocks = await q.cmd("query-block");
  });
  afterAll(async () => q?.quit());

  it("has a protocol node and a format node per disk, with the driver each image needs", () => {
    expect(node("file-root")).toMatchObject({ drv: "file", file: join(dir, "root.qcow2") });
    expect(node("drive-root")).toMatchObject({ drv: "qcow2", ro: false });
    expect(node("file-db")).toMatchObject({ drv: "host_device", file: "/dev/null" });
    expect(node("drive-db")).toMatchObject({ drv: "raw" });
    expect(node("drive-backup")).toMatchObject({ drv: "qcow2", ro: true });
    // The device takes the format node, or the throttle filter over it.
    expect(block("root").inserted["node-name"]).toBe("drive-root");
    expect(block("db").inserted["node-name"]).toBe("throttle-db");
  });

  it("splits each cache mode between the nodes (direct, no-flush) and the device (write-cache)", async () => {
    expect(node("file-root").cache).toEqual({ writeback: true, direct: true, "no-flush": false });
    expect(node("drive-root").cache).toMatchObject({ direct: true, "no-flush": false });
    expect(node("drive-db").cache).toMatchObject({ direct: false, "no-flush": false });
    expect(node("drive-logs").cache).toMatchObject({ direct: false, "no-flush": true });
    expect(await qomBool("/machine/peripheral/root", "write-cache")).toBe("on");
    expect(await qomBool("/machine/peripheral/db", "write-cache")).toBe("off");
    expect(await qomBool("/machine/peripheral/logs", "write-cache")).toBe("on");
  });

  it("sets detect-zeroes on the format nodes", () => {
    expect(node("drive-root").detect_zeroes).toBe("unmap");
    expect(node("drive-db").detect_zeroes).toBe("on");
    expect(node("drive-logs").detect_zeroes).toBe("off");
  });

  it("throttles through filter nodes in their groups, with each group's limits", async () => {
    expect(node("throttle-db")).toMatchObject({ drv: "throttle" });
    const limits = (id: string) => q.cmd("qom-get", { path: `/objects/${id}`, property: "limits" });
    expect(await limits("throttle-db")).toMatchObject({ "iops-read": 2000, "iops-write": 1000, "bps-total": 104857600, "iops-total": 0 });
    expect(await limits("slow")).toMatchObject({ "iops-total": 500 });
    for (const name of ["logs", "backup"]) expect(node(`throttle-${name}`)).toMatchObject({ drv: "throttle" });
    // The shared group is one object: no group of its own for either disk.
    const objects: { name: string }[] = await q.cmd("qom-list", { path: "/objects" });
    expect(
      objects
        .map((o) => o.name)
        .filter((n) => n === "slow" || n.startsWith("throttle-"))
        .sort(),
    ).toEqual(["slow", "throttle-db"]);
    expect(node("drive-root").drv).toBe("qcow2");
    expect(nodes.some((n) => n["node-name"] === "throttle-root")).toBe(false);
  });

  it("has a CD-ROM with its image and an empty tray that blockdev-change-medium fills", async () => {
    expect(node("drive-tools")).toMatchObject({ drv: "raw", ro: true, file: join(dir, "iso/tools.iso") });
    const install = block("install");
    expect(install).toMatchObject({ qdev: "install", removable: true });
    expect(install.inserted).toBeUndefined();
    await q.cmd("blockdev-change-medium", {
      id: "install",
      filename: join(dir, "other.iso"),
      format: "raw",
      "read-only-mode": "read-only",
    });
    const after = ((await q.cmd("query-block")) as any[]).find((b) => b.qdev === "install");
    expect(after.inserted).toMatchObject({ file: join(dir, "other.iso"), ro: true, drv: "raw" });
  });

  it("gives the virt board its UEFI code and variable store as pflash0/pflash1 nodes", async () => {
    expect(node("pflash0")).toMatchObject({ drv: "raw", ro: true, file: "/usr/share/AAVMF/AAVMF_CODE.fd" });
    expect(node("pflash1")).toMatchObject({ drv: "raw", ro: false, file: join(dir, "blockdev_VARS.fd") });
    expect(await q.cmd("qom-get", { path: "/machine/virt.flash0", property: "drive" })).toBe("pflash0");
    expect(await q.cmd("qom-get", { path: "/machine/virt.flash1", property: "drive" })).toBe("pflash1");
  });

  it("gives the same nodes from its -readconfig form, where -blockdev stays on the command line", async () => {
    if ("error" in built.readconfig) throw new Error(built.readconfig.error);
    expect(built.readconfig.argv.filter((w) => w === "-blockdev").length).toBe(built.argv.filter((w) => w === "-blockdev").length);
    writeFileSync(join(dir, "vm.cfg"), built.readconfig.file);
    const argv = withoutRunas(built.readconfig.argv.map((w) => (w.endsWith(".cfg") ? join(dir, "vm.cfg") : w)));
    await q.quit();
    const rq = await startPaused(argv, { cwd: dir });
    try {
      const strip = (list: any[]) =>
        list
          .map((n) => ({ name: n["node-name"], drv: n.drv, ro: n.ro, file: n.file, dz: n.detect_zeroes, cache: n.cache }))
          .sort((a, b) => (a.name < b.name ? -1 : 1));
      expect(strip(await rq.cmd("query-named-block-nodes"))).toEqual(strip(nodes));
    } finally {
      await rq.quit();
    }
  });
});

describe("storage.backend blockdev with hostile file names (QEMU 7.2)", () => {
  it("keeps every file name literal: a comma, '=' or ':' never adds a property or a node", async () => {
    const dir = scratch();
    const evil = `h,o=s:t 'i"l $(e) é`;
    mkdirSync(join(dir, evil), { recursive: true });
    const spec = {
      name: "hostile",
      memory: { size: "256MiB" },
      storage: { backend: "blockdev" },
      firmware: { uefi: { code: "/usr/share/AAVMF/AAVMF_CODE.fd", vars: join(evil, "vars,read-only=on.fd") } },
      disks: [
        { name: "root", file: join(evil, "root.qcow2"), format: "qcow2", size: "64MiB" },
        // Each would be a property if the comma were not doubled: read-only, another driver, a node name.
        {
          name: "data",
          file: "data,read-only=on,driver=nbd,node-name=x.qcow2",
          format: "qcow2",
          size: "64MiB",
          throttle: { iopsTotal: 100 },
        },
        { name: "raw", file: "nbd:raw,file.driver=null-co.img", format: "raw", size: "1MiB" },
      ],
      cdroms: [{ name: "cd", file: join(evil, "cd,driver=qcow2.iso") }],
    };
    const r = buildSpec(new TextEncoder().encode(JSON.stringify(spec)), {
      baseDir: dir,
      format: "json",
      qemu: [7, 2],
      overrides: { accel: "tcg", cpu: "max" },
      rules: { ...ALL_RULES_OFF },
    });
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    const built = JSON.parse(r.output!) as BuiltJson;
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      const nodes: any[] = await q.cmd("query-named-block-nodes");
      const byName = Object.fromEntries(nodes.map((n) => [n["node-name"], n]));
      expect(Object.keys(byName).sort()).toEqual(
        [
          "drive-cd",
          "drive-data",
          "drive-raw",
          "drive-root",
          "file-cd",
          "file-data",
          "file-raw",
          "file-root",
          "pflash0",
          "pflash0-file",
          "pflash1",
          "pflash1-file",
          "throttle-data",
        ].sort(),
      );
      expect(byName["file-root"].file).toBe(join(dir, evil, "root.qcow2"));
      expect(byName["file-data"]).toMatchObject({ drv: "file", file: join(dir, "data,read-only=on,driver=nbd,node-name=x.qcow2") });
      expect(byName["drive-data"]).toMatchObject({ drv: "qcow2", ro: false });
      // A relative "nbd:" name is a file ("./" in front), read by the file driver.
      expect(byName["file-raw"]).toMatchObject({ drv: "file", file: join(dir, "nbd:raw,file.driver=null-co.img") });
      expect(byName["drive-cd"]).toMatchObject({ drv: "raw", file: join(dir, evil, "cd,driver=qcow2.iso") });
      expect(byName["pflash1"]).toMatchObject({ ro: false, file: join(dir, evil, "vars,read-only=on.fd") });
    } finally {
      await q.quit();
    }
  });
});
