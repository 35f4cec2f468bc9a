// What vmspec itself emits, judged by QEMU's own lists: every example and golden spec, compiled
// for every QEMU version vmspec targets (qemu/targets.ts KNOWN_TARGETS, the profiles' versions
// included), must emit nothing that version removed; what it deprecates is reported by lint as
// qemu-deprecated (and listed here, so a new one is seen).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { KNOWN_TARGETS, parseTarget, type QemuVersion } from "../qemu/targets.js";
import { lintInput } from "../lint/lint.js";
import { optionHits } from "../rules/qemu-changes.js";
import { ROOT } from "./helpers/cli.js";

const specs = [
  ...readdirSync(join(ROOT, "examples")).map((f) => join("examples", f)),
  ...readdirSync(join(ROOT, "test/golden"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join("test/golden", f)),
].filter((f) => f.endsWith(".yaml"));

/** What QEMU's lists say of each option a spec compiles to, for a target. */
function judged(file: string, target: QemuVersion) {
  const r = lintInput("spec", readFileSync(join(ROOT, file)), { baseDir: "/vms", qemu: target });
  const hits = (r.options ?? []).flatMap((o) =>
    optionHits(o, target).map((h) =>
      "versioned" in h ? { state: h.versioned.state, what: h.versioned.type } : { state: h.state, what: h.what },
    ),
  );
  return { compiled: r.options !== undefined, hits, findings: r.findings };
}

describe("what vmspec emits, for every target QEMU", () => {
  it("covers the examples and the golden specs, and every known target", () => {
    expect(specs.length).toBeGreaterThanOrEqual(12);
    expect(KNOWN_TARGETS).toContain("2.9");
    expect(KNOWN_TARGETS).toContain("7.2");
  });

  for (const target of KNOWN_TARGETS)
    for (const file of specs)
      it(`${file} for QEMU ${target}: nothing removed; what is deprecated is reported`, () => {
        const v = parseTarget(target)!;
        const { hits, findings } = judged(file, v);
        expect(hits.filter((h) => h.state === "removed").map((h) => h.what)).toEqual([]);
        expect(findings.filter((f) => f.ruleId === "qemu-removed")).toEqual([]);
        // Every deprecated thing emitted is a qemu-deprecated finding of lint.
        const deprecated = hits.filter((h) => h.state === "deprecated");
        expect(findings.filter((f) => f.ruleId === "qemu-deprecated")).toHaveLength(deprecated.length);
        expect(deprecated.map((h) => h.what)).toEqual([]);
      });

  // The check can fail: a QEMU after the ones vmspec targets has removed what runAs emits.
  it("would fail for QEMU 10.0, which has no -runas (runAs)", () => {
    const { hits, findings } = judged("examples/minimal-uefi.yaml", [10, 0]);
    expect(hits).toContainEqual({ state: "removed", what: "-runas" });
    expect(findings.filter((f) => f.ruleId === "qemu-removed").map((f) => f.message)).toEqual([
      "QEMU 10.0 no longer accepts -runas: removed in QEMU 10.0; use -run-with user=",
    ]);
  });
});
