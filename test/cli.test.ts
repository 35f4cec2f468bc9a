// The CLI's public contracts: formats, exit codes, JSON shapes, --help, atomic -o, no stack traces.
import { describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec, ROOT } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const EXAMPLE = "examples/minimal-uefi.yaml";

describe("vmspec build", () => {
  it("prints a shell command by default, with paths resolved against the spec's folder", () => {
    const ok = vmspec(["build", join(ROOT, EXAMPLE)], { cwd: "/tmp" });
    expect(ok.code).toBe(0);
    // Each preparation step must succeed for the next one, and QEMU, to run.
    expect(ok.stdout).toMatch(/^(\{ test -e .* \|\| .*; \} &&\n)+qemu-system-aarch64 \\\n {2}-name minimal-uefi \\\n/);
    expect(ok.stdout).toContain(`file=${join(ROOT, "examples/minimal-uefi.qcow2")},format=qcow2`);
  });

  it("--format json follows the documented shape", () => {
    const r = vmspec(["build", EXAMPLE, "--format", "json", "--readconfig-path", "/run/vm.cfg"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(["binary", "argv", "images", "readconfig", "prepare"]);
    expect(j.binary).toBe("qemu-system-aarch64");
    expect(j.argv[0]).toBe("-name");
    expect(j.images).toEqual([{ path: join(ROOT, "examples/minimal-uefi.qcow2"), format: "qcow2", size: "20G" }]);
    expect(j.readconfig.argv).toContain("-readconfig");
    expect(j.readconfig.argv[j.readconfig.argv.indexOf("-readconfig") + 1]).toBe("/run/vm.cfg");
    expect(j.readconfig.file).toContain('[device "root"]');
  });

  it("--format argv prints one argument per line, starting with the binary", () => {
    const r = vmspec(["build", EXAMPLE, "--format", "argv"]);
    const j = JSON.parse(vmspec(["build", EXAMPLE, "--format", "json"]).stdout);
    expect(r.stdout).toBe([j.binary, ...j.argv].join("\n") + "\n");
  });

  it("--accel and --cpu override the spec", () => {
    const j = JSON.parse(vmspec(["build", EXAMPLE, "--format", "json", "--accel", "tcg", "--cpu", "cortex-a57"]).stdout);
    expect(j.argv[j.argv.indexOf("-machine") + 1]).toBe("virt,accel=tcg");
    expect(j.argv[j.argv.indexOf("-cpu") + 1]).toBe("cortex-a57");
  });

  it("writes -o atomically and writes nothing when the spec has an error", () => {
    const dir = scratch();
    const out = join(dir, "vm.sh");
    expect(vmspec(["build", join(ROOT, EXAMPLE), "-o", out]).code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("qemu-system-aarch64");
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "name: x\n");
    const out2 = join(dir, "bad.sh");
    const r = vmspec(["build", bad, "-o", out2]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${bad}:1:1: error: the spec is missing the required key "memory" [schema]\n`);
    expect(existsSync(out2)).toBe(false);
  });

  it("reads standard input with -", () => {
    const r = vmspec(["build", "-", "--format", "argv"], { input: "name: piped\nmemory: {size: 1GiB}\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("\nguest=piped\n".replace("guest=", "")); // implied -name value
  });

  it("reports I/O and usage errors with exit code 2 and one line, never a stack trace", () => {
    const missing = vmspec(["build", "/nonexistent/vm.yaml"]);
    expect(missing).toMatchObject({ code: 2, stderr: "vmspec: cannot read /nonexistent/vm.yaml: no such file or folder\n" });
    const badFormat = vmspec(["build", EXAMPLE, "--format", "xml"]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/argument 'xml' is invalid/);
    const dir = scratch();
    const ro = join(dir, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const unwritable = vmspec(["build", EXAMPLE, "-o", join(ro, "x.sh")]);
    // root ignores permission bits; either way there is no stack trace
    expect(unwritable.stderr).not.toMatch(/\n\s+at /);
    for (const r of [missing, badFormat, unwritable]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("vmspec lint", () => {
  it("is clean on every example, exit 0", () => {
    const r = vmspec(["lint", "examples"]);
    expect(r).toMatchObject({ code: 0, stdout: "" });
  });

  it("--format json follows the versioned contract with 1-based positions", () => {
    const dir = scratch();
    writeFileSync(join(dir, "a.vmspec.yaml"), "name: a\nmemroy: {size: 1GiB}\n");
    const r = vmspec(["lint", dir, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      version: 1,
      files: [
        {
          file: join(dir, "a.vmspec.yaml"),
          findings: [
            {
              ruleId: "schema",
              severity: "error",
              message: 'the spec is missing the required key "memory"',
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 5,
            },
            {
              ruleId: "schema",
              severity: "error",
              message: 'unknown key "memroy" in the spec; did you mean "memory"?',
              line: 2,
              column: 1,
              endLine: 2,
              endColumn: 7,
            },
          ],
        },
      ],
    });
  });

  it("prints stylish output with a summary, and --rule changes a severity", () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "dup.yaml"),
      "name: a\nmemory: {size: 1GiB}\ndisks: [{name: d, file: a, format: raw}, {name: d, file: b, format: raw}]\nrunAs: qemu\n",
    );
    const r = vmspec(["lint", join(dir, "dup.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        join(dir, "dup.yaml"),
        '  3:49  error  the name "d" is already used by disks.0: names must be unique  duplicate-name',
        "  3 | disks: [{name: d, file: a, format: raw}, {name: d, file: b, format: raw}]",
        "    |                                                 ^",
        "  https://github.com/vmspec/vmspec/blob/main/docs/rules/duplicate-name.md",
        "",
        "1 problem (1 error, 0 warnings)",
        "",
      ].join("\n"),
    );
    expect(r.stdout).toContain("1 problem (1 error, 0 warnings)");
    const w = vmspec(["lint", join(dir, "dup.yaml"), "--rule", "duplicate-name=warning"]);
    expect(w.code).toBe(0);
    expect(w.stdout).toContain("1 problem (0 errors, 1 warning)");
    expect(vmspec(["lint", join(dir, "dup.yaml"), "--rule", "duplicate-name=off"])).toMatchObject({ code: 0, stdout: "" });
    expect(vmspec(["lint", join(dir, "dup.yaml"), "--rule", "nonsense"]).code).toBe(2);
    expect(vmspec(["lint", join(dir, "dup.yaml"), "--rule", "duplicate-nam=off"])).toMatchObject({
      code: 2,
      stderr: 'vmspec: unknown rule "duplicate-nam" in --rule; did you mean "duplicate-name"?\n',
    });
  });

  it("walks a folder with a symbolic link loop and dangling links once, and lints what is there", () => {
    const dir = scratch();
    mkdirSync(join(dir, "a"));
    writeFileSync(join(dir, "a/x.vmspec.yaml"), "name: a\nmemroy: {size: 1GiB}\n");
    symlinkSync("..", join(dir, "a/up"));
    symlinkSync("nowhere", join(dir, "a/dangling.vmspec.yaml"));
    symlinkSync("self", join(dir, "a/self"));
    const r = vmspec(["lint", dir, "--format", "compact"]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split("\n")).toHaveLength(2); // the two findings of a/x.vmspec.yaml, once
  });

  it("walks folders for *.vmspec.yaml, or the files: globs of .vmspec.yaml, and lints cloud-init user data only when named", () => {
    const root = scratch();
    mkdirSync(join(root, "vms", "cloud-init"), { recursive: true });
    writeFileSync(join(root, "vms", "web.vmspec.yaml"), "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n");
    writeFileSync(join(root, "vms", "legacy.yaml"), "name: legacy\nmemory: {size: 1GiB}\nrunAs: qemu\ncpu: {model: cortex-a57}\n");
    writeFileSync(
      join(root, "vms", "cloud-init", "user-data.yaml"),
      "#cloud-config\nusers:\n  - name: admin\n    sudo: ALL=(ALL) NOPASSWD:ALL\npackages: [qemu-guest-agent]\n",
    );
    const files = (...args: string[]) => {
      const r = vmspec(["lint", ...args, "--format", "json"], { cwd: root });
      return (JSON.parse(r.stdout).files as { file: string }[]).map((f) => f.file);
    };
    expect(vmspec(["lint", "vms"], { cwd: root })).toMatchObject({ code: 0, stdout: "" });
    expect(files("vms")).toEqual(["vms/web.vmspec.yaml"]);
    // Named on the command line, the user data is linted (and is no spec).
    expect(vmspec(["lint", "vms", "vms/cloud-init/user-data.yaml"], { cwd: root }).code).toBe(1);
    // files: globs with a "/" are relative to the configuration's folder; without one, they match names.
    writeFileSync(join(root, ".vmspec.yaml"), 'files: ["vms/*.yaml"]\n');
    expect(files("vms")).toEqual(["vms/legacy.yaml", "vms/web.vmspec.yaml"]);
    writeFileSync(join(root, ".vmspec.yaml"), 'files: ["*.vmspec.yaml", "legacy.yaml"]\n');
    expect(files(".")).toEqual(["vms/legacy.yaml", "vms/web.vmspec.yaml"]);
    // --config decides for the files it applies to.
    writeFileSync(join(root, "all.yaml"), 'files: ["**"]\n');
    expect(files("vms", "--config", "all.yaml")).toEqual(["vms/cloud-init/user-data.yaml", "vms/legacy.yaml", "vms/web.vmspec.yaml"]);
    expect(files(".", "--config", "all.yaml")).toEqual([
      "all.yaml",
      "vms/cloud-init/user-data.yaml",
      "vms/legacy.yaml",
      "vms/web.vmspec.yaml",
    ]);
    writeFileSync(join(root, ".vmspec.yaml"), "files: []\n");
    expect(vmspec(["lint", "vms"], { cwd: root })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^vmspec: .*\.vmspec\.yaml:1:\d+: .*files/),
    });
  });

  it("fails with exit code 2 on a folder without specs and on a missing file", () => {
    const empty = scratch();
    expect(vmspec(["lint", empty])).toMatchObject({
      code: 2,
      stderr: `vmspec: no spec files in ${empty}: folders are walked for *.vmspec.yaml and *.vmspec.yml, or the files: globs of .vmspec.yaml\n`,
    });
    expect(vmspec(["lint", join(empty, "nope.yaml")]).code).toBe(2);
  });
});

describe("vmspec rules and explain", () => {
  it("lists every rule, as text and as JSON", () => {
    const rows = JSON.parse(vmspec(["rules", "--format", "json"]).stdout);
    expect(rows.length).toBeGreaterThanOrEqual(42);
    expect(rows.find((r: any) => r.id === "ivshmem-deprecated")).toMatchObject({
      defaultSeverity: "warning",
      fixable: true,
      input: "options",
    });
    expect(rows.find((r: any) => r.id === "aio-native-requires-direct-cache").statement).toContain("aio=native without direct cache mode");
    expect(vmspec(["rules"]).stdout).toMatch(/^aio-native-requires-direct-cache\s+error\s+aio=native without/m);
    // And every other finding id of the catalog, with its kind and whether --rule takes it.
    expect(rows.find((r: any) => r.id === "yaml-syntax")).toMatchObject({
      kind: "reading",
      configurable: false,
      suppressible: false,
      defaultSeverity: "error",
    });
    expect(rows.find((r: any) => r.id === "argv-unknown")).toMatchObject({
      kind: "syntax",
      configurable: true,
      defaultSeverity: "warning",
    });
    expect(rows.find((r: any) => r.id === "qed-deprecated")).toMatchObject({ kind: "rule, image-check", configurable: true });
    expect(vmspec(["rules"]).stdout).toMatch(/^yaml-syntax\s+error\s+\[reading, fixed severity\] the file is not valid YAML$/m);
  });

  it("explains a rule offline, and suggests a close id", () => {
    const r = vmspec(["explain", "qed-create"]);
    expect(r.stdout).toBe(readFileSync(join(ROOT, "docs/rules/qed-create.md"), "utf8"));
    expect(vmspec(["explain", "qed-creat"])).toMatchObject({
      code: 2,
      stderr: 'vmspec: no rule "qed-creat"; did you mean "qed-create"?\n',
    });
  });
});

describe("vmspec schema and --help", () => {
  it("prints the committed schema", () => {
    const r = vmspec(["schema"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, "spec/vmspec.schema.json"), "utf8"));
  });

  it("has --help with an example for every command", () => {
    for (const c of ["build", "lint", "schema", "init", "rules", "explain", "print-config"]) {
      const r = vmspec([c, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples?:\n\s+vmspec /);
    }
  });
});
