// One VM really boots: Debian's arm64 kernel with a busybox initramfs, built from a vmspec spec,
// prints a marker on the serial console and powers off (QEMU then exits by itself).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { arm64Guest, BOOT_MARKER, readText } from "./helpers/arm64-guest.js";
import { buildJson, scratch } from "./helpers/workdir.js";

describe("a real boot", () => {
  it("boots an arm64 kernel under TCG and sees the marker on the serial console", () => {
    const { kernel, initrd } = arm64Guest();
    const dir = scratch();
    const spec = join(dir, "boot.yaml");
    writeFileSync(
      spec,
      [
        "name: boot-test",
        "cpu: {count: 1}",
        "memory: {size: 512MiB}",
        `kernel: {path: ${JSON.stringify(kernel)}, initrd: ${JSON.stringify(initrd)}, append: "console=ttyAMA0 panic=-1 quiet"}`,
        "serial: {type: file, path: console.log}",
        "monitors: {qmp: false}",
        "",
      ].join("\n"),
    );
    const built = buildJson(spec);
    const started = Date.now();
    const r = spawnSync("qemu-system-aarch64", built.argv, { cwd: dir, timeout: 120000, encoding: "utf8" });
    const console = readText(join(dir, "console.log"));
    expect(r.status, `QEMU: ${r.stderr}\nconsole:\n${console.slice(-2000)}`).toBe(0);
    expect(console).toContain(BOOT_MARKER);
    // Reported, not asserted: timing belongs in the benchmark.
    process.stdout.write(`boot took ${Date.now() - started} ms\n`);
  });
});
