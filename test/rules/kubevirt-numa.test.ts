// kubevirt-numa: a NUMA topology, which KubeVirt does not support on arm64.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-numa.js";

const HEAD = `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\ncpu: {count: 2}\n`;

ruleTester.run(rule, {
  valid: [{ yaml: HEAD }],
  invalid: [
    {
      yaml: `${HEAD}extraArgs: [-numa, "node,nodeid=0,cpus=0-1"]\n`,
      errors: [{ messageId: "numa", line: 5, column: 13, endLine: 5, endColumn: 18 }],
    },
    {
      name: "the spec's numa nodes: each node's -numa, at the node",
      yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\ncpu: {count: 2}\nnuma:\n  - {cpus: "0", memory: 1GiB}\n  - {cpus: "1", memory: 1GiB}\n`,
      errors: [
        { messageId: "numa", line: 6, column: 5, endLine: 6, endColumn: 30 },
        { messageId: "numa", line: 7, column: 5, endLine: 7, endColumn: 30 },
      ],
    },
  ],
});
