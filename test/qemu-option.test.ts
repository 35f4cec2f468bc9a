// `--qemu` takes QEMU releases only (2.9 to 10.2), the same way in lint, build, import and graph:
// a user's `--qemu 9.9` was accepted silently; now it is refused with the nearest release.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const dir = scratch();
const spec = join(dir, "vm.yaml");
writeFileSync(spec, "name: vm\nmemory: {size: 1GiB}\nrunAs: qemu\n");
const script = join(dir, "run.sh");
writeFileSync(script, "qemu-system-aarch64 -machine virt -m 1G\n");
const commands: [string, string[]][] = [
  ["lint", ["lint", spec]],
  ["build", ["build", spec]],
  ["import", ["import", script]],
  ["graph", ["graph", spec, "--format", "dot"]],
];

describe("--qemu", () => {
  it.each(commands)("%s refuses a version that is no QEMU release, with the nearest one", (_name, args) => {
    for (const [v, near] of [
      ["9.9", "9.2"],
      ["11.0", "10.2"],
      ["2.8", "2.9"],
    ]) {
      const r = vmspec([...args, "--qemu", v]);
      expect(r.code, `${v}: ${r.stdout}`).toBe(2);
      expect(r.stderr).toContain(`QEMU ${v} is not a release vmspec knows`);
      expect(r.stderr).toContain(`did you mean ${near}?`);
    }
    const bad = vmspec([...args, "--qemu", "banana"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected a QEMU release such as 7.2 (2.9 to 10.2");
  });
  it.each(commands)("%s accepts a release newer than the compile targets (9.2)", (_name, args) => {
    const r = vmspec([...args, "--qemu", "9.2"]);
    expect(r.stderr).not.toContain("is invalid");
    expect([0, 1]).toContain(r.code);
  });
});
