// help-question-mark-deprecated: "?" as a value asking for help.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/help-question-mark-deprecated.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-device, help]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine help
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-device, "?"]
`,
      errors: [{ messageId: "questionMark", line: 4, column: 22, endLine: 4, endColumn: 25 }],
      output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-device, "help"]
`,
    },
    {
      name: "The old way of listing machines and CPUs",
      argv: `qemu-system-aarch64 -machine "?"
`,
      errors: [{ messageId: "questionMark", line: 1, column: 31, endLine: 1, endColumn: 32 }],
      output: `qemu-system-aarch64 -machine "help"
`,
    },
    {
      argv: `qemu-system-aarch64 -cpu '?'
`,
      errors: [{ messageId: "questionMark", line: 1, column: 27, endLine: 1, endColumn: 28 }],
      output: `qemu-system-aarch64 -cpu 'help'
`,
    },
  ],
});
