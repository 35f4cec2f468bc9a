// What a cold start of the built CLI loads (docs/performance.md, "Lazy loading"): a single-file
// lint or build loads no Node module it does not use. child_process (commander's external
// subcommands, the QEMU probe), crypto (--cache, fingerprints, the probe's cache key) and net (a
// piped standard stream that nothing is written to) cost a cold start several milliseconds.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, ROOT } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

/** Runs the installed command with stdout to a file and stderr piped; returns the built-in modules it loaded. */
function loaded(
  args: string[],
  stdoutTo = "/dev/null",
  script: string[] = [BIN],
): { code: number | null; stderr: string; modules: string[]; stdout: string } {
  const dir = scratch("cold-start-");
  const list = join(dir, "modules.txt");
  const preload = join(dir, "preload.cjs");
  writeFileSync(
    preload,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));\n`,
  );
  const out = stdoutTo === "/dev/null" ? stdoutTo : join(dir, stdoutTo);
  const fd = openSync(out, "w");
  // Standard output to a file (as the benchmark sends it to /dev/null), standard error a pipe.
  const r = spawnSync(process.execPath, ["-r", preload, ...script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", fd, "pipe"],
  });
  closeSync(fd);
  const modules = readFileSync(list, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("NativeModule "))
    .map((l) => l.slice("NativeModule ".length));
  return { code: r.status, stderr: r.stderr, modules, stdout: stdoutTo === "/dev/null" ? "" : readFileSync(out, "utf8") };
}

const example = join(ROOT, "examples/minimal-uefi.yaml");
// Those a bare Node start loads itself (none on Node 20) are no fault of vmspec's.
const bare = loaded([], "/dev/null", ["-e", "0"]).modules;
const UNUSED = ["child_process", "crypto", "net", "os"].filter((m) => !bare.includes(m));

describe("a cold single-file run", () => {
  it("lint of a clean spec (stderr piped) loads neither child_process, crypto, os nor net", () => {
    const r = loaded(["lint", example]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.modules).toContain("vm"); // the list is read
    expect(r.modules.filter((m) => UNUSED.includes(m))).toEqual([]);
  });

  it("build (stdout to a file, stderr piped) loads none of them, and prints the command", () => {
    const r = loaded(["build", example], "out.sh");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/qemu-system-aarch64/);
    expect(r.modules.filter((m) => UNUSED.includes(m))).toEqual([]);
  });

  it("a lint with findings still prints them, and --cache still hashes (crypto loaded on use)", () => {
    const dir = scratch("cold-start-findings-");
    const spec = join(dir, "vm.yaml");
    writeFileSync(spec, readFileSync(example, "utf8").replace("cache: none", "cache: writeback"));
    const r = loaded(["lint", spec, "--format", "compact", "--cache", "--cache-location", join(dir, "cache")], "out.txt");
    expect(r.modules).toContain("crypto");
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/vm\.yaml:23:10: error: aio=native needs direct cache mode .+ \[aio-native-requires-direct-cache\]\n/);
  });
});
