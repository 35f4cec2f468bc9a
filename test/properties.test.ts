// Property tests (fast-check, seeded): generated specs never make lint or build throw; every
// built command line, read back by vmspec's own command-line reader, is the same option list;
// linting the built command line finds no error the spec's lint did not. Mutated inputs of every
// kind get findings with valid ranges, never an exception. `npm run fuzz` runs more cases.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { lintInput, lintArgv, type InputKind } from "../lint/lint.js";
import { buildSpec } from "../lint/build.js";
import { qemuWords } from "../qemu/read/shell-words.js";
import { parseOptions } from "../qemu/parse-options.js";
import { specArbitrary } from "./helpers/arbitraries.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { corpusFiles } from "./helpers/corpus.js";
import { RULES } from "../rules/index.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const enc = (s: string) => new TextEncoder().encode(s);

/** What an option is, for comparing two option lists (no positions, no spellings). */
const shape = (o: { flag: string; props?: { key: string; value: string }[]; raw?: string }) =>
  `${o.flag} ${o.props ? o.props.map((p) => `${p.key}=${p.value}`).join("\u0000") : (o.raw ?? "")}`;

function checkRanges(text: string, findings: { range: [number, number] }[]): void {
  for (const f of findings) {
    expect(f.range[0]).toBeGreaterThanOrEqual(0);
    expect(f.range[1]).toBeGreaterThanOrEqual(f.range[0]);
    expect(f.range[1]).toBeLessThanOrEqual(text.length);
  }
}

/** Every rule at warning: only reading and schema errors stop a build, so the compiler is exercised. */
const RELAXED = Object.fromEntries(RULES.map((r) => [r.meta.id, "warning" as const]));
let builds = 0;

describe("generated specs", () => {
  it("never make lint or build throw; what builds reads back as the same options and lints no worse", () => {
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        const text = stringify(spec);
        const lint = lintInput("spec", enc(text), { baseDir: "/vms", qemu: [7, 2], rules: RELAXED });
        checkRanges(lint.text, lint.findings);
        const built = buildSpec(enc(text), { baseDir: "/vms", qemu: [7, 2], format: "shell", rules: RELAXED });
        if (built.output === undefined) return;
        builds++;
        // The shell output, read by our own reader, is the option list the compiler made.
        const words = qemuWords(built.output);
        expect(words.problems).toEqual([]);
        const reread = parseOptions(words.words);
        expect(reread.options.map(shape)).toEqual(lint.compiled!.options.map(shape));
        // Linting what was built finds no error the spec's own lint did not.
        const specErrors = new Set(lint.findings.filter((f) => f.severity === "error").map((f) => f.ruleId));
        const argvErrors = lintArgv(enc(built.output), { baseDir: "/vms", qemu: [7, 2], rules: RELAXED }).findings.filter(
          (f) => f.severity === "error" && !specErrors.has(f.ruleId),
        );
        expect(argvErrors.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The property is about compiled output: enough generated specs must get that far.
    expect(builds).toBeGreaterThan(RUNS / 4);
  }, 300000);
});

/** Seeds for mutation: every kind of input the linter reads. */
function seeds(): { kind: InputKind; text: string }[] {
  const dir = (d: string) => readdirSync(join(ROOT, d)).map((f) => join(ROOT, d, f));
  return [
    ...dir("examples").map((p) => ({ kind: "spec" as const, text: readFileSync(p, "utf8") })),
    ...dir("test/golden")
      .filter((p) => p.endsWith(".yaml"))
      .map((p) => ({ kind: "spec" as const, text: readFileSync(p, "utf8") })),
    ...corpusFiles()
      .slice(0, 20)
      .map((f) => ({ kind: "argv" as const, text: readFileSync(f.path, "utf8") })),
    ...dir("test/golden")
      .filter((p) => p.endsWith(".readconfig"))
      .map((p) => ({ kind: "readconfig" as const, text: readFileSync(p, "utf8") })),
    {
      kind: "qmp",
      text: '{"execute":"qmp_capabilities"}\n{"execute":"human-monitor-command","arguments":{"command-line":"info block"}}\n[{"execute":"drive-mirror"}]\n',
    },
    { kind: "hmp", text: "info status\ndrive_mirror a b\n# comment\nsystem_reset\n" },
  ];
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant("delete-line" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate-line" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom("\t", "\u0000", "\r", "&a", "*a", "{", "[", '"', "'", "\\", "---\n", "#", ": ", "- ", "\uFEFF"),
    ),
  }),
);

function mutate(text: string, ms: fc.Value<typeof mutation>[] | any[]): string {
  let t = text;
  for (const m of ms) {
    const lines = t.split("\n");
    const i = lines.length ? m.at % lines.length : 0;
    if (m.op === "delete-line") lines.splice(i, 1);
    else if (m.op === "duplicate-line") lines.splice(i, 0, lines[i] ?? "");
    else if (m.op === "indent") lines[i] = m.by > 0 ? " ".repeat(m.by) + (lines[i] ?? "") : (lines[i] ?? "").slice(-m.by);
    if (m.op === "truncate") t = t.slice(0, t.length ? m.at % t.length : 0);
    else if (m.op === "insert") {
      const at = t.length ? m.at % t.length : 0;
      t = t.slice(0, at) + m.text + t.slice(at);
    } else t = lines.join("\n");
  }
  return t;
}

describe("fuzz regressions (test/fixtures/fuzz)", () => {
  const KIND: Record<string, InputKind> = { yaml: "spec", args: "argv", qmp: "qmp", hmp: "hmp", cfg: "readconfig" };
  const dir = join(ROOT, "test/fixtures/fuzz");
  for (const f of readdirSync(dir).filter((x) => !x.endsWith(".md"))) {
    it(f, () => {
      const text = readFileSync(join(dir, f), "utf8");
      const kind = KIND[f.split(".").pop()!];
      const r = lintInput(kind, enc(text), { baseDir: "/vms" });
      checkRanges(r.text, r.findings);
      if (kind === "spec") {
        const built = buildSpec(enc(text), { baseDir: "/vms", format: "argv", rules: RELAXED });
        if (built.output) expect(built.output.split("\n").slice(0, -1)).not.toContain("");
      }
    });
  }
});

describe("mutated inputs", () => {
  const all = seeds();
  it("of every kind give findings with valid ranges, never an exception, quickly", () => {
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, ms) => {
        const { kind, text } = all[pick];
        const mutated = mutate(text, ms);
        const started = Date.now();
        // A suppression comment naming no known rule (a mutated id) is a finding at the id, like any other.
        const r = lintInput(kind, enc(mutated), { baseDir: "/vms" });
        checkRanges(r.text, r.findings);
        expect(Date.now() - started).toBeLessThan(5000);
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  }, 300000);

  it("through the CLI end with exit code 0 or 1 and no stack trace", () => {
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (pick, ms) => {
        const { kind, text } = all[pick];
        const dir = scratch();
        const file = join(dir, "input");
        writeFileSync(file, mutate(text, ms));
        const flag = kind === "spec" ? [] : [`--${kind}`];
        const r = vmspec(["lint", ...flag, file, "--format", "json"]);
        expect([0, 1], r.stderr).toContain(r.code);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        JSON.parse(r.stdout);
      }),
      { numRuns: Math.max(20, RUNS / 50), seed: SEED },
    );
  }, 300000);
});
