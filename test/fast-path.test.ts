// The fast path (js-yaml + the fast validator, for files that lint clean) must never change a
// result: on every example, rule example, fuzz regression, benchmark spec and generated input,
// the fast path and the full path (ranged `yaml` Document, full validator) agree exactly.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { lintSpec } from "../lint/lint.js";
import { fastLoad, leftToFullLoader } from "../spec/fast/load.js";
import { loadSpecText } from "../spec/load.js";
import { isValidSpec } from "../spec/validate.js";
import { fastPositions } from "../spec/fast/positions.js";
import { documentPositions, type SpecPath } from "../spec/nodes.js";
import { RULES } from "../rules/index.js";
import { generateSpec } from "../bench/generate.js";
import { runRules } from "../lint/run.js";
import { profileNamed } from "../rules/profile.js";
import { enableTiming, timingTable } from "../core/timing.js";
import type { VmSpec } from "../spec/types.js";
import { specArbitrary } from "./helpers/arbitraries.js";
import { ROOT } from "./helpers/cli.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const fullValidator = createRequire(join(ROOT, "package.json"))("./spec/generated/validate-schema.cjs") as (d: unknown) => boolean;

const enc = (s: string) => new TextEncoder().encode(s);
const opts = { baseDir: "/srv/vms" };

/** Both paths on one text: identical findings (ranges and fixes included), and the same compiled options. */
function expectSamePaths(text: string): "fast, clean" | "fast, findings" | "full" {
  const fast = lintSpec(enc(text), opts);
  const full = lintSpec(enc(text), { ...opts, fullPath: true });
  expect(fast.findings).toEqual(full.findings);
  expect(fast.options).toEqual(full.options);
  return fast.doc !== undefined ? "full" : fast.findings.length ? "fast, findings" : "fast, clean";
}

