// The admin fields the libvirt and KubeVirt outputs do not map yet (compiler/emit/engine-gaps.ts)
// are refused at their YAML line, with no output: never a domain or manifest that silently lacks
// what the spec asked for. The command-line outputs of the same specs build.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, vmspec } from "./helpers/cli.js";

const SPECS = ["admin-fields-7.2", "storage-7.2", "numa-7.2", "consoles-7.2"];

describe("fields the engine outputs do not map yet", () => {
  for (const name of SPECS) {
    it(`${name}: libvirt and KubeVirt refuse at the field's line, and write nothing`, () => {
      const file = `test/golden/${name}.yaml`;
      const text = readFileSync(join(ROOT, file), "utf8");
      const lv = vmspec(["build", file, "--format", "libvirt", "--qemu", "7.2"]);
      expect(lv.code).toBe(1);
      expect(lv.stdout).toBe("");
      const m = /:(\d+):(\d+): error: libvirt output does not map (.+?) yet/.exec(lv.stderr);
      expect(m, lv.stderr).not.toBeNull();
      const line = text.split("\n")[Number(m![1]) - 1];
      const leaf = m![3].split(":")[0].replace(/^.*[.\]]/, "");
      expect(line, `${m![3]} at line ${m![1]}`).toContain(leaf);
      // Every unmapped field in the one run, each at its own line.
      const gaps = [...lv.stderr.matchAll(/:(\d+:\d+): error: libvirt output does not map/g)].map((g) => g[1]);
      expect(new Set(gaps).size).toBe(gaps.length);
      if (name === "storage-7.2") expect(gaps.length).toBeGreaterThanOrEqual(3);
      const kv = vmspec(["build", file, "--format", "kubevirt", "--qemu", "7.2"]);
      expect(kv.code).toBe(1);
      expect(kv.stdout).toBe("");
      // KubeVirt: definitive refusals with their reason (compiler/emit/kubevirt.ts), never "yet".
      expect(kv.stderr).toMatch(/(cannot express |does not support a guest NUMA).*\[kubevirt-(unexpressible|numa)\]/);
      expect(kv.stderr).not.toMatch(/yet/);
    });
  }
});
