// Every output format, checked against its real consumer's schema or syntax: SARIF against the
// official SARIF 2.1.0 JSON Schema, JUnit and Checkstyle XML with the real xmllint, GitHub
// workflow commands by their syntax, GitLab Code Quality by its fields. Plus colours, several
// outputs in one run, and the exit-code switches.
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv4Module from "ajv-draft-04";
import { BIN, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const require = createRequire(import.meta.url);
// The CommonJS module is its own default export; under NodeNext its typings say otherwise.
const Ajv4 = Ajv4Module as unknown as typeof Ajv4Module.default;

/** A folder with one clean spec and one with an error, a warning and an info finding. */
function fixtures() {
  const dir = scratch();
  writeFileSync(join(dir, "clean.vmspec.yaml"), "name: clean\nmemory: {size: 1GiB}\nrunAs: qemu\n");
  writeFileSync(
    join(dir, "bad.vmspec.yaml"),
    'name: "bad<&>"\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\ndisks: [{name: d, file: d.qed, format: qed}]\n',
  );
  return dir;
}

const run = (args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) =>
  vmspec(args, {
    cwd,
    env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_WORKSPACE: "", CI_PROJECT_DIR: "", ...env },
  });

/**
 * Microsoft's SARIF Multitool `validate` (the devDependency's Linux binary, made executable here:
 * npm runs no install scripts): its findings on a SARIF file, as "level ruleId: arguments". The
 * validator's own rules (not the GitHub ones, which want a full description and help text per rule).
 */