/** Every path into the data, and some that lead nowhere from each. */
function pathsOf(data: unknown, at: SpecPath = []): SpecPath[] {
  const out: SpecPath[] = [at, [...at, "nowhere"], [...at, 99]];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (data !== null && typeof data === "object") for (const [k, v] of Object.entries(data)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

/** js-yaml's positions answer every path as the ranged Document does, or give up; true when they answered. */
function expectSamePositions(text: string): boolean {
  const fast = fastPositions(text);
  if (!fast) return false;
  const { doc, data } = loadSpecText(text);
  const full = documentPositions(doc!);
  for (const path of pathsOf(data)) {
    expect([path, fast.rangeAt(path)]).toEqual([path, full.rangeAt(path)]);
    expect([path, fast.scalarRangeAt(path)]).toEqual([path, full.scalarRangeAt(path)]);
  }
  return true;
}

const texts: [string, string][] = [
  ...readdirSync(join(ROOT, "examples")).map((f): [string, string] => [`examples/${f}`, readFileSync(join(ROOT, "examples", f), "utf8")]),
  ...RULES.flatMap((r) =>
    r.meta.docs.examples.filter((e) => e.lang === "yaml").map((e, i): [string, string] => [`${r.meta.id} example ${i}`, e.text]),
  ),
  ...readdirSync(join(ROOT, "test/fixtures/fuzz"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f): [string, string] => [`fuzz/${f}`, readFileSync(join(ROOT, "test/fixtures/fuzz", f), "utf8")]),
  ...Array.from({ length: 400 }, (_, i): [string, string] => [`bench spec ${i}`, generateSpec(i)]),
];

describe("the fast path", () => {
  it("gives the full path's findings on every example, rule example, fuzz regression and benchmark spec", () => {
    const taken = { "fast, clean": 0, "fast, findings": 0, full: 0 };
    for (const [, text] of texts) taken[expectSamePaths(text)]++;
    // It must also actually be taken: most benchmark specs are clean, and most rule examples
    // that fail are located by the fast path.
    expect(taken["fast, clean"]).toBeGreaterThan(300);
    expect(taken["fast, findings"]).toBeGreaterThan(40);
  }, 120_000);

  it("locates every path of every example, rule example and benchmark spec as the ranged Document does", () => {
    let answered = 0;
    for (const [, text] of texts) if (expectSamePositions(text)) answered++;
    expect(answered).toBeGreaterThan(texts.length * 0.9);
  }, 120_000);

  it("locates every path of generated specs as the ranged Document does, in block and flow styles", () => {
    let plain = 0;
    let answered = 0;
    fc.assert(
      fc.property(specArbitrary, fc.constantFrom<"block" | "flow" | "mixed">("block", "flow", "mixed"), (spec, style) => {
        const text = stringify(spec, { collectionStyle: style === "mixed" ? "any" : style, flowCollectionPadding: style === "flow" });
        if (fastLoad(text)) plain++;
        if (expectSamePositions(text)) answered++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // It gives up only on what it must (multi-line scalars, empty values) among the files the fast path reads.
    expect(answered).toBeGreaterThan(plain * 0.9);
  }, 120_000);

  it("gives the full path's findings on generated specs, in block and flow styles", () => {
    fc.assert(
      fc.property(specArbitrary, fc.constantFrom<"block" | "flow" | "mixed">("block", "flow", "mixed"), (spec, style) => {
        const text = stringify(spec, { collectionStyle: style === "mixed" ? "any" : style, flowCollectionPadding: style === "flow" });
        expectSamePaths(text);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);

  // Plain scalars where YAML 1.1 and 1.2, or two parsers, are known to disagree.
  const TRICKY = [
    "0o17",
    "017",
    "0x1F",
    "0X1F",
    "0b101",
    "1_000",
    "+12",
    "-0",
    "1e3",
    "1E+3",
    ".5",
    "1.",
    "-.inf",
    ".NaN",
    ".nan",
    "nan",
    "inf",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "True",
    "TRUE",
    "tRue",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "12:30:00",
    "1:20",
    "0.1.2",
    "1e",
    "0x",
    "=",
    "<<",
    "x # y",
    "x#y",
    "'q'",
    '"d"',
    "[1, 2]",
    "{a: 1}",
    "- a",
    "a: b: c",
    // Each first character the core resolver tells apart (spec/fast/load.ts coreScalar).
    "+",
    "-",
    ".",
    "~~",
    "nulls",
    "NuLL",
    "Nan",
    "+.INF",
    "-.Inf",
    ".infinity",
    "0o",
    "0o8",
    "-0x1",
    "00",
    "-.5e3",
    "+1.5E-3",
    "truE",
    "t",
    "FALSE",
    "False",
    "falsey",
    "F",
  ];

  it("reads every plain scalar as the full loader does, or leaves the file to it", () => {
    const line = fc.tuple(fc.constantFrom("name", "uuid", "runAs", "extraArgs", "x"), fc.constantFrom(...TRICKY));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (pairs) => {
        const text = pairs.map(([k, v]) => `${k}: ${v}`).join("\n") + "\n";
        const fast = fastLoad(text);
        if (fast === undefined) return;
        const full = loadSpecText(text);
        expect(full.findings).toEqual([]);
        expect(fast).toEqual(full.data);
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  }, 120_000);

  it("agrees with the full loader on mutated specs (deleted, doubled and inserted characters)", () => {
    // Any of 200 benchmark specs (clean ones and ones with findings), a few characters changed.
    const EDITS = ["del", "dup", "space", "colon", "dash", "quote", "squote", "brace", "bracket", "comma", "hash", "newline"] as const;
    fc.assert(
      fc.property(
        fc.nat(199),
        fc.array(fc.tuple(fc.nat(5000), fc.constantFrom(...EDITS)), { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          let t = generateSpec(which);
          for (const [at, kind] of edits) {
            const i = at % t.length;
            const ins = {
              del: "",
              dup: t[i] + t[i],
              space: " " + t[i],
              colon: ":" + t[i],
              dash: "- " + t[i],
              quote: '"' + t[i],
              squote: "'" + t[i],
              brace: "{" + t[i],
              bracket: "]" + t[i],
              comma: "," + t[i],
              hash: " #" + t[i],
              newline: "\n" + t[i],
            }[kind];
            t = t.slice(0, i) + ins + t.slice(i + 1);
          }
          const fast = fastLoad(t);
          if (fast !== undefined) {
            const full = loadSpecText(t);
            expect(full.findings).toEqual([]);
            expect(fast).toEqual(full.data);
            expectSamePositions(t);
          }
          expectSamePaths(t);
        },
      ),
      { numRuns: RUNS * 3, seed: SEED },
    );
  }, 120_000);

  it("leaves to the full loader exactly the texts the one pattern it replaces did (and lines after U+2028/U+2029)", () => {
    const PATTERN = /[\t\r&*!%|>?@`\\]|^(?:---|\.\.\.)|<<|__proto__|vmspec-|["'\]}]#/m;
    const pieces = [
      "a",
      " ",
      "\n",
      "#",
      '"',
      "'",
      "]",
      "}",
      "-",
      ".",
      "<",
      "_",
      "__proto__",
      "vmspec-",
      "---",
      "...",
      "&",
      "\t",
      "\r",
      ":",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(leftToFullLoader(text)).toBe(PATTERN.test(text));
      }),
      { numRuns: RUNS * 5, seed: SEED },
    );
    for (const [, text] of texts) expect(leftToFullLoader(text)).toBe(PATTERN.test(text));
    // After a line separator the pattern's ^ matches too: such a file is left to the full loader.
    expect(leftToFullLoader("name: a\u2028--- b\n")).toBe(true);
    expect(leftToFullLoader('# first\nname: "a"# x\n')).toBe(true);
    expect(leftToFullLoader("# first\nname: a # x\n")).toBe(false);
  });

  it("has a validator that accepts exactly what the full validator accepts", () => {
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        expect(isValidSpec(spec)).toBe(fullValidator(spec));
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
    for (const [, text] of texts) {
      const data = loadSpecText(text).data;
      if (data) expect(isValidSpec(data)).toBe(fullValidator(data));
    }
  }, 120_000);

  it("runs each rule once on a plain file, and locates its findings after as a run with positions would", () => {
    enableTiming();
    /** How often each phase or rule has run so far (the --stats table's calls column). */
    const calls = () =>
      new Map(
        timingTable()
          .split("\n")
          .slice(1)
          .flatMap((l) => {
            const m = /^(.*?)\s+[\d.]+\s+(\d+)\s/.exec(l);
            return m ? [[m[1], Number(m[2])] as const] : [];
          }),
      );
    const profile = profileNamed(undefined)!;
    let located = 0;
    for (const [name, text] of texts) {
      const before = calls();
      const r = lintSpec(enc(text), opts);
      if (r.doc) continue; // the full path
      const after = calls();
      const ran = (label: string) => (after.get(label) ?? 0) - (before.get(label) ?? 0);
      // Rules that cannot apply (KubeVirt's when linting for QEMU, host-* without --host, rules of
      // monitor commands) are left out once per run: they are not called at all.
      const applies = (rule: (typeof RULES)[number]) =>
        rule.input !== "commands" && rule.meta.target === undefined && !rule.meta.needsHost ? 1 : 0;
      expect([name, ran("rules"), ...RULES.map((rule) => ran(`rule:${rule.meta.id}`))]).toEqual([name, 1, ...RULES.map(applies)]);
      // Positions only for a file with findings, once.
      expect([name, ran("positions (fast)")]).toEqual([name, r.findings.length ? 1 : 0]);
      if (!r.findings.length) continue;
      located++;
      // What the rules give with the positions from the start (ranges, fixes, suggestions).
      const positions = fastPositions(text)!;
      expect(r.findings).toEqual(runRules({ kind: "spec", text, positions, spec: r.spec as VmSpec, options: r.options! }, profile));
    }
    expect(located).toBeGreaterThan(40);
  }, 120_000);
});
