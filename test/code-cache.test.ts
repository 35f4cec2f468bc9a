// core/code-cache.ts: a large CommonJS file (the full schema validator) loaded through V8's code
// cache — written at the end of the first run, used by the next, never used for another version
// of the file — and the built CLI's schema-error path using the cache the build recorded.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

/** Loads `file` in a new Node process (cache written at its exit) and returns what it says. */
function load(file: string, cache: string): { value: string; fromCache: boolean } {
  const code = `import { loadCommonJs } from ${JSON.stringify(join(ROOT, "dist/core/code-cache.js"))};
const r = loadCommonJs(${JSON.stringify(file)}, ${JSON.stringify(cache)}, { helper: { twice: (x) => x * 2 } });
process.stdout.write(JSON.stringify({ value: r.exports(21), fromCache: r.fromCache }));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { value: string; fromCache: boolean };
}

describe("loadCommonJs", () => {
  it("writes the cache at the first run's exit, uses it on the next, and not for another version of the file", () => {
    const dir = scratch("code-cache");
    const file = join(dir, "mod.cjs");
    const cache = join(dir, "mod.cjs.cache");
    const body = (op: string) => `"use strict";\nconst { twice } = require("helper");\nmodule.exports = (x) => String(${op});\n`;
    writeFileSync(file, body("twice(x) + 1"));
    expect(load(file, cache)).toEqual({ value: "43", fromCache: false });
    expect(existsSync(cache)).toBe(true);
    expect(load(file, cache)).toEqual({ value: "43", fromCache: true });
    // Same length, other code: V8 alone would take the old cache (it checks only the length).
    writeFileSync(file, body("twice(x) - 1"));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(load(file, cache)).toEqual({ value: "41", fromCache: false });
    expect(load(file, cache)).toEqual({ value: "41", fromCache: true });
  });

  it("a cache it cannot read is no error: the file loads without one", () => {
    const dir = scratch("code-cache-bad");
    const file = join(dir, "mod.cjs");
    writeFileSync(file, `module.exports = (x) => String(require("helper").twice(x));\n`);
    writeFileSync(join(dir, "mod.cjs.cache"), "not a cache");
    expect(load(file, join(dir, "mod.cjs.cache"))).toEqual({ value: "42", fromCache: false });
  });
});

describe("the schema-error path of the built CLI", () => {
  it("the build records the full validator's cache for the installed source, and an error file is reported as before", () => {
    const cache = readFileSync(join(ROOT, "dist/validate-schema.cjs.cache"));
    const source = join(ROOT, "spec/generated/validate-schema.cjs");
    // The stamp the loader checks: the validator the package ships.
    expect(cache.subarray(0, cache.indexOf(10)).toString("latin1")).toMatch(new RegExp(`^${readFileSync(source).length}:`));
    const dir = scratch("schema-error-path");
    writeFileSync(join(dir, "vm.vmspec.yaml"), "name: web\nmemroy: {size: 1GiB}\n");
    const r = vmspec(["lint", join(dir, "vm.vmspec.yaml"), "--format", "json"]);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { files: { findings: { ruleId: string; message: string; line: number }[] }[] }).files[0]
      .findings;
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ["schema", 1],
      ["schema", 2],
    ]);
    expect(findings[1].message).toBe('unknown key "memroy" in the spec; did you mean "memory"?');
  });
});

describe("the installed command's first line", () => {
  it("runs Node with one V8 background thread, and V8 still takes the bundle's code cache", () => {
    expect(readFileSync(BIN, "utf8").split("\n")[0]).toBe("#!/usr/bin/env -S node --v8-pool-size=1");
    const cache = join(ROOT, "dist/vmspec.cjs.cache");
    const before = statSync(cache).mtimeMs;
    // Executed as an installed command is (npm links the bin file): through its first line.
    const direct = spawnSync(BIN, ["lint", join(ROOT, "examples/minimal-uefi.yaml"), "--format", "json"], { cwd: ROOT, encoding: "utf8" });
    expect(direct.stderr).toBe("");
    expect(direct.status).toBe(0);
    expect(direct.stdout).toBe(vmspec(["lint", join(ROOT, "examples/minimal-uefi.yaml"), "--format", "json"]).stdout);
    // A cache V8 rejects (another flag hash) is written again at exit: it was not.
    expect(statSync(cache).mtimeMs).toBe(before);
  });
});
