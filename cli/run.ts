// The CLI's entry point: bundled into dist/vmspec.cjs (run by cli/vmspec.cjs), or run directly.
// The same script is the lint worker of `--concurrency`, so a worker starts from the code cache too.
import { main, quietOnClosedPipe } from "./main.js";
import { runLintWorker, WORKER_ENV } from "../lint/files/lint-parallel.js";

/** The commands to run: the command line's, or at build time (cli/bundle.mjs) several in one process, so that the code cache written at its exit holds the functions of each. */
async function runCommands(): Promise<void> {
  quietOnClosedPipe();
  const runs = process.env.VMSPEC_WARMUP ? (JSON.parse(process.env.VMSPEC_WARMUP) as string[][]) : [process.argv.slice(2)];
  for (const args of runs) await main(args);
}

// The variable only says "maybe a worker" (cheaply); worker_threads confirms it.
const threads = process.env[WORKER_ENV] === "1" ? process.getBuiltinModule("node:worker_threads") : undefined;
const job = (threads?.workerData as { vmspecLint?: Parameters<typeof runLintWorker>[0] } | undefined)?.vmspecLint;
if (threads && !threads.isMainThread && job) runLintWorker(job);
else void runCommands();
