// npm run bench: speed figures measured in one run on this machine, each against a baseline run
// alternately in the same loop, reported as medians and ratios (and written to bench/results.md).
import { spawnSync } from "node:child_process";
import { cpus, tmpdir } from "node:os";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTree } from "./generate.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = join(ROOT, "cli/vmspec.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function time(cmd: string, args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs A and B alternately; returns their medians and the ratio A/B. */
function compare(a: [string, string[]], b: [string, string[]]) {
  const ta: number[] = [];
  const tb: number[] = [];
  time(...a);
  time(...b); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    ta.push(time(...a));
    tb.push(time(...b));
  }
  return { a: median(ta), b: median(tb), ratio: median(ta) / median(tb) };
}

const specs = mkdtempSync(join(tmpdir(), "vmspec-bench-"));
generateTree(specs, 1000);

const rows: [string, ReturnType<typeof compare>][] = [
  ["cold `vmspec lint <example>` vs `node -e 0`", compare([process.execPath, [BIN, "lint", "examples/minimal-uefi.yaml"]], [process.execPath, ["-e", "0"]])],
  ["cold `vmspec build <example>` vs `node -e 0`", compare([process.execPath, [BIN, "build", "examples/minimal-uefi.yaml"]], [process.execPath, ["-e", "0"]])],
  ["`vmspec lint` of 1,000 generated specs vs reading + `yaml` parsing them", compare([process.execPath, [BIN, "lint", specs]], [process.execPath, [join(ROOT, "bench/floor.mjs"), specs]])],
];

const lines = [
  "# Benchmark results",
  "",
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, median of ${RUNS} alternating runs.`,
  "",
  "| measurement | vmspec (ms) | baseline (ms) | ratio |",
  "|---|---:|---:|---:|",
  ...rows.map(([what, r]) => `| ${what} | ${r.a.toFixed(0)} | ${r.b.toFixed(0)} | ${r.ratio.toFixed(2)}× |`),
  "",
];
process.stdout.write(lines.join("\n"));
writeFileSync(join(ROOT, "bench/results.md"), lines.join("\n"));
