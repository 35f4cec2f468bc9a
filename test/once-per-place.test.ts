// One finding per spec location: options compiled from one field (each `-numa dist` of a node's
// `distances`) do not repeat the same finding at the same place.
import { describe, expect, it } from "vitest";
import { lintSpec } from "../lint/lint.js";

const enc = (s: string) => new TextEncoder().encode(s);
const SPEC = `name: numa
machine:
  type: virt
memory:
  size: 3GiB
cpu:
  count: 3
numa:
  - cpus: "0"
    memory: 1GiB
    distances: { "1": 20, "2": 30 }
  - cpus: "1"
    memory: 1GiB
    distances: { "2": 20 }
  - cpus: "2"
    memory: 1GiB
`;

describe("a node with two distances", () => {
  for (const fullPath of [false, true])
    it(`gets one unsupported-option error at its distances, not one per -numa dist (${fullPath ? "full" : "fast"} path)`, () => {
      const found = lintSpec(enc(SPEC), { baseDir: "/", qemu: [7, 2], fullPath }).findings.filter((f) => f.ruleId === "unsupported-option");
      const lines = found.map((f) => SPEC.slice(0, f.range[0]).split("\n").length);
      // Nodes at lines 9, 12, 15; distances at 11 and 14: each once.
      expect(lines.sort((a, b) => a - b)).toEqual([9, 11, 12, 14, 15]);
    });
});
