// npm run bench:ab -- <commit> <commit> ...: the ratios of bench/bench.ts's rows 1, 2, 3, 3f, 3g and
// 5a for several commits, measured on this machine in the same rounds, on the same spec fleet
// (made by this checkout's bench/generate.ts) against the same baselines (`node -e 0`, ajv-cli with
// this checkout's schema, bench/floor.mjs). Each commit is built in a throw-away `git worktree`
// under $TMPDIR/vmspec-ab/ (node_modules copied when its package-lock.json is this checkout's,
// else `npm ci`), kept there for the next run. "." names this checkout as it is (its dist/).
// Every round runs every command once, commits in a rotated order; the figures are medians of wall
// time and of user+sys CPU time (bash's `times`, ms), the latter less sensitive to other load.
// A script, not a test: nothing here asserts a time. See docs/performance.md ("Session 7").
import { spawnSync } from "node:child_process";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanSpec, generateTree } from "./generate.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const USAGE = `usage: npm run bench:ab -- [--runs N] [--big-runs N] [--no-clean-fleet] [--out file.md] <commit|.>[,arg...] <commit|.>[,arg...] ...
  words after a comma are added to that entry's vmspec commands, e.g. d57b2d5,--rule,gic-cpu-limit=off
  (one commit may then be measured twice, with and without them)
  AB_RUNS / AB_BIG_RUNS set the rounds too (default 9, and 3 rounds with the 10,000-spec runs)`;

const argv = process.argv.slice(2);
let runs = Number(process.env.AB_RUNS ?? 9);
let bigRuns = Number(process.env.AB_BIG_RUNS ?? 3);
let cleanFleet = true;
let out: string | undefined;
const refs: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--runs") runs = Number(argv[++i]);
  else if (a === "--big-runs") bigRuns = Number(argv[++i]);
  else if (a === "--no-clean-fleet") cleanFleet = false;
  else if (a === "--out") out = argv[++i];
  else if (a === "-h" || a === "--help") {
    process.stdout.write(USAGE + "\n");
    process.exit(0);
  } else if (a.startsWith("-")) fail(`unknown option ${a}\n${USAGE}`);
  else refs.push(a);
}
if (!refs.length || !(runs >= 1) || !(bigRuns >= 0)) fail(USAGE);
bigRuns = Math.min(bigRuns, runs);

function fail(message: string): never {
  process.stderr.write(`bench:ab: ${message}\n`);
  process.exit(2);
}

function sh(cmd: string, args: string[], cwd = ROOT): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} (in ${cwd}) failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return r.stdout;
}

const uptime = () => sh("uptime", []).trim();
const uptimeAtStart = uptime();

// ---- the commits, each built in its own worktree ----
type Commit = { ref: string; sha: string; label: string; dir: string; subject: string; date: string; extra: string[] };
function prepare(entry: string): Commit {
  // "<ref>,<arg>,<arg>...": the args go on every vmspec command of this entry (its label says so).
  const [ref, ...extra] = entry.split(",");
  const c = prepareRef(ref);
  return extra.length ? { ...c, extra, label: `${c.label} + ${extra.join(" ")}` } : c;
}
function prepareRef(ref: string): Commit {
  if (ref === ".") {
    if (!existsSync(join(ROOT, "dist/vmspec.cjs"))) fail("this checkout is not built: npm run build");
    const dirty = sh("git", ["status", "--porcelain", "--untracked-files=no"]).trim() ? " + uncommitted changes" : "";
    return {
      ref,
      sha: sh("git", ["rev-parse", "HEAD"]).trim(),
      label: `. (${sh("git", ["rev-parse", "--short", "HEAD"]).trim()}${dirty})`,
      dir: ROOT,
      subject: "this checkout",
      date: "",
      extra: [],
    };
  }
  const sha = sh("git", ["rev-parse", "--verify", `${ref}^{commit}`]).trim();
  const short = sh("git", ["rev-parse", "--short", sha]).trim();
  const [date, subject] = sh("git", ["log", "-1", "--format=%cs%x00%s", sha]).split("\0");
  const dir = join(tmpdir(), "vmspec-ab", short);
  const built = join(dir, "dist/vmspec.cjs");
  if (existsSync(dir) && sh("git", ["rev-parse", "HEAD"], dir).trim() === sha && existsSync(built)) {
    process.stderr.write(`${short}: reusing ${dir}\n`);
  } else {
    if (existsSync(dir)) sh("git", ["worktree", "remove", "--force", dir]);
    mkdirSync(join(tmpdir(), "vmspec-ab"), { recursive: true });
    process.stderr.write(`${short}: git worktree add ${dir}\n`);
    sh("git", ["worktree", "add", "--detach", dir, sha]);
    const sameLock = readFileSync(join(dir, "package-lock.json"), "utf8") === readFileSync(join(ROOT, "package-lock.json"), "utf8");
    if (sameLock && existsSync(join(ROOT, "node_modules"))) {
      process.stderr.write(`${short}: package-lock.json as here: copying node_modules\n`);
      sh("cp", ["-a", join(ROOT, "node_modules"), join(dir, "node_modules")]);
    } else {
      process.stderr.write(`${short}: npm ci\n`);
      sh("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], dir);
    }
    process.stderr.write(`${short}: npm run build\n`);
    sh("npm", ["run", "build"], dir);
  }
  return { ref, sha, label: short, dir, subject: subject.trim(), date, extra: [] };
}
const commits = refs.map(prepare);

// ---- the fleets and the example, the same files for every commit ----
const work = mkdtempSync(join(tmpdir(), "vmspec-ab-work-"));
type Fleet = { key: string; name: string; k1: string; k10: string };
const fleets: Fleet[] = [
  { key: "", name: "bench/generate.ts fleet (5% with findings)", k1: join(work, "mixed-1000"), k10: join(work, "mixed-10000") },
];
generateTree(fleets[0].k1, 1000);
generateTree(fleets[0].k10, 10000);
if (cleanFleet) {
  fleets.push({ key: "c", name: "clean fleet (cleanSpec only)", k1: join(work, "clean-1000"), k10: join(work, "clean-10000") });
  generateTree(fleets[1].k1, 1000, cleanSpec);
  generateTree(fleets[1].k10, 10000, cleanSpec);
}
const example = join(work, "minimal-uefi.yaml");
copyFileSync(join(ROOT, "examples/minimal-uefi.yaml"), example);

// ---- what each commit says about the fleets (does it read every spec as main does?) ----
type Findings = { total: number; files: number; byId: Map<string, number> };
function findingsOf(c: Commit, dir: string): Findings {
  const r = spawnSync(join(c.dir, "cli/vmspec.cjs"), ["lint", dir, "--format", "json", ...c.extra], {
    cwd: work,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) fail(`${c.label}: vmspec lint ${dir} exited ${r.status}: ${r.stderr}`);
  const parsed = JSON.parse(r.stdout) as { files: { findings: { ruleId: string }[] }[] } | { findings: { ruleId: string }[] }[];
  const files = Array.isArray(parsed) ? parsed : parsed.files;
  const byId = new Map<string, number>();
  let total = 0;
  let withFindings = 0;
  for (const f of files) {
    if (f.findings.length) withFindings++;
    for (const x of f.findings) {
      total++;
      byId.set(x.ruleId, (byId.get(x.ruleId) ?? 0) + 1);
    }
  }
  return { total, files: withFindings, byId };
}
const findings = commits.map((c) => fleets.map((f) => findingsOf(c, f.k1)));

// ---- the jobs ----
type Job = { id: string; args: string[] };
const extraCa = process.env.NODE_EXTRA_CA_CERTS;
const bare = (args: string[]) => ["env", "-u", "NODE_EXTRA_CA_CERTS", ...args];
const node = process.execPath;
const ajv = (dir: string) => [
  join(ROOT, "node_modules/.bin/ajv"),
  "validate",
  "--strict=false",
  "-s",
  join(ROOT, "spec/vmspec.schema.json"),
  "-d",
  `${dir}/*.yaml`,
];
const floor = (dir: string) => [node, join(ROOT, "bench/floor.mjs"), dir];
function baselineJobs(): Job[] {
  const jobs: Job[] = [{ id: "node", args: [node, "-e", "0"] }];
  if (extraCa) jobs.push({ id: "node-u", args: bare([node, "-e", "0"]) });
  for (const f of fleets) jobs.push({ id: `ajv-1k${f.key}`, args: ajv(f.k1) }, { id: `floor-1k${f.key}`, args: floor(f.k1) });
  return jobs;
}
function commitJobs(c: Commit, big: boolean): Job[] {
  const bin = join(c.dir, "cli/vmspec.cjs");
  const jobs: Job[] = [
    { id: "lint-ex", args: [bin, "lint", example, ...c.extra] },
    { id: "build-ex", args: [bin, "build", example, ...c.extra] },
  ];
  if (extraCa)
    jobs.push(
      { id: "lint-ex-u", args: bare([bin, "lint", example, ...c.extra]) },
      { id: "build-ex-u", args: bare([bin, "build", example, ...c.extra]) },
    );
  for (const f of fleets) {
    jobs.push({ id: `lint-1k${f.key}`, args: [bin, "lint", f.k1, ...c.extra] });
    if (big) jobs.push({ id: `lint-10k${f.key}`, args: [bin, "lint", f.k10, ...c.extra] });
  }
  return jobs.map((j) => ({ ...j, id: `${c.label}:${j.id}` }));
}

// One run: wall time from bash's $EPOCHREALTIME around the command, CPU from `times` (children).
const TIMED = 's=$EPOCHREALTIME; "$@" >/dev/null; rc=$?; e=$EPOCHREALTIME; echo "$s $e $rc"; times';
type Sample = { wall: number; cpu: number };
const toMs = (t: string) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
};
function runJob(job: Job): Sample {
  const r = spawnSync("bash", ["-c", TIMED, "bash", ...job.args], { cwd: work, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const lines = r.stdout.trim().split("\n");
  const [s, e, rc] = lines[0].split(" ");
  const [user, sys] = lines[2].trim().split(/\s+/).map(toMs);
  // vmspec exits 0 or 1 (findings); ajv-cli exits 1 for the fleet's invalid specs and 2 for the one with a YAML error.
  if (!job.id.startsWith("ajv") && rc !== "0" && rc !== "1") fail(`${job.id}: ${job.args.join(" ")} exited ${rc}: ${r.stderr}`);
  return { wall: (Number(e) - Number(s)) * 1000, cpu: user + sys };
}

const samples = new Map<string, Sample[]>();
function round(i: number, record: boolean) {
  const big = i < bigRuns;
  // Rotate the commits (and the baselines among them) by round, so that none always runs first.
  const groups: Job[][] = [baselineJobs(), ...commits.map((c) => commitJobs(c, big))];
  const shift = i % groups.length;
  const order = [...groups.slice(shift), ...groups.slice(0, shift)];
  for (const job of order.flat()) {
    const s = runJob(job);
    if (record) samples.set(job.id, [...(samples.get(job.id) ?? []), s]);
  }
}
process.stderr.write(`warm-up round (fills each build's V8 code cache)\n`);
{
  const saved = bigRuns;
  bigRuns = saved > 0 ? 1 : 0;
  round(0, false);
  bigRuns = saved;
}
for (let i = 0; i < runs; i++) {
  process.stderr.write(`round ${i + 1}/${runs}${i < bigRuns ? " (with 10,000 specs)" : ""}\n`);
  round(i, true);
}
const uptimeAtEnd = uptime();

// ---- figures ----
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quartiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  // Linear interpolation between the closest ranks (with 3 rounds: halfway to the min and max).
  const at = (q: number) => {
    const p = q * (s.length - 1);
    const lo = Math.floor(p);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (p - lo);
  };
  return [at(0.25), at(0.75)];
};
const med = (id: string, k: keyof Sample) => median((samples.get(id) ?? []).map((s) => s[k]));
/** The ratio of medians, and the quartiles of the per-round ratios (how noisy it was). */
function ratio(a: string, b: string, k: keyof Sample) {
  const sa = samples.get(a) ?? [];
  const sb = samples.get(b) ?? [];
  const perRound = sa.map((x, i) => x[k] / sb[i][k]);
  return { r: med(a, k) / med(b, k), q: quartiles(perRound), n: sa.length };
}

