// The performance levers change nothing but speed: --cache and --concurrency give the output of
// a plain run, the cache is really used (and really invalidated), and the launcher's V8 code cache
// survives being corrupt or from another build.
import { describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateTree } from "../bench/generate.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { CHUNK, lintFilesParallel, PARALLEL_THRESHOLD, runLintWorker, threadsFor } from "../lint/files/lint-parallel.js";
import type { InputKind } from "../lint/lint.js";
import { LINT_FORMATS } from "../cli/format.js";

function fleet(count: number): string {
  const dir = join(scratch("fleet"), "specs");
  generateTree(dir, count);
  return dir;
}

describe("--cache", () => {
  it("gives the plain run's output, reuses unchanged files and relints changed ones", () => {
    const dir = fleet(60);
    const cache = join(dir, "..", "lint.cache");
    const plain = vmspec(["lint", dir, "-f", "json"]);
    const first = vmspec(["lint", dir, "-f", "json", "--cache", "--cache-location", cache]);
    expect(first.stdout).toBe(plain.stdout);
    expect(first.code).toBe(plain.code);
    const second = vmspec(["lint", dir, "-f", "json", "--cache", "--cache-location", cache]);
    expect(second.stdout).toBe(plain.stdout);

    // Proof that entries are used: a planted message comes back for the unchanged file...
    const c = JSON.parse(readFileSync(cache, "utf8"));
    // Compact on disk: one settings hash for the run, clean results as 0.
    expect(c.settings).toHaveLength(1);
    expect(Object.values(c.entries as Record<string, unknown[]>).filter((e) => e[1] === 0 && e[2] === 0).length).toBeGreaterThan(40);
    const withFinding = Object.keys(c.entries).find((k) => c.entries[k][2] !== 0)!;
    c.entries[withFinding][2].findings[0].message = "planted in the cache";
    writeFileSync(cache, JSON.stringify(c));
    expect(vmspec(["lint", dir, "-f", "json", "--cache", "--cache-location", cache]).stdout).toContain("planted in the cache");
    // ...but not under other settings, nor once the file changes.
    expect(
      vmspec(["lint", dir, "-f", "json", "--cache", "--cache-location", cache, "--rule", "runs-as-root=warning"]).stdout,
    ).not.toContain("planted in the cache");
    writeFileSync(withFinding, readFileSync(withFinding, "utf8") + "\n# edited\n");
    const after = vmspec(["lint", dir, "-f", "json", "--cache", "--cache-location", cache]);
    expect(after.stdout).not.toContain("planted in the cache");
    expect(after.stdout).toBe(vmspec(["lint", dir, "-f", "json"]).stdout);
  });

  it("is not written again when nothing changed, also when worker threads linted the files", async () => {
    const dir = fleet(40);
    // Past the racy window: otherwise a slow first run records no stamps and the second one does.
    await new Promise((r) => setTimeout(r, 2100));
    const cache = join(dir, "..", "lint.cache");
    for (const threads of ["off", "3"]) {
      vmspec(["lint", dir, "--cache", "--cache-location", cache, "--concurrency", threads]);
      const before = statSync(cache).mtimeMs;
      vmspec(["lint", dir, "--cache", "--cache-location", cache, "--concurrency", threads]);
      expect(statSync(cache).mtimeMs).toBe(before);
      writeFileSync(cache, "{}"); // start the next round from an empty cache
    }
  });

  it("trusts a file's recorded stamp, but never one whose content changed behind an old modification time", async () => {
    const dir = fleet(20);
    const cache = join(dir, "..", "lint.cache");
    // Whole-second modification times, so that putting one back below restores it exactly.
    const T = 1_700_000_000;
    for (const f of readdirSync(dir)) utimesSync(join(dir, f), T, T);
    await new Promise((r) => setTimeout(r, 2100)); // past the racy window: stamps get recorded
    const plain = vmspec(["lint", dir, "-f", "json"]).stdout;
    expect(vmspec(["lint", dir, "-f", "json", "--cache", "--cache-location", cache]).stdout).toBe(plain);
    const c = JSON.parse(readFileSync(cache, "utf8"));
    const file = Object.keys(c.entries).find((k) => c.entries[k][2] !== 0)!;
    expect(c.entries[file][3]).toMatch(/^\d+:\d+(\.\d+)?:\d+(\.\d+)?:\d+:\d+$/);
    c.entries[file][2].findings[0].message = "planted in the cache";
    writeFileSync(cache, JSON.stringify(c));
    expect(vmspec(["lint", dir, "-f", "json", "--cache", "--cache-location", cache]).stdout).toContain("planted in the cache");
    // Same size, different content, modification time put back: the status-change time gives it away.
    const before = statSync(file);
    expect(before.mtimeMs).toBe(T * 1000);
    const text = readFileSync(file, "utf8");
    writeFileSync(
      file,
      text.replace(/name: (\S)/, (_m, ch: string) => `name: ${ch === "x" ? "y" : "x"}`),
    );
    expect(statSync(file).size).toBe(before.size);
    utimesSync(file, T, T);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(statSync(join(dir, "vm-00000.vmspec.yaml"), { bigint: true }).mtimeNs);
    await new Promise((r) => setTimeout(r, 2100)); // past the racy window again: only the stamp can tell
    const after = vmspec(["lint", dir, "-f", "json", "--cache", "--cache-location", cache]).stdout;
    expect(after).not.toContain("planted in the cache");
    expect(after).toBe(vmspec(["lint", dir, "-f", "json"]).stdout);
  }, 30000);

  it("treats an unreadable cache as empty and replaces it", () => {
    const dir = fleet(5);
    const cache = join(dir, "..", "broken.cache");
    writeFileSync(cache, "{ not json");
    const r = vmspec(["lint", dir, "--cache", "--cache-location", cache]);
    expect(r.code).toBe(vmspec(["lint", dir]).code);
    expect(JSON.parse(readFileSync(cache, "utf8")).format).toBe(6);
  });
});

