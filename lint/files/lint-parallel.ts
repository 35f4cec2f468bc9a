// `vmspec lint --concurrency`: the same run as lintFiles, spread over worker threads. Threads take
// small batches of inputs from a shared counter (so a slow file never leaves a thread idle); the
// results are put back in input order, so the output is the same as a run on one thread.
// A worker sends its results in chunks while it lints, and the main thread takes them in between
// its own batches: neither copying them nor reading the copies waits for the end of the run.
import { availableParallelism } from "node:os";
import type { MessagePort, Worker as WorkerType } from "node:worker_threads";
import type { InputKind } from "../lint.js";
import { UsageError } from "../../core/files.js";
import { ConfigError } from "../config.js";
import { collect, explicitConfig, lintRange, type InputResult, type LintRun, type LintRunOptions } from "./lint-files.js";

/** Below this many inputs a run stays on one thread: starting a worker costs more than it saves. */
export const PARALLEL_THRESHOLD = 2000;
const BATCH = 16;
/** A worker sends its results once it holds this many (a message costs little; a long wait costs the end of the run). */
export const CHUNK = 256;

export type Concurrency = number | "auto" | "off";

/**
 * How many threads a run of `count` inputs uses (including the main one). `auto` leaves one CPU to
 * V8's background compilation and garbage collection, which a single lint thread already keeps
 * busy: on 2 CPUs a second thread made 10,000 specs 10-20% slower (bench/results.md, rows 6b-6c).
 */
export function threadsFor(concurrency: Concurrency, count: number, cpus?: number): number {
  if (concurrency === "off") return 1;
  if (concurrency === "auto")
    return count < PARALLEL_THRESHOLD
      ? 1
      : Math.max(1, Math.min((cpus ?? availableParallelism()) - 1, Math.floor(count / (PARALLEL_THRESHOLD / 2))));
  return Math.max(1, Math.min(concurrency, count));
}

/** What a worker is started with (structured-cloned; the counter is shared, the port transferred). */
export interface WorkerJob {
  inputs: [InputKind, string][];
  options: Omit<LintRunOptions, "onProgress">;
  counter: Int32Array;
  /** Where a worker sends its chunks of results (a worker's job only). */
  port?: MessagePort;
}

/** An error that stopped a thread, with the start of the batch it stopped in (cloned across threads). */
interface ThreadError {
  index: number;
  kind: "usage" | "config" | "internal";
  message: string;
}

/** A chunk of a worker's results; its last one is `done` (and holds the error that stopped it, if any). */
interface Drained {
  results: [number, InputResult][];
  error?: ThreadError;
  done?: boolean;
}

/**
 * Lints batches claimed from the shared counter until none are left, or until an input fails.
 * The run then reports the failure of the earliest input, as a run on one thread would.
 * `between` runs after each batch (the main thread takes the workers' chunks there; a worker
 * sends one when it holds enough).
 */
function drain(job: WorkerJob, between: (results: [number, InputResult][]) => void): Drained {
  const results: [number, InputResult][] = [];
  // A failure is placed at its batch's start: batches do not overlap and a batch stops at its
  // first failure, so the earliest one is the failure a run on one thread reports.
  let batch = -1;
  try {
    const explicit = explicitConfig(job.options);
    for (;;) {
      const start = Atomics.add(job.counter, 0, BATCH);
      if (start >= job.inputs.length) return { results };
      const end = Math.min(start + BATCH, job.inputs.length);
      batch = start;
      lintRange(job.inputs, start, end, job.options, explicit).forEach((r, k) => results.push([start + k, r]));
      between(results);
    }
  } catch (e) {
    const kind = e instanceof UsageError ? "usage" : e instanceof ConfigError ? "config" : "internal";
    return { results, error: { index: batch, kind, message: (e as Error).message } };
  }
}

/** The worker side: called by the CLI's entry point when it starts as a lint worker. */
export function runLintWorker(job: WorkerJob): void {
  const port = job.port!;
  const last = drain(job, (results) => {
    if (results.length >= CHUNK) port.postMessage({ results: results.splice(0) } satisfies Drained);
  });
  port.postMessage({ ...last, done: true } satisfies Drained);
}

/** Set in a lint worker's environment: tells the entry point what it is without loading worker_threads. */
export const WORKER_ENV = "VMSPEC_LINT_WORKER";

/**
 * Lints the inputs on `threads` threads: this one and threads - 1 workers started from `script`
 * (a module that calls runLintWorker when given a WorkerJob as `workerData.vmspecLint`).
 */
export async function lintFilesParallel(
  inputs: [InputKind, string][],
  o: LintRunOptions,
  threads: number,
  script: string,
): Promise<LintRun> {
  const { onProgress: _ignored, ...options } = o;
  const job: WorkerJob = { inputs, options, counter: new Int32Array(new SharedArrayBuffer(4)) };
  // worker_threads is loaded only by runs that use it (it costs every start a few milliseconds).
  const { Worker, MessageChannel, receiveMessageOnPort } = process.getBuiltinModule("node:worker_threads");
  const env = { ...process.env, [WORKER_ENV]: "1" };
  const chunks: Drained[] = [];
  const started = Array.from({ length: threads - 1 }, () => {
    const { port1, port2 } = new MessageChannel();
    const worker: WorkerType = new Worker(script, {
      workerData: { vmspecLint: { ...job, port: port2 } },
      transferList: [port2],
      argv: [],
      env,
      stdout: false,
      stderr: false,
    });
    return { worker, port: port1, done: false };
  });
  const receive = (t: (typeof started)[number], chunk: Drained): void => {
    chunks.push(chunk);
    t.done = chunk.done === true;
  };
  // Takes the chunks that have arrived, without waiting (between the main thread's own batches).
  const take = (): void => {
    for (const t of started)
      for (let m = t.done ? undefined : receiveMessageOnPort(t.port); m; m = t.done ? undefined : receiveMessageOnPort(t.port))
        receive(t, m.message as Drained);
  };
  chunks.push(drain(job, take));
  take();
  // Then waits for the rest.
  await Promise.all(
    started.map(
      (t) =>
        new Promise<void>((resolve, reject) => {
          const settle = (): void => {
            t.port.close();
            void t.worker.terminate();
            resolve();
          };
          if (t.done) return settle();
          t.port.on("message", (chunk: Drained) => {
            receive(t, chunk);
            if (t.done) settle();
          });
          t.worker.once("error", reject);
          // A worker can be gone before its last chunks were dispatched here: they wait in the port.
          t.worker.once("exit", (code) => {
            take();
            if (t.done) settle();
            else reject(new Error(`a lint worker stopped (exit code ${code}) before it finished`));
          });
        }),
    ),
  );
  const failed = chunks.flatMap((d) => (d.error ? [d.error] : [])).sort((a, b) => a.index - b.index)[0];
  if (failed)
    throw failed.kind === "usage"
      ? new UsageError(failed.message)
      : failed.kind === "config"
        ? new ConfigError(failed.message)
        : new Error(failed.message);
  return collect(
    chunks
      .flatMap((d) => d.results)
      .sort((a, b) => a[0] - b[0])
      .map(([, r]) => r),
    o,
  );
}
