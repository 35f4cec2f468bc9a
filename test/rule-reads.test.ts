// Rules that declare the flags they read (RuleMeta.reads) are given only those options. This
// checks each declaration: on every option list we have — the libvirt corpus, the examples, every
// rule's documentation examples and generated benchmark specs — each such rule reports exactly
// the same things from the narrowed list as from the whole one.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../rules/index.js";
import type { Rule } from "../rules/rule.js";
import { optionsByFlag, optionsFor } from "../lint/run.js";
import { profileNamed } from "../rules/profile.js";
import { loadSpecText } from "../spec/load.js";
import { compile } from "../compiler/compile.js";
import { parseOptions } from "../qemu/parse-options.js";
import { qemuWords } from "../qemu/read/shell-words.js";
import type { QemuOption } from "../qemu/options.js";
import type { VmSpec } from "../spec/types.js";
import { generateSpec } from "../bench/generate.js";
import { corpusFiles } from "./helpers/corpus.js";
import { ROOT } from "./helpers/cli.js";

const profile = profileNamed()!;

function specOptions(text: string): QemuOption[] | undefined {
  const { data } = loadSpecText(text);
  if (!data) return undefined;
  for (const qemu of [
    [2, 9],
    [7, 2],
  ] as const) {
    const r = compile(data as unknown as VmSpec, { baseDir: "/srv/vms", qemu: [...qemu] });
    if (r.options.length) return r.options;
  }
  return undefined;
}

const argvOptions = (text: string) => parseOptions(qemuWords(text).words).options;

const lists: QemuOption[][] = [
  ...corpusFiles().map((f) => argvOptions(readFileSync(f.path, "utf8"))),
  ...readdirSync(join(ROOT, "examples")).map((f) => specOptions(readFileSync(join(ROOT, "examples", f), "utf8")) ?? []),
  ...RULES.flatMap((r) =>
    r.meta.docs.examples.map((e) => (e.lang === "yaml" ? (specOptions(e.text) ?? []) : e.lang === "sh" ? argvOptions(e.text) : [])),
  ),
  ...Array.from({ length: 300 }, (_, i) => specOptions(generateSpec(i)) ?? []),
].filter((l) => l.length > 0);

/** What a rule reports on a list, with each option named by its place in the whole list. */
function reports(rule: Rule, given: QemuOption[], whole: QemuOption[]): string[] {
  const out: string[] = [];
  if (rule.input !== "options" || given.length === 0) return out;
  rule.check({ options: given, profile, qemu: [7, 2], report: (o, r) => out.push(`${whole.indexOf(o)} ${JSON.stringify(r)}`) });
  return out;
}

function disagreements(rule: Rule): number {
  let n = 0;
  for (const whole of lists) {
    const narrowed = optionsFor(rule, whole, optionsByFlag(whole));
    if (JSON.stringify(reports(rule, narrowed, whole)) !== JSON.stringify(reports(rule, whole, whole))) n++;
  }
  return n;
}

describe("rules that declare what they read", () => {
  const declaring = RULES.filter((r) => r.meta.reads);

  it("are most of the option rules, and the lists cover each one's flags", () => {
    expect(declaring.length).toBeGreaterThan(20);
    expect(lists.length).toBeGreaterThan(300);
  });

  for (const rule of declaring) {
    it(`${rule.meta.id} reports the same from ${rule.meta.reads!.join(" ")} as from every option`, () => {
      expect(disagreements(rule)).toBe(0);
      // Not vacuous: the rule reports something on some list that also holds options it does not read.
      expect(lists.some((l) => reports(rule, l, l).length > 0 && l.some((o) => !rule.meta.reads!.includes(o.flag)))).toBe(true);
    });
  }

  it("would catch a declaration that leaves out a flag the rule reads", () => {
    const unsupported = RULES.find((r) => r.meta.id === "unsupported-device")!;
    const kvm = RULES.find((r) => r.meta.id === "kvm-not-enabled")!;
    expect(disagreements({ ...unsupported, meta: { ...unsupported.meta, reads: ["-machine"] } })).toBeGreaterThan(0);
    expect(disagreements({ ...kvm, meta: { ...kvm.meta, reads: ["-machine"] } })).toBeGreaterThan(0);
  });
});
