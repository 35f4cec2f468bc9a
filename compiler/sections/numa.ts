// Guest NUMA nodes: per node a memory backend (`memory-backend-ram`, or `memory-backend-file` on
// hugetlbfs) and `-numa node,nodeid=,cpus=,memdev=`, then the distances (`-numa dist`), written in
// node order (QEMU numbers nodes and reads distances by the order of -numa, see import/equivalence.ts).
import type { CompileContext } from "../context.js";
import { hostPath } from "../context.js";
import { implied, props, type Prop, type QemuOption } from "../../qemu/options.js";
import { formatSize, parseSize } from "../../spec/size.js";
import { numaMemdevId } from "../ids.js";

/** A problem the target QEMU version cannot express. */
export interface TargetProblem {
  message: string;
  path: (string | number)[];
}

/** The node indexes of a distances map, in numeric order. */
export const distanceTargets = (distances: Record<string, number>): number[] =>
  Object.keys(distances)
    .map(Number)
    .sort((a, b) => a - b);

export function numaOptions(ctx: CompileContext, problems: TargetProblem[]): QemuOption[] {
  const nodes = ctx.spec.numa ?? [];
  const out: QemuOption[] = [];
  nodes.forEach((node, i) => {
    const memdev = numaMemdevId(i);
    const huge = node.hugepages ?? ctx.spec.memory.hugepages;
    const hugePath = huge === undefined || huge === false ? undefined : hostPath(ctx, huge === true ? "/dev/hugepages" : huge);
    out.push({
      flag: "-object",
      props: props(implied("qom-type", hugePath === undefined ? "memory-backend-ram" : "memory-backend-file", ["numa", i, "hugepages"]), [
        ["id", memdev],
        ["size", formatSize(parseSize(node.memory) ?? 0), ["numa", i, "memory"]],
        ["mem-path", hugePath, node.hugepages !== undefined ? ["numa", i, "hugepages"] : ["memory", "hugepages"]],
      ]),
      path: ["numa", i],
    });
    // A list of ranges is one cpus= per range, as QEMU reads it (`cpus=0-1,cpus=4-5`).
    const cpus: Prop[] = node.cpus.split(",").map((range) => ({ key: "cpus", value: range, path: ["numa", i, "cpus"] }));
    out.push({
      flag: "-numa",
      props: [implied("type", "node"), { key: "nodeid", value: String(i) }, ...cpus, { key: "memdev", value: memdev }],
      path: ["numa", i],
    });
  });
  nodes.forEach((node, i) => {
    if (!node.distances) return;
    if (!ctx.target.numaDistances) {
      problems.push({
        message: `QEMU ${ctx.target.version.join(".")} has no -numa dist (it came in QEMU 2.10): remove numa[${i}].distances or build for a newer QEMU`,
        path: ["numa", i, "distances"],
      });
      return;
    }
    for (const to of distanceTargets(node.distances)) {
      out.push({
        flag: "-numa",
        props: props(implied("type", "dist"), [
          ["src", i],
          ["dst", to],
          ["val", node.distances[String(to)], ["numa", i, "distances", String(to)]],
        ]),
        path: ["numa", i, "distances"],
      });
    }
  });
  return out;
}
