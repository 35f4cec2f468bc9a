// `vmspec lint --watch`: the real command, in its own process, on real files changed on disk. Each
// report must be what a fresh `vmspec lint` prints for the same files at that moment.
import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const CLEAN = "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n";
const ROOT_RUN = "name: db\nmemory: {size: 2GiB}\n";

interface Watch {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Waits until `n` reports have been printed (stderr status lines) and returns the n-th report's standard output. */
  report: (n: number) => Promise<string>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) c.kill();
});

function watchLint(cwd: string, args: string[]): Watch {
  const child = spawn(process.execPath, [BIN, "lint", ...args, "--watch", "--format", "json"], { cwd });
  running.push(child);
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const reports = () => out.split(/(?<=^\}\n)/m).filter((r) => r.trim());
  const status = () => err.split("\n").filter((l) => /^vmspec: linted \d+ of \d+ files? in [\d.]+ ms; watching/.test(l)).length;
  const report = async (n: number): Promise<string> => {
    const until = Date.now() + 20000;
    while (Date.now() < until) {
      if (status() >= n && reports().length >= n) return reports()[n - 1];
      if (child.exitCode !== null) throw new Error(`the watch stopped (${child.exitCode}): ${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no report ${n} in 20 s; stdout:\n${out}\nstderr:\n${err}`);
  };
  return { child, stdout: () => out, stderr: () => err, report };
}

/** What a fresh run prints for the same arguments now. */
const fresh = (cwd: string, args: string[]) => vmspec(["lint", ...args, "--format", "json"], { cwd }).stdout;

describe("vmspec lint --watch", () => {
  it("reports as a fresh run does, then again after each change to a file, a new file and the configuration", async () => {
    const dir = scratch("watch");
    writeFileSync(join(dir, "web.vmspec.yaml"), CLEAN);
    writeFileSync(join(dir, "db.vmspec.yaml"), ROOT_RUN);
    const w = watchLint(dir, ["."]);
    const first = await w.report(1);
    expect(first).toBe(fresh(dir, ["."]));
    expect(JSON.parse(first).files.map((f: { findings: { ruleId: string }[] }) => f.findings.map((x) => x.ruleId))).toEqual([
      ["runs-as-root"],
      [],
    ]);

    // A keystroke: a typo in a key.
    writeFileSync(join(dir, "web.vmspec.yaml"), CLEAN.replace("memory", "memroy"));
    const second = await w.report(2);
    expect(second).toBe(fresh(dir, ["."]));
    expect(second).toContain('unknown key \\"memroy\\"');
    expect(w.stderr()).toMatch(/vmspec: linted 1 of 2 files in [\d.]+ ms/);

    // An editor that saves by renaming a new file over the old one.
    writeFileSync(join(dir, ".web.tmp"), CLEAN);
    renameSync(join(dir, ".web.tmp"), join(dir, "web.vmspec.yaml"));
    const third = await w.report(3);
    expect(third).toBe(first);

    // A new spec in the folder is linted too.
    writeFileSync(join(dir, "ci.vmspec.yaml"), ROOT_RUN.replace("db", "ci"));
    const fourth = await w.report(4);
    expect(fourth).toBe(fresh(dir, ["."]));
    expect(JSON.parse(fourth).files).toHaveLength(3);

    // The configuration applies at once.
    writeFileSync(join(dir, ".vmspec.yaml"), "rules:\n  runs-as-root: off\n");
    const fifth = await w.report(5);
    expect(fifth).toBe(fresh(dir, ["."]));
    expect(fifth).not.toContain("runs-as-root");

    // A removed file leaves the report.
    rmSync(join(dir, "ci.vmspec.yaml"));
    const sixth = await w.report(6);
    expect(sixth).toBe(fresh(dir, ["."]));
    expect(JSON.parse(sixth).files).toHaveLength(2);
  });

  it("a broken configuration is reported with its line and column, and the watch goes on", async () => {
    const dir = scratch("watch-config");
    writeFileSync(join(dir, "web.vmspec.yaml"), CLEAN);
    const w = watchLint(dir, ["web.vmspec.yaml"]);
    await w.report(1);
    writeFileSync(join(dir, ".vmspec.yaml"), "rules:\n  runs-as-rot: off\n");
    const until = Date.now() + 20000;
    while (!w.stderr().includes("runs-as-rot") && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(w.stderr()).toMatch(/vmspec: .*\.vmspec\.yaml:2:3: unknown rule "runs-as-rot"/);
    expect(w.child.exitCode).toBe(null);
    writeFileSync(join(dir, ".vmspec.yaml"), "rules:\n  runs-as-root: off\n");
    const next = await w.report(2);
    expect(next).toBe(fresh(dir, ["web.vmspec.yaml"]));
    expect(JSON.parse(next).files[0].findings).toEqual([]);
  });

  it("refuses what would change files, and standard input", () => {
    const dir = scratch("watch-refuse");
    writeFileSync(join(dir, "web.vmspec.yaml"), CLEAN);
    for (const flag of ["--fix", "--fix-dry-run", "--suppress-all", "--cache"]) {
      const r = vmspec(["lint", "web.vmspec.yaml", "--watch", flag], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`vmspec: --watch cannot be used with ${flag} (a watch keeps its results in memory and changes no file)\n`);
    }
    const r = vmspec(["lint", "-", "--watch"], { cwd: dir, input: CLEAN });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("vmspec: --watch cannot read standard input: name the files\n");
  });

  it("a path that does not exist stops it at once, as it stops a run", () => {
    const dir = scratch("watch-missing");
    const r = vmspec(["lint", "nowhere", "--watch"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(vmspec(["lint", "nowhere"], { cwd: dir }).stderr);
  });
});
