// Issue 20's storage fields in the real QEMU 7.2: the golden spec test/golden/storage-7.2.yaml,
// built for this host (TCG) and started paused, must show through QMP an empty CD-ROM tray that
// blockdev-change-medium fills, detect-zeroes, the throttling limits and group of each disk, and
// the I/O threads of the virtio-blk disks and the virtio-scsi controller.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./helpers/cli.js";

import { prepareHost, scratch, touch, type BuiltJson, buildForHost, withoutRunas } from "./helpers/workdir.js";
import { startPaused, type Qemu } from "./helpers/qemu.js";

const SPEC = join(ROOT, "test/golden/storage-7.2.yaml");

describe("storage fields in QEMU 7.2 (QMP)", () => {
  let q: Qemu;
  let dir: string;
  let blocks: any[];
  let built: BuiltJson;
  const block = (name: string) => blocks.find((b) => b.qdev === name || b.device === `drive-${name}`);

  beforeAll(async () => {
    dir = scratch();
    // The golden spec names a logical volume: here a plain raw file stands in for it.
    const text = readFileSync(SPEC, "utf8").replace("/dev/vg0/db", "db.raw");
    built = buildForHost(text, dir);
    prepareHost(built);
    touch(join(dir, "other.iso"), 2 * 1024 * 1024);
    // -runas needs root; the test runs QEMU as whoever runs the tests.
    q = await startPaused(withoutRunas(built.argv), { cwd: dir });
    blocks = await q.cmd("query-block");
  });
  afterAll(async () => q?.quit());

  it("has an empty CD-ROM tray, and blockdev-change-medium puts media in it", async () => {
    const install = block("install");
    expect(install).toMatchObject({ qdev: "install", removable: true, tray_open: false });
    expect(install.inserted).toBeUndefined();
    await q.cmd("blockdev-change-medium", {
      id: "install",
      filename: join(dir, "other.iso"),
      format: "raw",
      "read-only-mode": "read-only",
    });
    const after = ((await q.cmd("query-block")) as any[]).find((b) => b.qdev === "install");
    expect(after.inserted).toMatchObject({ file: join(dir, "other.iso"), ro: true, drv: "raw" });
    // The CD-ROM with an image has it inserted from the start.
    expect(block("tools").inserted.file).toBe(join(dir, "iso/tools.iso"));
  });

  it("sets detect-zeroes per disk", () => {
    expect(block("root").inserted.detect_zeroes).toBe("unmap");
    expect(block("db").inserted.detect_zeroes).toBe("on");
    expect(block("logs").inserted.detect_zeroes).toBe("off");
  });

  it("sets each disk's I/O limits, and the throttle group two disks share", () => {
    expect(block("db").inserted).toMatchObject({ iops_rd: 2000, iops_wr: 1000, iops: 0, bps: 104857600 });
    for (const name of ["logs", "backup"]) expect(block(name).inserted).toMatchObject({ iops: 500, group: "slow" });
    expect(block("root").inserted.iops).toBe(0);
  });

  it("runs the virtio-blk disks and the virtio-scsi controller in the I/O threads named", async () => {
    const threads: { id: string }[] = await q.cmd("query-iothreads");
    expect(threads.map((t) => t.id).sort()).toEqual(["io-root", "io-scsi"]);
    const iothreadOf = (path: string) => q.cmd("qom-get", { path, property: "iothread" });
    expect(await iothreadOf("/machine/peripheral/root/virtio-backend")).toBe("/objects/io-root");
    expect(await iothreadOf("/machine/peripheral/backup/virtio-backend")).toBe("/objects/io-root");
    expect(await iothreadOf("/machine/peripheral/scsi0/virtio-backend")).toBe("/objects/io-scsi");
  });

  it("gives the same drives from its -readconfig form", async () => {
    if ("error" in built.readconfig) throw new Error(built.readconfig.error);
    writeFileSync(join(dir, "storage.cfg"), built.readconfig.file);
    const argv = withoutRunas(built.readconfig.argv.map((w) => (w.endsWith("storage.cfg") ? join(dir, "storage.cfg") : w)));
    // One QEMU at a time holds the images' write locks: the argv form's goes first.
    await q.quit();
    const rq = await startPaused(argv, { cwd: dir });
    try {
      const strip = (list: any[]) =>
        list
          .map((b) => ({ qdev: b.qdev, inserted: b.inserted && { ...b.inserted, "node-name": undefined } }))
          .sort((a, b) => (a.qdev < b.qdev ? -1 : 1));
      // The same drives as the argv form showed at start, before the tray was filled.
      expect(strip(await rq.cmd("query-block"))).toEqual(strip(blocks));
      expect(((await rq.cmd("query-iothreads")) as { id: string }[]).map((t) => t.id).sort()).toEqual(["io-root", "io-scsi"]);
    } finally {
      await rq.quit();
    }
  });
});
