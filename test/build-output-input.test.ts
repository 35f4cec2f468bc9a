// vmspec's own outputs read back: `vmspec build --format argv > x.argv; vmspec lint --argv x.argv`
// printed nothing and exited 0 (each line was read as a shell command, so QEMU's had no options),
// `vmspec import x.argv` said only "no -m", and `vmspec lint x.shell` read build's shell output as
// YAML. A file whose lines a shell runs as separate commands must never pass silently.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec, ROOT } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

type Json = { files: { findings: { ruleId: string; line: number; severity: string }[] }[] };
const ids = (stdout: string): string[] => (JSON.parse(stdout) as Json).files.flatMap((f) => f.findings.map((x) => x.ruleId)).sort();

// A spec with findings (no runAs: runs-as-root; a CPU the statement does not list, made a warning
// so that it builds).
const RULE = ["--rule", "unsupported-cpu-model=warning"];
const SPEC = readFileSync(join(ROOT, "examples/minimal-uefi.yaml"), "utf8")
  .replace("runAs: qemu\n", "")
  .replace("model: host", "model: cortex-a53");

describe("vmspec build's argv and shell outputs, read back", () => {
  const dir = scratch();
  const spec = join(dir, "x.vmspec.yaml");
  writeFileSync(spec, SPEC);
  const out = (format: string) => {
    const r = vmspec(["build", spec, "--format", format, ...RULE]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(dir, `x.${format}`);
    writeFileSync(file, r.stdout);
    return file;
  };
  const argv = out("argv");
  const shell = out("shell");
  const specIds = ids(vmspec(["lint", spec, "-f", "json", ...RULE]).stdout);

  it("the spec has findings to find again", () => {
    expect(specIds).toContain("runs-as-root");
    expect(specIds).toContain("unsupported-cpu-model");
    expect(specIds.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ["lint --argv x.argv", () => ["lint", "--argv", argv]],
    ["lint x.argv", () => ["lint", argv]],
    ["lint x.shell", () => ["lint", shell]],
    ["lint --argv x.shell", () => ["lint", "--argv", shell]],
  ])("%s finds what lint of the spec finds", (_, args) => {
    const r = vmspec([...args(), "-f", "json", ...RULE]);
    expect(ids(r.stdout)).toEqual(specIds);
  });

  it("on standard input too (by its shape, not its name)", () => {
    expect(ids(vmspec(["lint", "--argv", "-", "-f", "json", ...RULE], { input: readFileSync(argv) }).stdout)).toEqual(specIds);
    expect(ids(vmspec(["lint", "-", "-f", "json", ...RULE], { input: readFileSync(argv) }).stdout)).toEqual(specIds);
  });

  it("import of the argv output gives the spec import of the shell output gives", () => {
    const a = vmspec(["import", argv]);
    const s = vmspec(["import", shell]);
    expect(a.code, a.stderr).toBe(0);
    expect(s.code, s.stderr).toBe(0);
    const body = (y: string) => y.replace(/^#.*\n/gm, "");
    expect(body(a.stdout)).toBe(body(s.stdout));
    expect(a.stdout).toMatch(/memory:\n {2}size: 2GiB/);
  });

  it("an argument holding blanks or quotes stays one argument", () => {
    const file = join(dir, "q.argv");
    writeFileSync(file, `qemu-system-aarch64\n-name\nmy vm's "name"\n-m\n1G\n-machine\nvirt\n`);
    const r = vmspec(["import", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`name: my vm's "name"`);
  });
});

describe("lines the shell runs as commands of their own are an error, never a silent pass", () => {
  const dir = scratch();
  // What the real sh does with them: runs QEMU without the options, then fails on "-m".
  it("the real sh runs the QEMU line alone", () => {
    const file = join(dir, "real.sh");
    writeFileSync(file, "#!/bin/sh\nqemu-system-aarch64 -version\n  -m 2G\n");
    const r = spawnSync("sh", [file], { encoding: "utf8" });
    expect(r.stdout).toMatch(/QEMU emulator version/);
    expect(r.stderr).toMatch(/-m: not found/);
  });

  it.each([
    ["a QEMU command with no options, then option lines", "#!/bin/sh\nqemu-system-aarch64\n  -m 2G\n  -cpu host\n", 3],
    ["a \\ forgotten in the middle", "qemu-system-aarch64 -M virt,accel=kvm -m 2G -runas qemu\n\n-cpu host\n", 3],
    ["an argv file behind a comment line", "# vm\nqemu-system-aarch64\n-m\n2G\n", 3],
    ["an argv file run by sudo", "sudo qemu-system-aarch64\n-m\n2G\n", 2],
  ])("%s", (_, text, line) => {
    const file = join(dir, "broken.sh");
    writeFileSync(file, text);
    for (const args of [
      ["lint", "--argv", file, "-f", "json"],
      ["lint", file, "-f", "json"],
    ]) {
      const r = vmspec(args);
      expect(r.code).toBe(1);
      const f = (JSON.parse(r.stdout) as Json).files[0].findings.find((x) => x.ruleId === "argv-syntax");
      expect(f?.line).toBe(line);
      expect(f?.severity).toBe("error");
    }
    const i = vmspec(["import", file]);
    expect(i.code).toBe(1);
    expect(i.stderr).toMatch(new RegExp(`:${line}:\\d+: error: line ${line} starts with "-`));
  });
});
