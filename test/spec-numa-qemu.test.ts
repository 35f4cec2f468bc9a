// Issue 20's guest NUMA nodes in the real QEMU 7.2: the golden spec test/golden/numa-7.2.yaml,
// built for this host (TCG) and started paused, must show through QMP one memory backend per node
// (the file-backed one on its mount), each vCPU in its node, and each node's memory; the device
// tree QEMU gives the guest must hold the distances.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./helpers/cli.js";

import { prepareHost, scratch, type BuiltJson, buildForHost, withoutRunas } from "./helpers/workdir.js";
import { QEMU, startPaused, type Qemu } from "./helpers/qemu.js";

const SPEC = join(ROOT, "test/golden/numa-7.2.yaml");

/** The properties of the device tree node at `path` (e.g. "/distance-map") of a flattened device tree. */
function fdtNode(dtb: Buffer, path: string): Map<string, Buffer> {
  const structOff = dtb.readUInt32BE(8);
  const stringsOff = dtb.readUInt32BE(12);
  const stack: string[] = [];
  const out = new Map<string, Buffer>();
  let at = structOff;
  const align = (n: number) => (n + 3) & ~3;
  for (;;) {
    const token = dtb.readUInt32BE(at);
    at += 4;
    if (token === 1) {
      const end = dtb.indexOf(0, at);
      stack.push(dtb.toString("utf8", at, end));
      at = align(end + 1);
    } else if (token === 2) stack.pop();
    else if (token === 3) {
      const len = dtb.readUInt32BE(at);
      const nameOff = dtb.readUInt32BE(at + 4);
      const name = dtb.toString("utf8", stringsOff + nameOff, dtb.indexOf(0, stringsOff + nameOff));
      if ("/" + stack.slice(1).join("/") === path) out.set(name, dtb.subarray(at + 8, at + 8 + len));
      at = align(at + 8 + len);
    } else if (token === 9) return out;
    else if (token !== 4) throw new Error(`bad FDT token ${token}`);
  }
}

describe("NUMA nodes in QEMU 7.2 (QMP and the guest's device tree)", () => {
  let q: Qemu;
  let dir: string;
  let argv: string[];
  let built: BuiltJson;

  beforeAll(async () => {
    dir = scratch();
    mkdirSync(join(dir, "huge"));
    // The golden spec names a 1 GiB hugetlbfs mount; a plain folder stands in for it here.
    const text = readFileSync(SPEC, "utf8").replace("/dev/hugepages1G", "huge");
    built = buildForHost(text, dir);
    prepareHost(built);
    argv = withoutRunas(built.argv);
    q = await startPaused(argv, { cwd: dir });
  });
  afterAll(async () => q?.quit());

  it("has one memory backend per node, the second on the hugepages mount", async () => {
    const memdevs: { id: string; size: number }[] = await q.cmd("query-memdev");
    expect(memdevs.map((m) => [m.id, m.size]).sort()).toEqual([
      ["ram-node0", 2 ** 31],
      ["ram-node1", 2 ** 31],
    ]);
    expect(await q.cmd("qom-get", { path: "/objects/ram-node1", property: "mem-path" })).toBe(join(dir, "huge"));
    expect(await q.cmd("qom-get", { path: "/objects/ram-node0", property: "type" })).toBe("memory-backend-ram");
  });

  it("puts each vCPU in its node, and each node's memory in it", async () => {
    const cpus: { "cpu-index": number; props: { "node-id": number } }[] = await q.cmd("query-cpus-fast");
    expect(cpus.map((c) => [c["cpu-index"], c.props["node-id"]])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
    const info: string = await q.cmd("human-monitor-command", { "command-line": "info numa" });
    expect(info).toContain("2 nodes");
    expect(info).toMatch(/node 0 size: 2048 MB/);
    expect(info).toMatch(/node 1 size: 2048 MB/);
  });

  it("gives the guest the distances in its device tree", () => {
    const dtb = join(dir, "virt.dtb");
    execFileSync(QEMU, [...argv, "-machine", `dumpdtb=${dtb}`], { cwd: dir, stdio: "pipe", timeout: 30000 });
    const matrix = fdtNode(readFileSync(dtb), "/distance-map").get("distance-matrix")!;
    const triples: number[][] = [];
    for (let i = 0; i < matrix.length; i += 12) triples.push([0, 4, 8].map((o) => matrix.readUInt32BE(i + o)));
    // src, dst, distance: QEMU fills in the other direction of the pair and node 1's own 10.
    expect(triples).toEqual([
      [0, 0, 10],
      [0, 1, 20],
      [1, 0, 20],
      [1, 1, 10],
    ]);
  });

  it("gives the same nodes from its -readconfig form (backends in the file, -numa on the command line)", async () => {
    if ("error" in built.readconfig) throw new Error(built.readconfig.error);
    writeFileSync(join(dir, "numa.cfg"), built.readconfig.file);
    const rq = await startPaused(withoutRunas(built.readconfig.argv), { cwd: dir });
    try {
      const sorted = (l: { id: string }[]) => [...l].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(sorted(await rq.cmd("query-memdev"))).toEqual(sorted(await q.cmd("query-memdev")));
      const info = (x: Qemu) => x.cmd("human-monitor-command", { "command-line": "info numa" });
      expect(await info(rq)).toBe(await info(q));
    } finally {
      await rq.quit();
    }
  });
});
