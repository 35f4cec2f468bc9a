// kubevirt-cpu-model: a CPU model other than host, which KubeVirt refuses on arm64.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-cpu-model.js";

ruleTester.run(rule, {
  valid: [
    { yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\ncpu:\n  model: host\n  count: 2\n` },
    { name: "no model: host-passthrough", yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\ncpu:\n  count: 2\n` },
  ],
  invalid: [
    {
      yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\ncpu:\n  model: max\n  count: 2\n`,
      errors: [{ messageId: "model", data: { model: "max" }, line: 5, column: 10, endLine: 5, endColumn: 13 }],
    },
    {
      yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\ncpu:\n  model: "host,pmu=off"\n`,
      errors: [{ messageId: "features", data: { model: "host,pmu=off" }, line: 5, column: 10, endLine: 5, endColumn: 24 }],
    },
  ],
});
