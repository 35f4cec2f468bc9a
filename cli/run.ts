// The CLI's entry point: bundled into dist/vmspec.cjs (run by cli/vmspec.cjs), or run directly.
// The same script is the lint worker of `--concurrency`, so a worker starts from the code cache too.
import { isMainThread, workerData } from "node:worker_threads";
import { main } from "./main.js";
import { runLintWorker } from "../rules/lint-parallel.js";

if (!isMainThread && workerData?.vmspecLint) runLintWorker(workerData.vmspecLint);
else void main(process.argv.slice(2));