describe("--concurrency", () => {
  it("gives the same output on several threads as on one, in input order", () => {
    const dir = fleet(120);
    const one = vmspec(["lint", dir, "-f", "json", "--concurrency", "off"]);
    const three = vmspec(["lint", dir, "-f", "json", "--concurrency", "3"]);
    expect(three.stdout).toBe(one.stdout);
    expect(three.code).toBe(one.code);
    expect(JSON.parse(one.stdout).files.length).toBe(120);
  });

  it("gives every format's output, and the cache, of a run on one thread when workers send results in chunks", () => {
    // Enough specs that each of two or three threads sends several chunks while it lints.
    const dir = fleet(3 * CHUNK);
    const out = join(dir, "..", "out");
    mkdirSync(out);
    const run = (tag: string, ...extra: string[]) => {
      const r = vmspec(["lint", dir, ...LINT_FORMATS.flatMap((f) => ["--format", `${f}=${join(out, `${tag}.${f}`)}`]), ...extra]);
      return { code: r.code, stderr: r.stderr, outputs: LINT_FORMATS.map((f) => readFileSync(join(out, `${tag}.${f}`), "utf8")) };
    };
    const one = run("off", "--concurrency", "off");
    expect(one.code).toBe(1);
    expect(JSON.parse(one.outputs[LINT_FORMATS.indexOf("json")]).files.length).toBe(3 * CHUNK);
    expect(run("two", "--concurrency", "2")).toEqual(one);
    expect(run("three", "--concurrency", "3")).toEqual(one);
    // With --cache: the cache the workers' results make is the one a run on one thread writes, and
    // a run from it (every result reused) prints the same again.
    const cache = (name: string) => ["--cache", "--cache-location", join(out, name)];
    // A file changed in the last 2 s gets no stamp in the cache (lint-cache.ts RACY_MS): on a fast
    // machine the runs above take less than that, so the two caches would differ by when each run
    // started. Wait until every spec is older than that, as files in a real repository are.
    const settled = Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).ctimeMs)) + 2100;
    while (Date.now() < settled) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, settled - Date.now());
    expect(run("cold-off", ...cache("off.cache"), "--concurrency", "off")).toEqual(one);
    expect(run("cold-two", ...cache("two.cache"), "--concurrency", "2")).toEqual(one);
    expect(readFileSync(join(out, "two.cache"), "utf8")).toBe(readFileSync(join(out, "off.cache"), "utf8"));
    expect(run("warm-two", ...cache("two.cache"), "--concurrency", "2")).toEqual(one);
  }, 120000);

  it("has a worker send its results in chunks while it lints, not in one message at the end", () => {
    const dir = fleet(2 * CHUNK + 40);
    const inputs = readdirSync(dir)
      .sort()
      .map((f): [InputKind, string] => ["spec", join(dir, f)]);
    const { port1, port2 } = new MessageChannel();
    runLintWorker({ inputs, options: {}, counter: new Int32Array(new SharedArrayBuffer(4)), port: port2 });
    const chunks: { results: [number, unknown][]; done?: boolean }[] = [];
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) chunks.push(m.message as (typeof chunks)[number]);
    port1.close();
    expect(chunks.map((c) => [c.results.length, c.done === true])).toEqual([
      [CHUNK, false],
      [CHUNK, false],
      [40, true],
    ]);
    // Every input once, in the order it was linted.
    expect(chunks.flatMap((c) => c.results.map(([i]) => i))).toEqual(inputs.map((_, i) => i));
  });

  it("takes a worker's last chunk also when the worker is gone before it was dispatched", async () => {
    // Workers that claim nothing and send their last (empty) chunk once the main thread has claimed
    // every batch, then end at once: their exit and their message race on the main thread.
    const dir = fleet(32);
    const inputs = readdirSync(dir)
      .sort()
      .map((f): [InputKind, string] => ["spec", join(dir, f)]);
    const script = join(dir, "..", "quick-worker.mjs");
    writeFileSync(
      script,
      [
        'import { workerData } from "node:worker_threads";',
        "const { counter, inputs, port } = workerData.vmspecLint;",
        "const nap = new Int32Array(new SharedArrayBuffer(4));",
        "while (Atomics.load(counter, 0) < inputs.length) Atomics.wait(nap, 0, 0, 1);",
        "port.postMessage({ results: [], done: true });",
      ].join("\n"),
    );
    for (let round = 0; round < 10; round++) {
      const run = await lintFilesParallel(inputs, {}, 4, script);
      expect(run.files.map((f) => f.file)).toEqual(inputs.map(([, f]) => f));
    }
  }, 120000);

  it("reports a file's suppression error as a run on one thread does", () => {
    // An unknown id in a suppression comment is a finding at the comment (suppression-unknown-rule),
    // as ESLint reports it, not an error that stops the run: the same on one thread and on two.
    const dir = fleet(80);
    writeFileSync(join(dir, "vm-00040.vmspec.yaml"), "name: x\n# vmspec-disable-line no-such-rule\n");
    const one = vmspec(["lint", dir, "--concurrency", "off"]);
    const two = vmspec(["lint", dir, "--concurrency", "2"]);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain("suppression-unknown-rule");
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
  });

  it("auto stays on one thread for small runs and leaves one CPU to V8's background work", () => {
    expect(threadsFor("auto", PARALLEL_THRESHOLD - 1, 16)).toBe(1);
    expect(threadsFor("auto", 10_000, 2)).toBe(1);
    expect(threadsFor("auto", 10_000, 4)).toBe(3);
    expect(threadsFor("auto", PARALLEL_THRESHOLD, 16)).toBe(2);
    expect(threadsFor("off", 10_000, 16)).toBe(1);
    expect(threadsFor(4, 3, 16)).toBe(3);
  });

  it("refuses a value that is not a thread count", () => {
    const r = vmspec(["lint", "examples", "--concurrency", "many"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected a number of threads, auto or off");
  });
});

describe("the launcher's code cache", () => {
  it("runs with a corrupt cache and writes a good one in its place", () => {
    // A copy of the installed command with a damaged cache beside its bundle.
    const pkg = scratch("launcher");
    for (const f of ["package.json", "cli/vmspec.cjs", "dist/vmspec.cjs", "spec/generated/validate-schema.cjs"]) {
      mkdirSync(join(pkg, f, ".."), { recursive: true });
      copyFileSync(join(ROOT, f), join(pkg, f));
    }
    writeFileSync(join(pkg, "dist/vmspec.cjs.cache"), "not a V8 code cache");
    const r = vmspec(["lint", join(ROOT, "examples/minimal-uefi.yaml")], { bin: join(pkg, "cli/vmspec.cjs") });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(statSync(join(pkg, "dist/vmspec.cjs.cache")).size).toBeGreaterThan(10000);
  });
});
