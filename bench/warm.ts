// The warm figures of `npm run bench` (issue 18): a keystroke-sized change of an example re-linted
// by the real `vmspec lint --watch` (a client process changes the file and times the report), and
// 1,000 specs linted again by a warm linter (lint/files/linter.ts, the watch's engine) in one process.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Spread {
  median: number;
  p95: number;
  n: number;
}

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)], n: s.length };
}

/**
 * Starts `vmspec lint <copy of example> --watch --format json`, then `changes` times rewrites one
 * value of the copy (a keystroke: `count: 2` ↔ `count: 3`) and waits for the watch's report. Returns
 * the watch's own re-lint time (its status line: from the change being taken up to the report
 * written) and the client's time from its write to the status line (which adds the watch's settle
 * time for editors' multi-step saves, and both processes' wake-ups).
 */
export async function keystrokes(bin: string, example: string, changes: number): Promise<{ relint: Spread; roundTrip: Spread }> {
  const dir = mkdtempSync(join(tmpdir(), "vmspec-watch-bench-"));
  const file = join(dir, "vm.vmspec.yaml");
  copyFileSync(example, file);
  const text = readFileSync(file, "utf8");
  if (!text.includes("count: 2")) throw new Error(`${example} has no "count: 2" to change`);
  const child = spawn(bin, ["lint", file, "--watch", "--format", "json"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  let waiting: ((line: string) => void) | undefined;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d: string) => {
    err += d;
    let nl;
    while ((nl = err.indexOf("\n")) >= 0) {
      const line = err.slice(0, nl);
      err = err.slice(nl + 1);
      if (line.startsWith("vmspec: linted ")) waiting?.(line);
    }
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("the watch printed no report in 30 s")), 30000);
      waiting = (line) => {
        clearTimeout(t);
        waiting = undefined;
        resolve(line);
      };
    });
  const relint: number[] = [];
  const roundTrip: number[] = [];
  try {
    await next();
    for (let i = 0; i < changes; i++) {
      const report = next();
      const t = performance.now();
      writeFileSync(file, i % 2 === 0 ? text.replace("count: 2", "count: 3") : text);
      const line = await report;
      roundTrip.push(performance.now() - t);
      relint.push(Number(/ in ([\d.]+) ms/.exec(line)![1]));
      // A pause between keystrokes, as a person makes.
      await new Promise((r) => setTimeout(r, 30));
    }
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  return { relint: spread(relint), roundTrip: spread(roundTrip) };
}

/** Child script: a warm linter lints `dir` once, then again `runs` times; prints each warm run's time (ms). */
export function warmRelintScript(root: string, dir: string, runs: number): string {
  return `
import { readdirSync } from "node:fs";
import { join } from "node:path";
const { createLinter } = await import(${JSON.stringify(join(root, "dist/lint/files/linter.js"))});
const inputs = readdirSync(${JSON.stringify(dir)}).sort().map((f) => ["spec", join(${JSON.stringify(dir)}, f)]);
const linter = createLinter();
linter.lint(inputs);
const times = [];
for (let i = 0; i < ${runs}; i++) {
  const t = performance.now();
  linter.lint(inputs); // every input linted again
  times.push(performance.now() - t);
}
process.stdout.write(JSON.stringify(times));
`;
}
