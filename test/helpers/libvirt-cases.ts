// The specs `build --format libvirt` is proven on: every example (for QEMU 7.2), every golden spec
// and the libvirt-only golden specs in test/golden/libvirt/ (for the QEMU version their header names).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

const GOLDEN = join(ROOT, "test/golden");

function goldenSpecs(dir: string, prefix: string) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), "utf8");
      return { name: prefix + f.slice(0, -5), file: join(dir, f), qemu: /^# qemu: (\S+)$/m.exec(text)?.[1] ?? "2.9" };
    });
}

export const LIBVIRT_CASES: { name: string; file: string; qemu: string }[] = [
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ name: `example-${f.slice(0, -5)}`, file: join(ROOT, "examples", f), qemu: "7.2" })),
  ...goldenSpecs(GOLDEN, ""),
  ...goldenSpecs(join(GOLDEN, "libvirt"), "libvirt-"),
];
