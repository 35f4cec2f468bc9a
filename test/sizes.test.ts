// Sizes as QEMU reads them: fractions ("2.1G", "1.3GiB") are accepted and turned into the bytes
// the real QEMU and qemu-img use; a bare number is refused with the spellings that say what it is.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { lintInput } from "../lint/lint.js";
import { locate } from "../core/positions.js";
import { compile } from "../compiler/compile.js";
import { parseTarget } from "../qemu/targets.js";
import { parseSize } from "../spec/size.js";
import type { VmSpec } from "../spec/types.js";
import { startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const HEAD = "name: a\nrunAs: qemu\n";

function lint(text: string) {
  const out = [];
  for (const fullPath of [true, false]) {
    const r = lintInput("spec", new TextEncoder().encode(text), { baseDir: "/srv", fullPath, suppressions: { file: "t.yaml" } });
    out.push(locate(r.text, r.findings).map((f) => `${f.line}:${f.column} ${f.ruleId}: ${f.message}`));
  }
  expect(out[1]).toEqual(out[0]);
  return out[0];
}

function argvOf(spec: VmSpec): string[] {
  const c = compile(spec, { baseDir: "/srv", qemu: parseTarget("7.2")! });
  const m = c.options.find((o) => o.flag === "-m")!;
  return [m.props![0].value, ...c.prepare.filter((p) => p.argv[0] === "qemu-img").map((p) => p.argv[p.argv.length - 1])];
}

describe("sizes", () => {
  it("reads fractions as QEMU does: whole bytes of the fraction", () => {
    expect(parseSize("2.1G")).toBe(2254857830);
    expect(parseSize("1.3GiB")).toBe(1395864371);
    expect(parseSize("0.5K")).toBe(512);
    expect(parseSize("1.5B")).toBeUndefined();
  });

  it("lints 2.1G and 1.3GiB clean, as QEMU accepts -m 2.1G", () => {
    expect(lint(`${HEAD}memory: {size: 2.1G}\ndisks:\n  - {name: d, file: d.qcow2, format: qcow2, size: 1.3GiB}\n`)).toEqual([]);
  });

  it("gives QEMU the memory it makes of the same size, checked on the real QEMU", async () => {
    const [m] = argvOf({ name: "a", memory: { size: "2.1G" } });
    expect(m).toBe("2202016K");
    for (const arg of [m, "2.1G"]) {
      const q = await startPaused(["-M", "virt", "-accel", "tcg", "-cpu", "cortex-a57", "-nodefaults", "-display", "none", "-m", arg]);
      try {
        expect((await q.cmd("query-memory-size-summary"))["base-memory"]).toBe(2202016 * 1024);
      } finally {
        await q.quit();
      }
    }
  });

  it("creates the image qemu-img makes of the same size, checked with the real qemu-img", () => {
    const [, size] = argvOf({ name: "a", memory: { size: "1G" }, disks: [{ name: "d", file: "d.raw", format: "raw", size: "1.3G" }] });
    const dir = scratch();
    const sizes = [size, "1.3G"].map((s, i) => {
      const file = join(dir, `${i}.raw`);
      execFileSync("qemu-img", ["create", "-q", "-f", "raw", file, s]);
      const info = JSON.parse(execFileSync("qemu-img", ["info", "--output=json", file], { encoding: "utf8" }));
      rmSync(file);
      return info["virtual-size"];
    });
    expect(existsSync(dir)).toBe(true);
    expect(sizes[0]).toBe(sizes[1]);
    expect(sizes[0]).toBe(1395864576);
  });

  it("refuses a bare number, saying what a size looks like and why", () => {
    const [memory, disk] = lint(`${HEAD}memory: {size: 2048}\ndisks:\n  - name: d\n    file: d.qcow2\n    format: qcow2\n    size: 20\n`);
    expect(memory).toBe(
      "3:16 invalid-size: memory.size must be a size with a unit (B, K/KiB, M/MiB, G/GiB, T/TiB) such as 512MiB, 4GiB or 20G, not the bare number 2048: write 2048MiB if you mean MiB, or 2048B if you mean bytes (QEMU reads a bare -m 2048 as MiB, but qemu-img reads 2048 as bytes)",
    );
    expect(disk).toMatch(
      /^8:11 invalid-size: disks\.0\.size must be a size with a unit .* not the bare number 20: write 20MiB if you mean MiB, or 20B if you mean bytes/,
    );
  });

  it("refuses a fraction of a byte, memory under 1MiB and sizes too large, at the size", () => {
    expect(
      lint(
        `${HEAD}memory: {size: 512K}\ndisks:\n  - {name: d, file: d.qcow2, format: qcow2, size: 1.5B}\n  - {name: e, file: e.qcow2, format: qcow2, size: 99999999999T}\n`,
      ),
    ).toEqual([
      '3:16 invalid-size: memory "512K" is less than 1MiB: no guest boots in it',
      '5:51 invalid-size: disk size "1.5B" cannot be used: a size in bytes cannot have a fraction',
      '6:51 invalid-size: disk size "99999999999T" cannot be used: it is too large to be a size',
    ]);
  });
});
