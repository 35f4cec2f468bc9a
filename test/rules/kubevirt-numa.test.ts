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
  ],
});