type RowDef = { row: string; what: string; a: (c: string) => string; b: (c: string) => string };
const rowDefs: RowDef[] = [
  { row: "1", what: "`lint <example>` / `node -e 0`", a: (c) => `${c}:lint-ex`, b: () => "node" },
  { row: "2", what: "`build <example>` / `node -e 0`", a: (c) => `${c}:build-ex`, b: () => "node" },
];
if (extraCa)
  rowDefs.push(
    { row: "1u", what: "row 1 without NODE_EXTRA_CA_CERTS", a: (c) => `${c}:lint-ex-u`, b: () => "node-u" },
    { row: "2u", what: "row 2 without NODE_EXTRA_CA_CERTS", a: (c) => `${c}:build-ex-u`, b: () => "node-u" },
  );
for (const f of fleets) {
  const tag = f.key ? " (clean fleet)" : "";
  rowDefs.push(
    {
      row: `3${f.key}`,
      what: `\`lint\` 1,000 specs / \`ajv validate\`${tag}`,
      a: (c) => `${c}:lint-1k${f.key}`,
      b: () => `ajv-1k${f.key}`,
    },
    { row: `3g${f.key}`, what: `\`lint\` 1,000 specs / floor${tag}`, a: (c) => `${c}:lint-1k${f.key}`, b: () => `floor-1k${f.key}` },
  );
  if (bigRuns > 0)
    rowDefs.push({
      row: `5a${f.key}`,
      what: `\`lint\` 10,000 / 1,000 specs${tag}`,
      a: (c) => `${c}:lint-10k${f.key}`,
      b: (c) => `${c}:lint-1k${f.key}`,
    });
}
// 5a's 1,000-spec side: the rounds that also ran 10,000 specs, so both sides share their rounds.
function ratioFor(d: RowDef, c: string, k: keyof Sample) {
  const a = d.a(c);
  const b = d.b(c);
  if (!d.row.startsWith("5a")) return ratio(a, b, k);
  const saved = samples.get(b) ?? [];
  samples.set(`${b}#big`, saved.slice(0, bigRuns));
  return ratio(a, `${b}#big`, k);
}
const x = (v: number) => `${v.toFixed(2)}×`;
const cell = (d: RowDef, c: string, k: keyof Sample) => {
  const r = ratioFor(d, c, k);
  return `${x(r.r)} <sub>${r.q.map((v) => v.toFixed(2)).join("–")}</sub>`;
};

