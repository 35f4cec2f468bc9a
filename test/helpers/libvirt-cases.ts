// The specs `build --format libvirt` is proven on: every example (for QEMU 7.2) and every golden
// spec (for the QEMU version its header names).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

const GOLDEN = join(ROOT, "test/golden");

export const LIBVIRT_CASES: { name: string; file: string; qemu: string }[] = [
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ name: `example-${f.slice(0, -5)}`, file: join(ROOT, "examples", f), qemu: "7.2" })),
  ...readdirSync(GOLDEN)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const text = readFileSync(join(GOLDEN, f), "utf8");
      return { name: f.slice(0, -5), file: join(GOLDEN, f), qemu: /^# qemu: (\S+)$/m.exec(text)?.[1] ?? "2.9" };
    }),
];
