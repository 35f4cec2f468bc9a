// kubevirt-watchdog: a watchdog, which KubeVirt refuses on arm64.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-watchdog.js";

ruleTester.run(rule, {
  valid: [{ yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nrng: {}\n` }],
  invalid: [
    {
      yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nwatchdog:\n  action: poweroff\n`,
      errors: [{ messageId: "watchdog", line: 4, column: 1, endLine: 4, endColumn: 9 }],
    },
  ],
});
