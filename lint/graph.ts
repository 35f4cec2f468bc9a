// `vmspec graph`: a spec linted and compiled as `vmspec build` would, drawn as a graph
// (compiler/graph.ts) with each finding marked on the node of the option it concerns.
import { createRequire } from "node:module";
import type { Finding, Severity } from "../core/finding.js";
import { SEVERITY_ORDER } from "../core/finding.js";
import { vmGraph, type VmGraph } from "../compiler/graph.js";
import { lintInput, specRangeAt, type LintOptions } from "./lint.js";

export interface GraphResult {
  text: string;
  findings: Finding[];
  /** Absent when the spec could not be compiled (a reading or schema error). */
  graph?: VmGraph;
}

export function graphSpec(bytes: Uint8Array, opts: LintOptions): GraphResult {
  const r = lintInput("spec", bytes, opts);
  if (!r.compiled) return { text: r.text, findings: r.findings };
  const options = r.compiled.options;
  const graph = vmGraph(options, { baseDir: opts.baseDir });
  const ranges = options.map((o) => specRangeAt(r, o.path));
  const nodeOf = new Map<number, string>();
  for (const n of graph.nodes) if (n.option !== undefined && !nodeOf.has(n.option)) nodeOf.set(n.option, n.id);
  for (const f of r.findings) {
    // The option whose YAML holds the finding most narrowly; its node, else the machine's.
    // On a tie (a disk's -drive and -device share its YAML), the option the message names wins.
    const named = (i: number) => (options[i].props?.some((p) => p.implied && f.message.includes(p.value)) ? 1 : 0);
    let best = -1;
    ranges.forEach(([s, e], i) => {
      if (f.range[0] < s || f.range[0] > e) return;
      const width = e - s;
      const bestWidth = best < 0 ? Infinity : ranges[best][1] - ranges[best][0];
      if (width < bestWidth || (width === bestWidth && named(i) > named(best))) best = i;
    });
    const node = graph.nodes.find((n) => n.id === (best >= 0 ? nodeOf.get(best) : undefined)) ?? graph.nodes[0];
    const worse = (a: Severity, b: Severity) => (SEVERITY_ORDER[a] < SEVERITY_ORDER[b] ? a : b);
    node.finding = node.finding
      ? { severity: worse(node.finding.severity, f.severity), ids: [...new Set([...node.finding.ids, f.ruleId])] }
      : { severity: f.severity, ids: [f.ruleId] };
  }
  return { text: r.text, findings: r.findings, graph };
}

/** DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz), loaded on first use (it is 1.2 MB). */
export async function renderSvg(dot: string): Promise<string> {
  const viz = createRequire(import.meta.url)("@viz-js/viz") as typeof import("@viz-js/viz");
  return (await viz.instance()).renderString(dot, { format: "svg" });
}
