// Golden compile tests: test/golden/<case>.yaml → <case>.args (the shell output, exactly as a user
// sees it), <case>.readconfig, or <case>.err / <case>.readconfig.err for expected failures. The
// header comment "# qemu: X" sets the target. Paths resolve against /vms so outputs do not depend
// on the checkout. Regenerate with UPDATE_GOLDEN=1 and review the diff.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSpec, type BuildFormat } from "../lint/build.js";
import { parseTarget } from "../qemu/targets.js";
import { locate } from "../core/positions.js";
import formatCompact from "../cli/formatters/compact.js";

const DIR = join(import.meta.dirname, "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

function run(file: string, format: BuildFormat): { ok: boolean; text: string } {
  const bytes = readFileSync(join(DIR, file));
  const header = /^# qemu: (\S+)$/m.exec(bytes.toString("utf8"));
  const r = buildSpec(bytes, { format, baseDir: "/vms", qemu: parseTarget(header?.[1] ?? "2.9"), readconfigPath: "/vms/vm.cfg" });
  if (r.output !== undefined) return { ok: true, text: r.output };
  return { ok: false, text: formatCompact([{ file, findings: locate(r.text, r.findings) }], { color: false }) };
}

/** Compares with the committed file, or rewrites it under UPDATE_GOLDEN=1. */
function golden(name: string, actual: string) {
  const path = join(DIR, name);
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${name} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const produced = new Set<string>();

describe("golden outputs", () => {
  for (const c of cases) {
    const stem = c.slice(0, -".yaml".length);
    it(c, () => {
      const header = readFileSync(join(DIR, c), "utf8");
      expect(header, "a golden case states its purpose").toMatch(/^# purpose: .+/m);
      const shell = run(c, "shell");
      golden(shell.ok ? `${stem}.args` : `${stem}.err`, shell.text);
      produced.add(shell.ok ? `${stem}.args` : `${stem}.err`);
      if (shell.ok) {
        const rc = run(c, "readconfig");
        golden(rc.ok ? `${stem}.readconfig` : `${stem}.readconfig.err`, rc.text);
        produced.add(rc.ok ? `${stem}.readconfig` : `${stem}.readconfig.err`);
      }
    });
  }

  it("has no orphaned expected files and no two cases with the same output", () => {
    const files = readdirSync(DIR, { withFileTypes: true })
      .filter((f) => f.isFile() && !f.name.endsWith(".yaml"))
      .map((f) => f.name);
    const orphans = files.filter((f) => !produced.has(f));
    if (UPDATE) for (const o of orphans) unlinkSync(join(DIR, o));
    else expect(orphans).toEqual([]);
    const outputs = new Map<string, string>();
    for (const f of files.filter((x) => produced.has(x))) {
      const text = readFileSync(join(DIR, f), "utf8");
      expect(outputs.get(text), `${f} duplicates ${outputs.get(text)}`).toBeUndefined();
      outputs.set(text, f);
    }
  });
});
