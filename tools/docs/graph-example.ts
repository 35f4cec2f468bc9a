// The README's picture: `vmspec graph examples/bridged-agent.yaml`, as SVG.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { toDot } from "../../compiler/graph.js";
import { graphSpec, renderSvg } from "../../lint/graph.js";

export const GRAPH_EXAMPLE = fileURLToPath(new URL("../../examples/bridged-agent.yaml", import.meta.url));
export const GRAPH_EXAMPLE_DOC = fileURLToPath(new URL("../../docs/images/vm-graph.svg", import.meta.url));

export async function graphExample(): Promise<string> {
  const r = graphSpec(readFileSync(GRAPH_EXAMPLE), { baseDir: dirname(GRAPH_EXAMPLE) });
  if (!r.graph) throw new Error("examples/bridged-agent.yaml does not compile");
  return renderSvg(toDot(r.graph));
}
