// .vmspec.yaml: found by walking up, or given; extends, rules, overrides and ignore; every problem
// in it is a usage error at its line and column, never silently ignored.
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

/** A tree: root/.vmspec.yaml (given), root/vms/web.vmspec.yaml (a warning and an info), root/lab/x.vmspec.yaml (TCG). */
function tree(config?: string) {
  const root = scratch();
  mkdirSync(join(root, "vms"));
  mkdirSync(join(root, "lab"));
  if (config !== undefined) writeFileSync(join(root, ".vmspec.yaml"), config);
  writeFileSync(join(root, "vms/web.vmspec.yaml"), "name: web\nmemory: {size: 1GiB}\ndisks: [{name: d, file: d.qed, format: qed}]\n");
  writeFileSync(join(root, "lab/x.vmspec.yaml"), "name: x\nmemory: {size: 1GiB}\naccel: tcg\nrunAs: qemu\n");
  return root;
}
const ids = (stdout: string) =>
  JSON.parse(stdout).files.map((f: any) => [
    f.file.split("/").slice(-2).join("/"),
    f.findings.map((x: any) => `${x.ruleId}:${x.severity}`),
  ]);

describe(".vmspec.yaml", () => {
  it("applies the nearest configuration above each file", () => {
    const root = tree(
      'rules: {runs-as-root: "off"}\noverrides:\n  - files: ["lab/**"]\n    rules: {tcg-unsupported: "off", kvm-not-enabled: info}\n',
    );
    const r = vmspec(["lint", root, "--format", "json"]);
    expect(ids(r.stdout)).toEqual([
      ["lab/x.vmspec.yaml", ["kvm-not-enabled:info"]],
      ["vms/web.vmspec.yaml", ["qed-deprecated:warning"]],
    ]);
    expect(r.code).toBe(0);
    // A nearer configuration wins for the files below it.
    writeFileSync(join(root, "vms/.vmspec.yaml"), "extends: vmspec:strict\n");
    expect(ids(vmspec(["lint", join(root, "vms"), "--format", "json"]).stdout)).toEqual([
      ["vms/web.vmspec.yaml", ["runs-as-root:warning", "qed-deprecated:error"]],
    ]);
  });

  it("--config replaces the search, --rule comes last, ignore skips files", () => {
    const root = tree('extends: vmspec:strict\nignore: ["lab/**"]\n');
    const other = join(scratch(), "other.yaml");
    writeFileSync(other, 'rules: {qed-deprecated: "off"}\n');
    expect(ids(vmspec(["lint", root, "--format", "json"]).stdout)).toEqual([
      ["vms/web.vmspec.yaml", ["runs-as-root:warning", "qed-deprecated:error"]],
    ]);
    expect(ids(vmspec(["lint", root, "--config", other, "--format", "json"]).stdout)).toEqual([
      ["lab/x.vmspec.yaml", ["kvm-not-enabled:warning", "tcg-unsupported:warning"]],
      ["vms/web.vmspec.yaml", ["runs-as-root:info"]],
    ]);
    expect(ids(vmspec(["lint", join(root, "vms"), "--rule", "qed-deprecated=info", "--format", "json"]).stdout)).toEqual([
      ["vms/web.vmspec.yaml", ["runs-as-root:warning", "qed-deprecated:info"]],
    ]);
  });

  it("reports an unknown rule id, an unknown key and a wrong severity at their place, with exit code 2", () => {
    const root = tree('rules:\n  runs-as-rot: "off"\n');
    expect(vmspec(["lint", root])).toMatchObject({
      code: 2,
      stderr: `vmspec: ${join(root, ".vmspec.yaml")}:2:3: unknown rule "runs-as-rot"; did you mean "runs-as-root"?\n`,
    });
    writeFileSync(join(root, ".vmspec.yaml"), "profile: sles12sp3\nrulez: {}\n");
    expect(vmspec(["lint", root])).toMatchObject({
      code: 2,
      stderr: `vmspec: ${join(root, ".vmspec.yaml")}:2:1: unknown key "rulez" in the configuration; did you mean "rules"?\n`,
    });
    writeFileSync(join(root, ".vmspec.yaml"), 'overrides:\n  - files: ["a"]\n    rules: {qed-deprecated: fatal}\n');
    const r = vmspec(["lint", root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `vmspec: ${join(root, ".vmspec.yaml")}:3:29: "fatal" is not a valid overrides.0.rules.qed-deprecated: expected one of "error", "info", "off", "warning"\n`,
    );
  });

  it("reports every problem of a configuration at once, in vmspec's words, each at its line and column", () => {
    const text = [
      "profile: sles12sp3",
      "rulez:",
      '  runs-as-root: "off"',
      "overides:",
      '  - files: ["lab/**"]',
      "overrides:",
      '  - files: ["lab/**"]',
      '    rules: {qed-deprecated: fatal, runs-as-rot: "off"}',
      "  - files: []",
      'requireSuppressionReasons: "yes"',
      "",
    ].join("\n");
    const root = tree(text);
    const file = join(root, ".vmspec.yaml");
    const r = vmspec(["lint", root]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([
      `vmspec: ${file}:2:1: unknown key "rulez" in the configuration; did you mean "rules"?`,
      `vmspec: ${file}:4:1: unknown key "overides" in the configuration; did you mean "overrides"?`,
      `vmspec: ${file}:8:29: "fatal" is not a valid overrides.0.rules.qed-deprecated: expected one of "error", "info", "off", "warning"`,
      `vmspec: ${file}:8:36: unknown rule "runs-as-rot"; did you mean "runs-as-root"?`,
      `vmspec: ${file}:9:5: overrides.1 is missing the required key "rules"`,
      `vmspec: ${file}:9:5: overrides.1.files must not be empty: give at least one item`,
      `vmspec: ${file}:10:28: requireSuppressionReasons must be true or false, not the string "yes"`,
    ]);
    // None of Ajv's own wording reaches the user.
    expect(r.stderr).not.toMatch(/must have required property|must NOT|allowed values|additional properties/);
  });

  it("print-config shows what applies to a file", () => {
    const root = tree('extends: vmspec:strict\noverrides:\n  - files: ["lab/*.yaml"]\n    rules: {tcg-unsupported: "off"}\n');
    const c = JSON.parse(vmspec(["print-config", join(root, "lab/x.vmspec.yaml")]).stdout);
    expect(c).toMatchObject({ configFile: join(root, ".vmspec.yaml"), profile: "sles12sp3", ignored: false });
    expect(c.rules["tcg-unsupported"]).toBe("off");
    expect(c.rules["qed-deprecated"]).toBe("error");
  });

  it("vmspec init writes a commented configuration that is valid and keeps an existing one", () => {
    const dir = scratch();
    const r = vmspec(["init", join(dir, "a.vmspec.yaml")]);
    expect(r.stdout).toBe(`wrote ${join(dir, "a.vmspec.yaml")}\nwrote ${join(dir, ".vmspec.yaml")}\n`);
    expect(readFileSync(join(dir, ".vmspec.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=.*vmspec-config\.schema\.json\n/);
    expect(vmspec(["lint", dir])).toMatchObject({ code: 0, stdout: "" });
    expect(vmspec(["init", join(dir, "b.vmspec.yaml")]).stdout).toBe(`wrote ${join(dir, "b.vmspec.yaml")}\n`);
  });
});