const L: string[] = [];
L.push(
  `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`npm run bench:ab -- ${refs.join(" ")}\` on ${cpus().length} × ${cpus()[0]?.model ?? "cpu"} (${availableParallelism()} cores available), Node ${process.version}; ${runs} rounds (${bigRuns} with the 10,000-spec runs) after a warm-up round, each running every command once, the commits in a rotated order. \`uptime\` at the start: \`${uptimeAtStart}\`; at the end: \`${uptimeAtEnd}\`. ${extraCa ? `NODE_EXTRA_CA_CERTS was set (${extraCa}); rows 1u and 2u unset it on both sides.` : "NODE_EXTRA_CA_CERTS was not set."}`,
  "",
  "| commit | date | what |",
  "|---|---|---|",
  ...commits.map(
    (c) => `| ${c.label} | ${c.date} | ${c.subject.replace(/\|/g, "\\|").slice(0, 110)}${c.subject.length > 110 ? "…" : ""} |`,
  ),
  "",
);
for (const [k, title] of [
  ["wall", "Ratios of median wall times"],
  ["cpu", "Ratios of median user+sys CPU times"],
] as const) {
  L.push(`${title} (small print: the quartiles of the per-round ratios):`, "");
  L.push(`| row | ${commits.map((c) => c.label).join(" | ")} |`, `|---|${commits.map(() => "---:").join("|")}|`);
  for (const d of rowDefs) L.push(`| ${d.row}. ${d.what} | ${commits.map((c) => cell(d, c.label, k)).join(" | ")} |`);
  for (const f of fleets)
    L.push(
      `| 3f${f.key}. floor / \`ajv validate\`${f.key ? " (clean fleet)" : ""} (no vmspec) | ${commits.map(() => x(med(`floor-1k${f.key}`, k) / med(`ajv-1k${f.key}`, k))).join(" | ")} |`,
    );
  L.push("");
}
L.push(
  "Medians in ms, wall / CPU:",
  "",
  `| command | ${commits.map((c) => c.label).join(" | ")} |`,
  `|---|${commits.map(() => "---:").join("|")}|`,
);
const ms = (id: string) => (samples.has(id) ? `${med(id, "wall").toFixed(0)} / ${med(id, "cpu").toFixed(0)}` : "");
for (const j of commitJobs(commits[0], bigRuns > 0)) {
  const id = j.id.slice(commits[0].label.length + 1);
  L.push(`| vmspec ${id} | ${commits.map((c) => ms(`${c.label}:${id}`)).join(" | ")} |`);
}
for (const j of baselineJobs())
  L.push(
    `| baseline ${j.id} | ${ms(j.id)} |${commits
      .slice(1)
      .map(() => "")
      .join(" |")}`,
  );
