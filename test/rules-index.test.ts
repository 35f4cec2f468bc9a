// The rule index lists exactly the rule files, each rule's id is its file name, and each has a
// documentation page (read with ts-morph, from the sources, as a reviewer would).
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Project } from "ts-morph";
import { RULES } from "../rules/index.js";
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
    const imported = index.getImportDeclarations().map((d) => d.getModuleSpecifierValue()).filter((m) => m !== "./rule.js").map((m) => m.replace(/^\.\//, "").replace(/\.js$/, ".ts")).sort();
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
});
