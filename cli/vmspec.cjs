#!/usr/bin/env -S node --v8-pool-size=1
// The installed command. It runs dist/vmspec.cjs, the whole CLI bundled into one script at build
// time, through V8's code cache (dist/vmspec.cjs.cache) so that nothing is parsed or compiled twice
// across runs. A cache V8 rejects (another Node version) is rewritten after the run when the folder
// is writable; otherwise the command just runs without one.
// The first line gives V8 one background thread instead of four (Node cannot change it once
// started): on a machine with few cores its compiler threads otherwise compete with the main
// thread (1,000 specs 0.89x on 2 cores, the same on one file and on one core; docs/performance.md).
// It keeps the code cache valid (V8 does not count it among the flags a cache depends on). npm's
// Windows shims and env -S (coreutils 8.30, BSD) read the option; `node cli/vmspec.cjs` runs without it.
"use strict";
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { Script } = require("node:vm");
const Module = require("node:module");

const bundle = join(__dirname, "..", "dist", "vmspec.cjs");
const cacheFile = `${bundle}.cache`;
let source;
try {
  // The bundle is ASCII (charset: "ascii" in cli/bundle.mjs): latin1 reads it without UTF-8 decoding.
  source = readFileSync(bundle, "latin1");
} catch {
  process.stderr.write("vmspec: not built yet: run `npm run build` in the vmspec folder\n");
  process.exit(2);
}
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache yet
}
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
// Lint workers (--concurrency) run this file too; only the main thread writes the cache.
if (process.env.VMSPEC_LINT_WORKER !== "1" && (process.env.VMSPEC_WRITE_CODE_CACHE === "1" || !cachedData || script.cachedDataRejected)) {
  // Written at exit, so the cache holds every function this run compiled.
  process.once("exit", () => {
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // a read-only install: run without a cache
    }
  });
}
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, Module.createRequire(bundle), module_, bundle, join(__dirname, "..", "dist"));
