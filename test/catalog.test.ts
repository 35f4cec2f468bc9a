// One finding catalog: every id vmspec reports is in it, `--rule`, `.vmspec.yaml` and suppression
// comments accept exactly the ids it says they accept (with the same did-you-mean for the rest),
// severities are resolved from it, and the engine names no rule of its own.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CATALOG, acceptedIds, resolveSeverity, unknownId } from "../lint/catalog.js";
import { BUILTIN_FINDINGS } from "../core/catalog.js";
import { RULES } from "../rules/index.js";
import { LOADER_RULES } from "../spec/load.js";
import { readConfig } from "../lint/config.js";
import { lintInput } from "../lint/lint.js";
import { ROOT, vmspec } from "./helpers/cli.js";

const enc = (s: string) => new TextEncoder().encode(s);
const SPEC = "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n";

/** Whether a .vmspec.yaml with `rules: {<id>: warning}` is accepted. */
function configAccepts(id: string): true | string {
  const dir = mkdtempSync(join(tmpdir(), "catalog-"));
  writeFileSync(join(dir, ".vmspec.yaml"), `rules:\n  ${JSON.stringify(id)}: warning\n`);
  try {
    readConfig(join(dir, ".vmspec.yaml"));
    return true;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Whether a suppression comment naming `id` is accepted. */
/** True when a suppression comment takes the id, else the message of the finding at it. */
function commentAccepts(id: string): true | string {
  const r = lintInput("spec", enc(`${SPEC}# vmspec-disable-next-line ${id} -- test\naccel: kvm\n`), {
    baseDir: "/",
    suppressions: { file: "t.yaml" },
  });
  return r.findings.find((f) => f.ruleId === "suppression-unknown-rule")?.message ?? true;
}

describe("the finding catalog", () => {
  it("holds every rule, every reading id and every built-in id, once", () => {
    for (const r of RULES) expect(CATALOG.get(r.meta.id)?.kinds).toContain("rule");
    for (const id of Object.keys(LOADER_RULES)) expect(CATALOG.get(id)?.kinds).toEqual(["reading"]);
    for (const e of BUILTIN_FINDINGS) expect(CATALOG.has(e.id)).toBe(true);
    expect(CATALOG.size).toBe(new Set([...RULES.map((r) => r.meta.id), ...BUILTIN_FINDINGS.map((e) => e.id)]).size);
    // The two ids that are both a rule and an image check are one entry of both kinds.
    expect(CATALOG.get("qed-deprecated")!.kinds).toEqual(["rule", "image-check"]);
  });

  it("every id a finding is made with in the product is in the catalog", () => {
    // Every ruleId literal the engine, readers and CLI write.
    const ids = new Set<string>();
    const walk = (dir: string) => {
      for (const f of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        if (f.isDirectory()) walk(join(dir, f.name));
        else if (/\.ts$/.test(f.name))
          for (const m of readFileSync(join(ROOT, dir, f.name), "utf8").matchAll(/ruleId: "([a-z0-9-]+)"/g)) ids.add(m[1]);
      }
    };
    for (const d of ["core", "spec", "qemu", "compiler", "import", "lint", "cli"]) walk(d);
    expect(ids.size).toBeGreaterThan(5);
    expect([...ids].filter((id) => !CATALOG.has(id))).toEqual([]);
  });

  it.each([...CATALOG.values()].map((e) => [e.id, e] as const))(
    "%s: --rule and .vmspec.yaml take it iff it is configurable, comments iff suppressible",
    (id, e) => {
      const config = configAccepts(id);
      if (e.configurable) expect(config).toBe(true);
      else expect(config).toContain(`"${id}" is ${e.kinds[0] === "reading" ? "a reading error" : "a"}`);
      const comment = commentAccepts(id);
      if (e.suppressible) expect(comment).toBe(true);
      else expect(comment).toContain(`"${id}" is `);
      expect(acceptedIds("configuration").includes(id)).toBe(e.configurable);
      expect(acceptedIds("suppression").includes(id)).toBe(e.suppressible);
    },
  );

  it("says the same did-you-mean in --rule, .vmspec.yaml and a suppression comment", () => {
    expect(unknownId("tcg-unsuported", "configuration")).toBe('unknown rule "tcg-unsuported"; did you mean "tcg-unsupported"?');
    expect(configAccepts("tcg-unsuported")).toContain('did you mean "tcg-unsupported"?');
    expect(commentAccepts("tcg-unsuported")).toContain('did you mean "tcg-unsupported"?');
    const cli = vmspec(["lint", "--rule", "tcg-unsuported=off", join(ROOT, "examples/minimal-uefi.yaml")]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('did you mean "tcg-unsupported"?');
  });

  it("explains why a reading or schema id cannot be set with --rule (exit 2), and the docs say the same", () => {
    const r = vmspec(["lint", "--rule", "yaml-syntax=off", join(ROOT, "examples/minimal-uefi.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"yaml-syntax" is a reading error: it cannot be configured or turned off');
    const s = vmspec(["lint", "--rule", "schema=warning", join(ROOT, "examples/minimal-uefi.yaml")]);
    expect(s.stderr).toContain('"schema" is a schema error: it cannot be configured or turned off');
  });

  it("resolves severities in one place: a setting for a configurable id, else the default", () => {
    expect(resolveSeverity("tcg-unsupported", undefined)).toBe("warning");
    expect(resolveSeverity("tcg-unsupported", { "tcg-unsupported": "error" })).toBe("error");
    expect(resolveSeverity("unused-suppression", { "unused-suppression": "off" })).toBe("off");
    // Not configurable: the setting is never consulted.
    expect(resolveSeverity("yaml-syntax", { "yaml-syntax": "off" })).toBe("error");
    // Suppression notes follow the same resolution as rules.
    const text = `${SPEC}# vmspec-disable-next-line tcg-unsupported -- nothing to hide\naccel: kvm\n`;
    const sev = (rules?: Record<string, "off" | "info" | "warning" | "error">) =>
      lintInput("spec", enc(text), { baseDir: "/", rules, suppressions: { file: "t.yaml" } })
        .findings.filter((f) => f.ruleId === "unused-suppression")
        .map((f) => f.severity);
    expect(sev()).toEqual(["warning"]);
    expect(sev({ "unused-suppression": "info" })).toEqual(["info"]);
    expect(sev({ "unused-suppression": "off" })).toEqual([]);
  });

  it("the engine names no rule: what --accel/--cpu excuse is in the rules' metadata", () => {
    const ruleOnly = RULES.map((r) => r.meta.id).filter((id) => !BUILTIN_FINDINGS.some((e) => e.id === id));
    const engine = readdirSync(join(ROOT, "lint"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const named = engine.flatMap((f) =>
      ruleOnly.filter((id) => readFileSync(join(ROOT, "lint", f), "utf8").includes(`"${id}"`)).map((id) => `lint/${f}: ${id}`),
    );
    expect(named).toEqual([]);
    expect(
      RULES.filter((r) => r.meta.excusedBy)
        .map((r) => `${r.meta.id}:${r.meta.excusedBy}`)
        .sort(),
    ).toEqual(["cpu-feature-mixed-syntax:cpu", "kvm-not-enabled:accel", "tcg-unsupported:accel", "unsupported-cpu-model:cpu"]);
  });
});
