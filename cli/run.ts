// The CLI's entry point: bundled into dist/vmspec.cjs (run by cli/vmspec.cjs), or run directly.
// The same script is the lint worker of `--concurrency`, so a worker starts from the code cache too.
import { main } from "./main.js";
import { runLintWorker, WORKER_ENV } from "../rules/lint-parallel.js";

// The variable only says "maybe a worker" (cheaply); worker_threads confirms it.
const threads = process.env[WORKER_ENV] === "1" ? process.getBuiltinModule("node:worker_threads") : undefined;
if (threads && !threads.isMainThread && threads.workerData?.vmspecLint) runLintWorker(threads.workerData.vmspecLint);
else if (process.env.VMSPEC_WARMUP) {
  // Build time only (cli/bundle.mjs): several commands in one process, so that the code cache
  // written at its exit holds the functions of each.
  const runs = JSON.parse(process.env.VMSPEC_WARMUP) as string[][];
  void (async () => {
    for (const args of runs) await main(args);
  })();
} else void main(process.argv.slice(2));