function multitoolValidate(sarifFile: string): { errors: string[]; warnings: string[] } {
  const bin = join(require.resolve("@microsoft/sarif-multitool-linux/package.json"), "..", "Sarif.Multitool");
  if (!(statSync(bin).mode & 0o100)) chmodSync(bin, statSync(bin).mode | 0o100);
  const out = `${sarifFile}.validation.sarif`;
  const r = spawnSync(
    bin,
    [
      "validate",
      sarifFile,
      "--output",
      out,
      "--log",
      "ForceOverwrite",
      "--config",
      join(import.meta.dirname, "fixtures", "sarif-multitool.xml"),
    ],
    { encoding: "utf8", env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" } },
  );
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const results: any[] = JSON.parse(readFileSync(out, "utf8")).runs[0].results ?? [];
  const say = (x: any) => `${x.level} ${x.ruleId}: ${(x.message.arguments ?? []).join(" | ")}`;
  return { errors: results.filter((x) => x.level === "error").map(say), warnings: results.filter((x) => x.level !== "error").map(say) };
}

/** A git checkout (`.git` and all) in a folder whose name has a space, with specs in a subfolder. */
function checkout() {
  const repo = join(scratch(), "my repo");
  mkdirSync(join(repo, "vms", "web tier"), { recursive: true });
  execFileSync("git", ["init", "-q", repo]);
  writeFileSync(join(repo, "vms", "web tier", "a b.vmspec.yaml"), "name: ab\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\n");
  writeFileSync(join(repo, "vms", "c.vmspec.yaml"), "name: c\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\n");
  const outside = join(scratch(), "elsewhere #1 100%");
  mkdirSync(outside);
  writeFileSync(join(outside, "hôte #2.vmspec.yaml"), "name: h\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\n");
  return { repo, outside };
}

describe("output formats", () => {
  it("sarif is valid SARIF 2.1.0, with rules, help links, regions and fingerprints", () => {
    const dir = fixtures();
    const r = run(["lint", dir, "--format", "sarif"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    // The official schema has a pattern that is only valid without the u flag.
    const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run0 = log.runs[0];
    expect(run0.tool.driver.rules.find((x: any) => x.id === "unsupported-cpu-model").helpUri).toMatch(
      /docs\/rules\/unsupported-cpu-model\.md$/,
    );
    const levels = run0.results.map((x: any) => `${x.ruleId}:${x.level}`);
    expect(levels).toEqual(["unsupported-cpu-model:error", "qed-deprecated:warning", "runs-as-root:note"]);
    const cpu = run0.results[0];
    expect(cpu.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 14, endLine: 3, endColumn: 24 });
    expect(cpu.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{32}$/);
    // The fingerprint follows the line's text, not its number.
    writeFileSync(join(dir, "bad.vmspec.yaml"), "# moved down\n" + readFileSync(join(dir, "bad.vmspec.yaml"), "utf8"));
    const moved = JSON.parse(run(["lint", dir, "--format", "sarif"]).stdout).runs[0].results[0];
    expect(moved.locations[0].physicalLocation.region.startLine).toBe(4);
    expect(moved.partialFingerprints).toEqual(cpu.partialFingerprints);
  });

  it("sarif locations are relative to the repository root (%SRCROOT%), file:// URIs outside it, and Microsoft's validator accepts them", () => {
    const { repo, outside } = checkout();
    const outsideFile = join(outside, "hôte #2.vmspec.yaml");
    const cases: [string, string[], NodeJS.ProcessEnv, string][] = [
      [
        "absolute paths, run from a subfolder",
        [join(repo, "vms", "web tier", "a b.vmspec.yaml"), join(repo, "vms", "c.vmspec.yaml")],
        {},
        join(repo, "vms"),
      ],
      ["relative paths, run from the root", ["vms/web tier/a b.vmspec.yaml", "vms"], {}, repo],
      ["a file outside the repository", ["vms", outsideFile], {}, repo],
      ["GITHUB_WORKSPACE, run from elsewhere", [join(repo, "vms")], { GITHUB_WORKSPACE: repo }, outside],
    ];
    for (const [what, paths, env, cwd] of cases) {
      const out = join(scratch(), "out put.sarif");
      const r = run(["lint", ...paths, "--format", `sarif=${out}`], env, cwd);
      expect(r.code, what + r.stderr).toBe(1);
      expect(multitoolValidate(out).errors, what).toEqual([]);
      const log = JSON.parse(readFileSync(out, "utf8"));
      const run0 = log.runs[0];
      expect(run0.originalUriBaseIds, what).toEqual({
        "%SRCROOT%": { uri: `file://${repo.split("/").map(encodeURIComponent).join("/")}/` },
      });
      const where = run0.results.map((x: any) => x.locations[0].physicalLocation.artifactLocation);
      // Every location resolves to the real file; inside the root it is relative and under %SRCROOT%.
      const files = where.map((a: any) =>
        fileURLToPath(new URL(a.uri, a.uriBaseId ? run0.originalUriBaseIds[a.uriBaseId].uri : undefined)),
      );
      for (const f of files) expect(existsSync(f), `${what}: ${f}`).toBe(true);
      for (const a of where)
        expect(a.uriBaseId ? /^(\/|[a-z]+:)/.test(a.uri) : a.uri.startsWith("file:///"), `${what}: ${JSON.stringify(a)}`).toBe(
          !a.uriBaseId,
        );
      expect([...new Set(where.filter((a: any) => a.uriBaseId).map((a: any) => a.uri))].sort(), what).toEqual([
        "vms/c.vmspec.yaml",
        "vms/web%20tier/a%20b.vmspec.yaml",
      ]);
      if (what.includes("outside"))
        expect(where.find((a: any) => !a.uriBaseId)).toEqual({
          uri: `file://${outside.replace(/%/g, "%25").replace(/ /g, "%20").replace(/#/g, "%23")}/h%C3%B4te%20%232.vmspec.yaml`,
        });
      // Each file has an error and a note; one given twice (by name and through its folder) is reported once.
      expect(run0.results.length, what).toBe(2 * new Set(files).size);
    }
    // The fingerprints do not depend on how the file was named.
    const prints = (paths: string[], cwd: string) =>
      JSON.parse(run(["lint", ...paths, "--format", "sarif"], {}, cwd).stdout).runs[0].results.map(
        (x: any) => x.partialFingerprints.primaryLocationLineHash,
      );
    expect(prints(["c.vmspec.yaml"], join(repo, "vms"))).toEqual(prints([join(repo, "vms", "c.vmspec.yaml")], "/"));
    // Standard input is validated too.
    const stdin = join(scratch(), "stdin.sarif");
    vmspec(["lint", "-", "--format", `sarif=${stdin}`], { input: "name: s\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\n", cwd: repo });
    expect(multitoolValidate(stdin).errors).toEqual([]);
  }, 120_000);

  it("github and gitlab paths are relative to the repository root or the CI workspace", () => {
    const { repo, outside } = checkout();
    const summary = join(scratch(), "summary.md");
    const gh = run(
      ["lint", join(repo, "vms"), join(outside, "hôte #2.vmspec.yaml")],
      { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: repo },
      outside,
    );
    expect(gh.stdout).toContain("::error file=vms/web tier/a b.vmspec.yaml,line=3,col=14,");
    expect(gh.stdout).toContain("::error file=vms/c.vmspec.yaml,line=3,");
    expect(gh.stdout).toContain(`::error file=${join(outside, "hôte #2.vmspec.yaml").replace(/%/g, "%25")},line=3,`);
    expect(readFileSync(summary, "utf8")).toContain("| error | vms/web tier/a b.vmspec.yaml | 3 | unsupported-cpu-model |");
    for (const [env, cwd] of [
      [{ CI_PROJECT_DIR: repo }, outside],
      [{}, join(repo, "vms", "web tier")],
    ] as const) {
      const gl = JSON.parse(run(["lint", join(repo, "vms"), "--format", "gitlab"], env, cwd).stdout);
      expect([...new Set(gl.map((i: any) => i.location.path))].sort()).toEqual(["vms/c.vmspec.yaml", "vms/web tier/a b.vmspec.yaml"]);
    }
  });

  it("junit and checkstyle are well-formed XML that the real xmllint reads back", () => {
    const dir = fixtures();
    for (const [format, xpath, expected] of [
      ["junit", "count(//testcase)", "4"],
      ["junit", "count(//failure)", "2"],
      ["checkstyle", "count(//error)", "3"],
      ["checkstyle", "string(//error[@source='vmspec.unsupported-cpu-model']/@line)", "3"],
    ]) {
      const out = join(dir, `${format}.xml`);
      run(["lint", dir, "--format", `${format}=${out}`]);
      execFileSync("xmllint", ["--noout", out]);
      expect(execFileSync("xmllint", ["--xpath", xpath, out]).toString().trim(), `${format} ${xpath}`).toBe(expected);
    }
  });

  it("github prints workflow commands, most severe first, and the whole table to the step summary", () => {
    const dir = fixtures();
    const summary = join(dir, "summary.md");
    const r = run(["lint", dir], { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    const syntax = /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::[^\n]+$/;
    for (const l of lines) expect(l.replace(/%3A/g, "").replace(/%2C/g, ""), l).toMatch(syntax);
    expect(lines.map((l) => l.split(" ")[0])).toEqual(["::error", "::warning", "::notice"]);
    expect(lines[0]).toContain(
      `file=${join(dir, "bad.vmspec.yaml").replace(/:/g, "%3A")},line=3,col=14,endLine=3,endColumn=24,title=unsupported-cpu-model::-cpu cortex-a57 is unsupported`,
    );
    expect(readFileSync(summary, "utf8")).toContain("| error | " + join(dir, "bad.vmspec.yaml") + " | 3 | unsupported-cpu-model |");
  });

  it("gitlab is a Code Quality report with fingerprints and locations", () => {
    const dir = fixtures();
    const issues = JSON.parse(run(["lint", dir, "--format", "gitlab"]).stdout);
    expect(issues.map((i: any) => `${i.check_name}:${i.severity}`)).toEqual([
      "unsupported-cpu-model:major",
      "qed-deprecated:minor",
      "runs-as-root:info",
    ]);
    for (const i of issues) {
      expect(i.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(i.location.path).toBe(join(dir, "bad.vmspec.yaml"));
      expect(i.location.positions.begin.line).toBeGreaterThan(0);
      expect(typeof i.description).toBe("string");
    }
    expect(new Set(issues.map((i: any) => i.fingerprint)).size).toBe(issues.length);
  });

  it("writes several formats in one run", () => {
    const dir = fixtures();
    const sarif = join(dir, "out.sarif");
    const r = run(["lint", dir, "--format", `sarif=${sarif}`, "--format", "compact"]);
    expect(JSON.parse(readFileSync(sarif, "utf8")).version).toBe("2.1.0");
    expect(r.stdout).toContain(`${join(dir, "bad.vmspec.yaml")}:3:14: error: -cpu cortex-a57 is unsupported`);
    expect(run(["lint", dir, "--format", "sarf"])).toMatchObject({
      code: 2,
      stderr: 'vmspec: unknown format "sarf"; did you mean "sarif"?\n',
    });
  });

  it("colours only on a terminal, and never with NO_COLOR", () => {
    const dir = fixtures();
    expect(run(["lint", dir]).stdout).not.toContain("\x1b[");
    const tty = (env: string) =>
      spawnSync("script", ["-qec", `${env} ${process.execPath} ${BIN} lint ${dir}`, "/dev/null"], { encoding: "utf8" }).stdout;
    expect(tty("")).toContain("\x1b[31merror\x1b[0m");
    expect(tty("NO_COLOR=1")).not.toContain("\x1b[");
  });

  it("shows progress on a terminal for large runs, never in CI", () => {
    const dir = scratch();
    for (let i = 0; i < 260; i++) writeFileSync(join(dir, `vm${i}.vmspec.yaml`), `name: vm${i}\nmemory: {size: 1GiB}\nrunAs: qemu\n`);
    const tty = (env: string) =>
      spawnSync("script", ["-qec", `${env} ${process.execPath} ${BIN} lint ${dir}`, "/dev/null"], { encoding: "utf8" }).stdout;
    expect(tty("CI=")).toContain("vmspec: 250/260 files");
    expect(tty("CI=true")).not.toContain("vmspec: 250/260 files");
    expect(run(["lint", dir]).stderr).toBe("");
  });

  it("--stats and VMSPEC_TIMING=1 print time per phase and per rule on standard error", () => {
    const dir = fixtures();
    for (const r of [run(["lint", dir, "--stats"]), run(["lint", dir], { VMSPEC_TIMING: "1" })]) {
      const table = r.stderr.split("\n");
      expect(table[0]).toMatch(/^phase or rule\s+time \(ms\)\s+calls\s+share$/);
      for (const phase of ["read", "parse", "schema", "compile", "rules", "format", "rule:unsupported-cpu-model"]) {
        expect(
          table.some((l) => new RegExp(`^${phase}\\s+\\d+\\.\\d\\s+\\d+`).test(l)),
          phase,
        ).toBe(true);
      }
    }
    expect(run(["lint", dir]).stderr).toBe("");
  });

  it("--failure-threshold and --max-warnings decide the exit code", () => {
    const dir = scratch();
    writeFileSync(join(dir, "w.vmspec.yaml"), "name: w\nmemory: {size: 1GiB}\nrunAs: qemu\ndisks: [{name: d, file: d.qed, format: qed}]\n");
    expect(run(["lint", dir]).code).toBe(0);
    expect(run(["lint", dir, "--failure-threshold", "warning"]).code).toBe(1);
    expect(run(["lint", dir, "--max-warnings", "1"]).code).toBe(0);
    expect(run(["lint", dir, "--max-warnings", "0"]).code).toBe(1);
    expect(run(["lint", dir, "--max-warnings", "x"]).code).toBe(2);
    expect(existsSync(join(dir, "w.vmspec.yaml"))).toBe(true);
  });
});
