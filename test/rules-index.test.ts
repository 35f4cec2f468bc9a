// The rule index lists exactly the rule files, each rule's id is its file name, and each has a
// documentation page (read with ts-morph, from the sources, as a reviewer would).
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Project } from "ts-morph";
import { RULES } from "../rules/index.js";
import { lintInput, type InputKind } from "../lint/lint.js";
import { ROOT } from "./helpers/cli.js";

describe("the rulebook", () => {
  // A rule file is one whose default export is made by a rule factory; the rest are helpers.
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const ruleFiles = readdirSync(join(ROOT, "rules"))
    .filter((f) => f.endsWith(".ts"))
    .filter((f) => /^export default (spec|option|command)Rule\(/m.test(project.addSourceFileAtPath(join(ROOT, "rules", f)).getFullText()))
    .sort();

  it("indexes exactly the rule files", () => {
    const project = new Project({ skipAddingFilesFromTsConfig: true });
    const index = project.addSourceFileAtPath(join(ROOT, "rules/index.ts"));
    const imported = index
      .getImportDeclarations()
      .map((d) => d.getModuleSpecifierValue())
      .filter((m) => m !== "./rule.js")
      .map((m) => m.replace(/^\.\//, "").replace(/\.js$/, ".ts"))
      .sort();
    expect(ruleFiles.length).toBeGreaterThanOrEqual(42);
    expect(imported).toEqual(ruleFiles);
    expect(RULES.map((r) => `${r.meta.id}.ts`).sort()).toEqual(ruleFiles);
  });

  it("gives every rule an id equal to its file name, and a docs page", () => {
    const project = new Project({ skipAddingFilesFromTsConfig: true });
    for (const f of ruleFiles) {
      const src = project.addSourceFileAtPath(join(ROOT, "rules", f));
      expect(src.getText(), f).toContain(`id: "${f.replace(/\.ts$/, "")}"`);
      expect(existsSync(join(ROOT, "docs/rules", f.replace(/\.ts$/, ".md"))), `docs/rules/${f.replace(/\.ts$/, ".md")}`).toBe(true);
    }
  });

  it("gives every rule its table of cases, test/rules/<id>.test.ts, which names every message the rule declares", () => {
    for (const r of RULES) {
      const file = join(ROOT, "test/rules", `${r.meta.id}.test.ts`);
      expect(existsSync(file), `test/rules/${r.meta.id}.test.ts`).toBe(true);
      const text = readFileSync(file, "utf8");
      expect(text, file).toContain(`ruleTester.run(rule, {`);
      expect(text, file).toContain(`import rule from "../../rules/${r.meta.id}.js";`);
      for (const id of Object.keys(r.meta.messages))
        expect(text, `${r.meta.id}: a case with messageId "${id}"`).toContain(`messageId: "${id}"`);
    }
    // No table for a rule that does not exist.
    expect(readdirSync(join(ROOT, "test/rules")).sort()).toEqual(RULES.map((r) => `${r.meta.id}.test.ts`).sort());
  });

  it("has no rule report a raw message: every report names a message id its rule declares", () => {
    for (const f of ruleFiles) {
      const text = readFileSync(join(ROOT, "rules", f), "utf8");
      expect(text.match(/^.*\bmessage\s*:.*$/gm) ?? [], `rules/${f}`).toEqual([]);
    }
    // And at run time, over every rule's docs examples with every rule on.
    const kinds: Record<string, InputKind> = { yaml: "spec", sh: "argv", cfg: "readconfig", qmp: "qmp", hmp: "hmp" };
    const all = Object.fromEntries(RULES.map((r) => [r.meta.id, "error" as const]));
    const byId = new Map(RULES.map((r) => [r.meta.id, r]));
    let seen = 0;
    for (const r of RULES) {
      for (const e of r.meta.docs.examples) {
        for (const f of lintInput(kinds[e.lang], new TextEncoder().encode(e.text), { baseDir: ROOT, rules: all }).findings) {
          const rule = byId.get(f.ruleId);
          // The schema (spec/validate.ts) reports a size that fails its pattern under invalid-size's
          // id, so it is configured and suppressed as that rule; it is not a report of the rule.
          if (!rule || (f.ruleId === "invalid-size" && / is not a valid .*: expected a size /.test(f.message))) continue;
          expect(f.messageId && Object.hasOwn(rule.meta.messages, f.messageId), `${f.ruleId}: ${f.message}`).toBe(true);
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(100);
  });
});