L.push("");
if (commits.length > 1) {
  // The most direct comparison: each commit's CPU time over the previous commit's, round by round.
  L.push("User+sys CPU time of each commit over the commit before it in the list, per round: median and quartiles:", "");
  L.push(
    `| command | ${commits
      .slice(1)
      .map((c, i) => `${c.label} / ${commits[i].label}`)
      .join(" | ")} |`,
    `|---|${commits
      .slice(1)
      .map(() => "---:")
      .join("|")}|`,
  );
  for (const j of commitJobs(commits[0], bigRuns > 0)) {
    const id = j.id.slice(commits[0].label.length + 1);
    const cells = commits.slice(1).map((c, i) => {
      const a = samples.get(`${c.label}:${id}`) ?? [];
      const b = samples.get(`${commits[i].label}:${id}`) ?? [];
      const r = a.map((s, k) => s.cpu / b[k].cpu);
      return `${median(r).toFixed(3)} <sub>${quartiles(r)
        .map((v) => v.toFixed(3))
        .join("–")}</sub>`;
    });
    L.push(`| vmspec ${id} | ${cells.join(" | ")} |`);
  }
  L.push("");
}
L.push(
  "Findings on the 1,000-spec fleets (`vmspec lint --format json`): total, files with findings, and the ids whose counts differ from the last commit:",
  "",
);
const last = findings.length - 1;
for (const [fi, f] of fleets.entries()) {
  for (const [ci, c] of commits.entries()) {
    const mine = findings[ci][fi];
    const ref = findings[last][fi];
    const ids = new Set([...mine.byId.keys(), ...ref.byId.keys()]);
    const diff = [...ids]
      .filter((id) => (mine.byId.get(id) ?? 0) !== (ref.byId.get(id) ?? 0))
      .map((id) => `${id} ${mine.byId.get(id) ?? 0} (${ref.byId.get(id) ?? 0})`);
    L.push(
      `- ${f.name}, ${c.label}: ${mine.total} findings in ${mine.files} files${ci === last ? "" : diff.length ? `; differs: ${diff.join(", ")}` : "; same ids and counts"}`,
    );
  }
}
L.push("");
const text = L.join("\n");
process.stdout.write(text + "\n");
if (out) writeFileSync(out, text + "\n");
writeFileSync(
  out ? `${out}.samples.json` : join(tmpdir(), "vmspec-ab", "last-samples.json"),
  JSON.stringify(Object.fromEntries(samples), null, 1),
);
rmSync(work, { recursive: true, force: true });
process.stderr.write(`worktrees kept for the next run under ${join(tmpdir(), "vmspec-ab")}; remove with \`git worktree remove <dir>\`\n`);
