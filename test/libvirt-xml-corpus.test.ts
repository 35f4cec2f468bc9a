// The oracle for linting libvirt domain XML: libvirt's own test data pairs each domain with the
// command line libvirt generated for it. A finding on that command line must also be found on the
// XML, unless a reasoned entry of DIFFERENCES (tools/docs/libvirt-xml-corpus.ts) explains why; the
// committed table docs/libvirt-xml-corpus.md must be current (npm run docs).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { DIFFERENCES, LIBVIRT_XML_CORPUS_DOC, libvirtXmlCorpusPage, oracleFor, xmlCorpusOracle } from "../tools/docs/libvirt-xml-corpus.js";

describe("libvirt domain XML against libvirt's own command line for it", () => {
  const files = xmlCorpusOracle();

  it("pairs all 92 command lines with their XML", () => {
    expect(files).toHaveLength(92);
  });

  it("misses no finding that comes from something vmspec maps", () => {
    const missed = files.flatMap((f) =>
      f.findings.filter((x) => x.outcome.kind === "missed").map((x) => `${f.version}/${f.args}: ${x.finding.ruleId}: ${x.finding.message}`),
    );
    expect(missed).toEqual([]);
    // Most findings are the same ones; the allowances explain the rest, they do not swallow it.
    // (168 of 604: runs-as-root, on every command line, is libvirt's and not the domain's.)
    const all = files.flatMap((f) => f.findings);
    const same = all.filter((x) => x.outcome.kind === "same" || x.outcome.kind === "same-rule").length;
    expect(same).toBeGreaterThan(160);
  });

  it("uses every reasoned difference, each for what it says", () => {
    const used = new Set(files.flatMap((f) => f.findings.flatMap((x) => (x.outcome.kind === "difference" ? [x.outcome.id] : []))));
    expect([...used].sort()).toEqual(DIFFERENCES.map((d) => d.id).sort());
    for (const d of DIFFERENCES) expect(d.reason.length, d.id).toBeGreaterThan(80);
  });

  it("finds on the XML what the command line shows for mapped settings, at the element", () => {
    // aarch64-aavmf-virtio-mmio: libvirt 3.3 wrote -cpu cortex-a53 from <model>cortex-a53</model>.
    const f = oracleFor("v3.3.0", "qemuxml2argv-aarch64-aavmf-virtio-mmio.args");
    expect(f.findings.find((x) => x.finding.ruleId === "unsupported-cpu-model")?.outcome).toEqual({ kind: "same" });
    // pcie-expander-bus: 16 CPUs on GICv2 on both.
    const g = oracleFor("v9.10.0", "pcie-expander-bus-aarch64.aarch64-latest.args");
    expect(g.findings.find((x) => x.finding.ruleId === "gic-cpu-limit")?.outcome.kind).toMatch(/^same/);
  });

  it("has its table in docs/libvirt-xml-corpus.md, current", () => {
    expect(readFileSync(LIBVIRT_XML_CORPUS_DOC, "utf8")).toBe(libvirtXmlCorpusPage());
  });
});
