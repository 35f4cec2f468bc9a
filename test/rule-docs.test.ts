// Every rule page's examples are executed: each "incorrect" block must trigger the rule, each
// "correct" block must not, and must have no error at all. Blocks are specs (yaml), command lines
// (sh), -readconfig files (cfg) and monitor scripts (qmp, hmp). Together they are the per-rule
// failing and passing cases, on a spec and on a command line wherever the rule reads both
// (extra-args-conflict is about a spec's extraArgs only). Under each incorrect example the page
// shows what the built CLI prints for it; the page must be exactly what `npm run docs` writes.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../rules/index.js";
import { lintInput, type InputKind } from "../lint/lint.js";
import { ROOT } from "./helpers/cli.js";
import { renderPage } from "../tools/docs/docs-page.js";
import { lintExamples } from "../tools/docs/lint-output.js";
import { DEFAULT_BINARY, probe } from "../qemu/probe.js";
import { scratch } from "./helpers/workdir.js";

/** A probe cache of this test's own (the real binary, probed once here). */
const CACHE = scratch("vmspec-probe-cache-");

const KIND: Record<string, InputKind> = { yaml: "spec", sh: "argv", cfg: "readconfig", qmp: "qmp", hmp: "hmp" };

function blocks(
  md: string,
): { lang: string; kind: "incorrect" | "correct"; text: string; profile?: string; qemu?: [number, number]; host?: boolean }[] {
  // A block linted for another profile or QEMU than the default says so: ```sh incorrect profile=sles15sp4 qemu=7.2;
  // one linted against the host's QEMU (--host): ```sh incorrect host
  return [
    ...md.matchAll(/```(yaml|sh|cfg|qmp|hmp) (incorrect|correct)(?: profile=(\S+))?(?: qemu=(\d+)\.(\d+))?( host)?\n([\s\S]*?)```/g),
  ].map((m) => ({
    lang: m[1],
    kind: m[2] as "incorrect" | "correct",
    text: m[7],
    ...(m[3] ? { profile: m[3] } : {}),
    ...(m[4] ? { qemu: [Number(m[4]), Number(m[5])] as [number, number] } : {}),
    ...(m[6] ? { host: true } : {}),
  }));
}

describe("rule documentation", () => {
  it("has a page for every rule and none for a rule that is gone", () => {
    expect(readdirSync(join(ROOT, "docs/rules")).sort()).toEqual(RULES.map((r) => `${r.meta.id}.md`).sort());
  });

  for (const rule of RULES) {
    it(`${rule.meta.id}: the page is generated from the rule's metadata and the CLI's output (npm run docs)`, () => {
      const outputs = lintExamples(rule.meta.docs, rule.meta.target);
      // Every incorrect example's output shows a finding of this rule, with its page's link.
      for (const o of outputs.filter((x) => x !== undefined)) {
        expect(o.stdout, o.command).toMatch(new RegExp(`  ${rule.meta.id}\n`));
        expect(o.stdout, o.command).toContain(`docs/rules/${rule.meta.id}.md`);
      }
      expect(readFileSync(join(ROOT, "docs/rules", `${rule.meta.id}.md`), "utf8")).toBe(renderPage(rule.meta, outputs));
    }, 60000);
  }

  for (const rule of RULES) {
    it(`${rule.meta.id}: examples do what the page says`, () => {
      const md = readFileSync(join(ROOT, "docs/rules", `${rule.meta.id}.md`), "utf8");
      expect(md.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
      expect(md).toContain(`**Severity:** ${rule.meta.defaultSeverity}`);
      const all = blocks(md);
      expect(all.some((b) => b.kind === "incorrect")).toBe(true);
      expect(all.some((b) => b.kind === "correct")).toBe(true);
      // Rules that read options must show both a spec and a command line, when a spec can express the case.
      // (A KubeVirt rule reads specs only: KubeVirt takes no command line.)
      if (rule.input === "options" && rule.meta.id !== "extra-args-conflict" && !rule.meta.target && all.some((b) => b.lang === "yaml"))
        expect(all.some((b) => b.lang === "sh")).toBe(true);
      for (const b of all) {
        const findings = lintInput(KIND[b.lang], new TextEncoder().encode(b.text), {
          baseDir: "/vms",
          target: rule.meta.target,
          profile: b.profile,
          qemu: b.qemu,
          host: b.host ? probe(DEFAULT_BINARY, { env: { ...process.env, VMSPEC_CACHE_DIR: CACHE } }).host : undefined,
        }).findings;
        const ids = findings.map((f) => f.ruleId);
        if (b.kind === "incorrect") expect(ids, `${b.lang} incorrect:\n${b.text}`).toContain(rule.meta.id);
        else {
          expect(ids, `${b.lang} correct:\n${b.text}`).not.toContain(rule.meta.id);
          expect(
            findings.filter((f) => f.severity === "error"),
            `${b.lang} correct:\n${b.text}`,
          ).toEqual([]);
        }
      }
    });
  }
});
