// Every rule page's examples are executed: "incorrect" blocks must trigger the rule, "correct"
// blocks must lint clean of it.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../rules/index.js";
import { lintSpec } from "../rules/lint.js";
import { ROOT } from "./helpers/cli.js";

function blocks(md: string, kind: "incorrect" | "correct"): string[] {
  return [...md.matchAll(new RegExp("```yaml " + kind + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

describe("rule documentation", () => {
  for (const rule of RULES) {
    it(`${rule.meta.id}: examples do what the page says`, () => {
      const md = readFileSync(join(ROOT, "docs/rules", `${rule.meta.id}.md`), "utf8");
      expect(md.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
      const bad = blocks(md, "incorrect");
      const good = blocks(md, "correct");
      expect(bad.length).toBeGreaterThan(0);
      expect(good.length).toBeGreaterThan(0);
      const ids = (text: string) => lintSpec(new TextEncoder().encode(text), { baseDir: "/vms" }).findings.map((f) => f.ruleId);
      for (const b of bad) expect(ids(b)).toContain(rule.meta.id);
      for (const g of good) expect(ids(g)).toEqual([]);
    });
  }
});
