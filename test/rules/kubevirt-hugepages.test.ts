// kubevirt-hugepages: guest memory on hugepages, which KubeVirt does not support on arm64.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-hugepages.js";

ruleTester.run(rule, {
  valid: [
    { yaml: `name: web\nmemory:\n  size: 2GiB\nrunAs: qemu\n` },
    { yaml: `name: web\nmemory:\n  size: 2GiB\n  hugepages: false\nrunAs: qemu\n` },
  ],
  invalid: [
    {
      yaml: `name: web\nmemory:\n  size: 2GiB\n  hugepages: true\nrunAs: qemu\n`,
      errors: [{ messageId: "hugepages", line: 4, column: 14, endLine: 4, endColumn: 18 }],
    },
    {
      yaml: `name: web\nmemory:\n  size: 2GiB\n  hugepages: /dev/hugepages1G\nrunAs: qemu\n`,
      errors: [{ messageId: "hugepages", line: 4, column: 14, endLine: 4, endColumn: 30 }],
    },
  ],
});
