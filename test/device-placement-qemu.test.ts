// What device-placement reports, proven on the real QEMU 7.2: the specs of
// test/rules/device-placement.test.ts, compiled as vmspec builds them, refused by QEMU (slot taken,
// bus not found), or started with the device renamed (a property given twice: the last wins).
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { parse } from "yaml";
import { compile } from "../compiler/compile.js";
import { toArgv } from "../compiler/emit/argv.js";
import type { VmSpec } from "../spec/types.js";
import { startExpectingFailure, startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const HEAD = `name: web
memory: {size: 256MiB}
disks:
  - {name: r, file: r.qcow2, format: qcow2}
  - {name: s, file: s.qcow2, format: qcow2}
`;

function argvOf(yaml: string): { argv: string[]; dir: string } {
  const dir = scratch();
  for (const f of ["r.qcow2", "s.qcow2"]) execFileSync("qemu-img", ["create", "-f", "qcow2", `${dir}/${f}`, "16M"], { stdio: "ignore" });
  const c = compile({ ...(parse(yaml) as VmSpec), accel: "tcg", cpu: { model: "cortex-a57" } }, { baseDir: dir, qemu: [7, 2] });
  expect(c.problems).toEqual([]);
  // Without the QMP monitor's socket folder (startPaused has its own monitor).
  const options = c.options.filter((o) => !(o.flag === "-chardev" && o.props?.some((p) => p.value === "qmp")) && o.flag !== "-mon");
  return { argv: toArgv(options), dir };
}

describe("device-placement's findings, on QEMU 7.2", () => {
  it("two devices at slot 5: refused", async () => {
    const { argv, dir } = argvOf(HEAD + `qemuProperties:\n  devices:\n    r: {addr: "0x5"}\n    s: {addr: "0x5"}\n`);
    const r = await startExpectingFailure(argv, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PCI: slot 5 function 0 not available for virtio-blk-pci, in use by virtio-blk-pci,id=r");
  });

  it("bus rp7 without such a root port: refused", async () => {
    const { argv, dir } = argvOf(HEAD + `pci: {rootPorts: 2}\nqemuProperties:\n  devices:\n    r: {bus: rp7}\n`);
    const r = await startExpectingFailure(argv, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Bus 'rp7' not found");
  });

  it("bus rp2 of pci.rootPorts 2 (valid): starts, the disk on that port", async () => {
    const { argv, dir } = argvOf(HEAD + `pci: {rootPorts: 2}\nqemuProperties:\n  devices:\n    r: {bus: rp2}\n`);
    const q = await startPaused(argv, { cwd: dir });
    try {
      const bus = await q.cmd("qom-get", { path: "/machine/peripheral/r", property: "parent_bus" });
      expect(String(bus)).toMatch(/rp2/);
    } finally {
      await q.quit();
    }
  });

  it("id and drive given again: QEMU starts, keeps id=r (the first) and puts drive-x (the last) behind the disk the spec calls r", async () => {
    const yaml =
      HEAD +
      `extraArgs: ["-drive", "file=x.qcow2,format=qcow2,if=none,id=drive-x"]\nqemuProperties:\n  devices:\n    r: {id: zz0, drive: drive-x}\n`;
    const { argv, dir } = argvOf(yaml);
    execFileSync("qemu-img", ["create", "-f", "qcow2", `${dir}/x.qcow2`, "16M"], { stdio: "ignore" });
    expect(argv.join(" ")).toMatch(/drive=drive-r,id=r,.*id=zz0,drive=drive-x/);
    const q = await startPaused(argv, { cwd: dir });
    try {
      const names = ((await q.cmd("qom-list", { path: "/machine/peripheral" })) as { name: string }[]).map((p) => p.name);
      expect(names).toContain("r");
      expect(names).not.toContain("zz0");
      expect(await q.cmd("qom-get", { path: "/machine/peripheral/r", property: "drive" })).toBe("drive-x");
    } finally {
      await q.quit();
    }
  });
});
