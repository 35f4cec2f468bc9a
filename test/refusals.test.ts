// The specs the new "QEMU refuses it" rules report, judged by the real QEMU 7.2: each rule's
// incorrect spec (from its docs page) is refused with the message the rule quotes, and its correct
// spec starts. So a finding is never a guess about QEMU, and a clean spec is one QEMU takes.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { compile } from "../compiler/compile.js";
import { toArgv } from "../compiler/emit/argv.js";
import { lintInput } from "../lint/lint.js";
import type { VmSpec } from "../spec/types.js";
import { RULES } from "../rules/index.js";
import { startExpectingFailure, startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

/** What QEMU says for each rule's incorrect spec. */
const REFUSALS: Record<string, RegExp> = {
  "gic-cpu-limit": /Number of SMP CPUs requested \(16\) exceeds max CPUs supported by machine 'mach-virt' \(8\)/,
  "stdio-conflict": /cannot use stdio by multiple character devices|cannot use stdio with -daemonize/,
  "duplicate-image": /Failed to get "write" lock/,
  "duplicate-id": /Duplicate (ID|id) 'rng'/,
};

/** The spec's argv for this host: TCG, cortex-a57 where the spec says nothing else, images made. */
function argvFor(text: string, dir: string): string[] {
  const spec = parse(text) as VmSpec;
  spec.accel ??= "tcg";
  if (spec.accel === "tcg") spec.cpu = { ...spec.cpu, model: "cortex-a57" };
  delete spec.runAs;
  const c = compile(spec, { baseDir: dir, qemu: [7, 2] });
  for (const i of c.images) execFileSync("qemu-img", ["create", "-q", "-f", i.format, i.path, "16M"]);
  // QEMU 7.2 on this host: no QMP socket folder of vmspec's (startPaused adds its own monitor).
  return toArgv(
    c.options.filter((o) => !(o.flag === "-chardev" && o.props?.some((p) => p.key === "id" && p.value === "qmp")) && !(o.flag === "-mon")),
  );
}

describe("what the new rules call a refusal, QEMU refuses", () => {
  for (const [id, message] of Object.entries(REFUSALS)) {
    const rule = RULES.find((r) => r.meta.id === id)!;
    const specs = rule.meta.docs.examples.filter((e) => e.lang === "yaml");
    it(`${id}: QEMU refuses its incorrect spec with its message, and starts its correct one`, async () => {
      const bad = specs.filter((e) => e.kind === "incorrect");
      const good = specs.filter((e) => e.kind === "correct");
      expect(bad.length).toBeGreaterThan(0);
      for (const e of bad) {
        const dir = scratch("refusal-");
        writeFileSync(join(dir, "vm.yaml"), e.text);
        expect(lintInput("spec", new TextEncoder().encode(e.text), { baseDir: dir, qemu: [7, 2] }).findings.map((f) => f.ruleId)).toContain(
          id,
        );
        const r = await startExpectingFailure(argvFor(e.text, dir), { cwd: dir });
        expect(r.code, `${id}: QEMU started the incorrect spec`).not.toBe(0);
        expect(r.stderr).toMatch(message);
      }
      for (const e of good) {
        const dir = scratch("refusal-");
        expect(
          lintInput("spec", new TextEncoder().encode(e.text), { baseDir: dir, qemu: [7, 2] }).findings.map((f) => f.ruleId),
        ).not.toContain(id);
        const q = await startPaused(argvFor(e.text, dir), { cwd: dir, timeoutMs: 20000 });
        expect((await q.cmd("query-status")).status).toBe("prelaunch");
        await q.quit();
      }
    }, 120000);
  }
});
