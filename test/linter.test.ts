// lint/linter.ts: the warm linter behind `lint --watch` (and a language server later). Its results
// are a fresh run's; it lints again only what it is told changed; unsaved text is linted as the file.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "../lint/files/linter.js";
import { lintFiles } from "../lint/files/lint-files.js";
import type { InputKind } from "../lint/lint.js";
import { scratch } from "./helpers/workdir.js";

const CLEAN = "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n";

describe("createLinter", () => {
  it("gives a fresh run's results, keeps a result until told the file changed, and drops inputs no longer listed", () => {
    const dir = scratch("linter");
    const a = join(dir, "a.vmspec.yaml");
    const b = join(dir, "b.vmspec.yaml");
    writeFileSync(a, CLEAN);
    writeFileSync(b, "name: db\nmemory: {size: 1GiB}\n");
    const inputs: [InputKind, string][] = [
      ["spec", a],
      ["spec", b],
    ];
    const linter = createLinter();
    const first = linter.lint(inputs);
    expect(first).toEqual(lintFiles(inputs, {}));
    expect(first.files.map((f) => f.findings.map((x) => x.ruleId))).toEqual([[], ["runs-as-root"]]);

    writeFileSync(a, CLEAN.replace("memory", "memroy"));
    // Not named as changed: the held result stands (nothing was read).
    const mid = linter.lint(inputs, [b]);
    expect(mid.files[0]).toBe(first.files[0]);
    // Named: linted again, as a fresh run would.
    const second = linter.lint(inputs, [a]);
    expect(second).toEqual(lintFiles(inputs, {}));
    expect(second.files[0].findings.map((x) => x.message)).toContain('unknown key "memroy" in the spec; did you mean "memory"?');
    expect(second.files[1]).toBe(mid.files[1]);

    linter.lint([inputs[0]], []);
    expect(linter.size).toBe(1);
  });

  it("lints unsaved text as the file it will be, with that file's configuration", () => {
    const dir = scratch("linter-text");
    const a = join(dir, "a.vmspec.yaml");
    writeFileSync(a, CLEAN);
    writeFileSync(join(dir, ".vmspec.yaml"), "rules:\n  runs-as-root: info\n");
    const linter = createLinter();
    const text = "name: web\nmemory: {size: 1GiB}\n";
    const got = linter.lintText("spec", a, text);
    writeFileSync(a, text);
    expect(got).toEqual(lintFiles([["spec", a]], {}).files[0]);
    expect(got?.findings.map((f) => [f.ruleId, f.severity])).toEqual([["runs-as-root", "info"]]);
  });

  it("forget() of a configuration file reads the configurations again", () => {
    const dir = scratch("linter-config");
    const a = join(dir, "a.vmspec.yaml");
    writeFileSync(a, "name: db\nmemory: {size: 1GiB}\n");
    writeFileSync(join(dir, ".vmspec.yaml"), "rules:\n  runs-as-root: warning\n");
    const linter = createLinter();
    expect(linter.lint([["spec", a]]).files[0].findings.map((f) => f.severity)).toEqual(["warning"]);
    writeFileSync(join(dir, ".vmspec.yaml"), "rules:\n  runs-as-root: off\n");
    linter.forget(join(dir, ".vmspec.yaml"));
    expect(linter.lint([["spec", a]]).files[0].findings).toEqual([]);
  });
});
