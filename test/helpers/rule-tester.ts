// Our RuleTester (after ESLint's): a table of valid and invalid inputs per rule, each linted by the
// real engine (lint/lint.ts lintInput: load, schema, compile, reading, suppressions) with only
// that rule on and every other rule off. An invalid case states each finding's message id and
// exact range; a fixable rule's case states the text `--fix` leaves (applied as the CLI applies
// it, lint/fix-edit.ts applyEdits, then linted again: a second pass must change nothing).
//
// Inputs must otherwise be clean: a schema error, an argv-syntax or argv-unknown warning or any
// other finding not from the rule fails the case, so every case is an input QEMU or vmspec takes.
import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { lintInput, type InputKind, type LintOptions } from "../../lint/lint.js";
import { applyEdits } from "../../lint/fix-edit.js";
import { locate } from "../../core/positions.js";
import type { Finding } from "../../core/finding.js";
import { RULES } from "../../rules/index.js";
import { formatMessage, type MessageData, type Rule } from "../../rules/rule.js";
import { scratch } from "./workdir.js";

/** One input, written in exactly one of the five languages vmspec lints. */
export type Input = { yaml: string } | { argv: string } | { readconfig: string } | { qmp: string } | { hmp: string };

interface Common {
  /** The test's name; by default the input's language and its first line that says something. */
  name?: string;
  /** Files beside the input (a -readconfig file a command line names), by relative path. */
  files?: Record<string, string>;
  /** vmspec's own --accel / --cpu and --profile / --qemu, as on its command line. */
  lint?: Pick<LintOptions, "overrides" | "profile" | "qemu" | "host">;
}

export type ValidCase = Input & Common;

export interface ExpectedError {
  messageId: string;
  /** When given, the message must be exactly the template filled with this data. */
  data?: MessageData;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The suggestions offered (never applied by --fix), each with the text it would leave. */
  suggestions?: { messageId: string; data?: MessageData; output: string }[];
}

export type InvalidCase = Input &
  Common & {
    errors: ExpectedError[];
    /** The text after --fix; required when a finding carries a fix, forbidden otherwise. */
    output?: string;
  };

const KIND: Record<string, InputKind> = { yaml: "spec", argv: "argv", readconfig: "readconfig", qmp: "qmp", hmp: "hmp" };

function inputOf(c: Input): { kind: InputKind; lang: string; text: string } {
  const langs = Object.keys(KIND).filter((k) => typeof (c as Record<string, unknown>)[k] === "string");
  if (langs.length !== 1)
    throw new Error(`a case gives exactly one of yaml, argv, readconfig, qmp or hmp (this one: ${langs.join(", ") || "none"})`);
  return { kind: KIND[langs[0]], lang: langs[0], text: (c as Record<string, string>)[langs[0]] };
}

function nameOf(c: Common & Input, lang: string, text: string): string {
  if (c.name) return c.name;
  const line = text.split("\n").find((l) => l.trim() && !/^(#!|name:|memory:|runAs:)/.test(l.trim())) ?? text;
  return `${lang}: ${line.trim().slice(0, 100)}`;
}

/** Lints `text` as `kind` with only `rule` on; the spec both by the fast path and the full one. */
export function lintOnly(rule: Rule, c: Input & Common): { text: string; findings: Finding[] } {
  const { kind, text } = inputOf(c);
  const dir = scratch("vmspec-rule-tester-");
  for (const [path, content] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const rules = Object.fromEntries(RULES.map((r) => [r.meta.id, r === rule ? r.meta.defaultSeverity : ("off" as const)]));
  // A KubeVirt rule runs only when the spec is linted for KubeVirt.
  const opts: LintOptions = { baseDir: dir, rules, target: rule.meta.target, ...c.lint };
  const r = lintInput(kind, new TextEncoder().encode(text), opts);
  if (kind === "spec") {
    // The fast path (no ranged Document) and the full one must agree on every finding.
    const full = lintInput(kind, new TextEncoder().encode(text), { ...opts, fullPath: true });
    expect(locate(full.text, full.findings), "the full path agrees with the fast path").toEqual(locate(r.text, r.findings));
  }
  return { text: r.text, findings: r.findings };
}

/** Findings in the order they are printed (line, column, rule id), each with its message id. */
function located(text: string, findings: Finding[]) {
  return findings
    .map((f) => ({ ...locate(text, [f])[0], messageId: f.messageId }))
    .sort((x, y) => x.line - y.line || x.column - y.column || x.ruleId.localeCompare(y.ruleId));
}

/** What a failing case prints: every finding as `line:column-endLine:endColumn rule/messageId: message`. */
const shown = (text: string, findings: Finding[]) =>
  located(text, findings).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}/${f.messageId ?? "-"}: ${f.message}`);

export const ruleTester = {
  run(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    const id = rule.meta.id;
    describe(id, () => {
      if (cases.invalid.length === 0) throw new Error(`${id}: a rule's tests have at least one invalid case`);
      describe("valid", () => {
        for (const c of cases.valid) {
          const { lang, text } = inputOf(c);
          it(nameOf(c, lang, text), () => {
            const r = lintOnly(rule, c);
            expect(shown(r.text, r.findings)).toEqual([]);
          });
        }
      });
      describe("invalid", () => {
        for (const c of cases.invalid) {
          const { lang, text } = inputOf(c);
          it(nameOf(c, lang, text), () => {
            if (c.errors.length === 0) throw new Error("an invalid case states at least one error");
            const r = lintOnly(rule, c);
            const got = located(r.text, r.findings);
            // Nothing but the rule's own findings: the input is otherwise one QEMU or vmspec takes.
            expect(
              got.filter((f) => f.ruleId !== id).map((f) => `${f.line}:${f.column} ${f.ruleId}: ${f.message}`),
              "findings of other checks",
            ).toEqual([]);
            expect(
              got.map((f) => ({ messageId: f.messageId, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn })),
              shown(r.text, r.findings).join("\n"),
            ).toEqual(
              c.errors.map((e) => ({ messageId: e.messageId, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn })),
            );
            got.forEach((f, i) => {
              const e = c.errors[i];
              expect(rule.meta.messages[e.messageId], `${e.messageId} is declared in meta.messages`).toBeDefined();
              if (e.data) expect(f.message).toBe(formatMessage(rule.meta, e));
              if (e.suggestions) {
                expect((f.suggestions ?? []).map((s) => ({ message: s.message, output: applyEdits(r.text, [s.fix]) }))).toEqual(
                  e.suggestions.map((s) => ({ message: formatMessage(rule.meta, s), output: s.output })),
                );
              }
            });
            const edits = r.findings.flatMap((f) => (f.fix ? [f.fix] : []));
            if (edits.length === 0) {
              expect(c.output, "no finding carries a fix, so the case states no output").toBeUndefined();
              return;
            }
            expect(rule.meta.fixable, "a rule that fixes declares meta.fixable").toBe(true);
            expect(c.output, "a case whose findings carry fixes states the output of --fix").toBeTypeOf("string");
            const after = applyEdits(r.text, edits);
            expect(after).toBe(c.output);
            // As --fix: the fixed text is linted again, and nothing is left to fix.
            const again = lintOnly(rule, { ...c, ...{ [lang]: after } });
            expect(
              again.findings.filter((f) => f.fix),
              "a second --fix changes nothing",
            ).toEqual([]);
          });
        }
      });
    });
  },
};
