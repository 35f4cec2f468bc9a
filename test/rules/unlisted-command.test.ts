// unlisted-command: a monitor or QMP command in neither of the statement's lists.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/unlisted-command.js";

ruleTester.run(rule, {
  valid: [
    {
      qmp: `{"execute": "qmp_capabilities"}
{"execute": "query-cpus"}
`,
    },
    {
      hmp: `info network
info block
`,
    },
  ],
  invalid: [
    {
      qmp: `{"execute": "qmp_capabilities"}
{"execute": "query-cpus-fast"}
`,
      errors: [{ messageId: "unlisted", line: 2, column: 13, endLine: 2, endColumn: 30 }],
    },
    {
      hmp: `hostfwd_list
`,
      errors: [{ messageId: "unlisted", line: 1, column: 1, endLine: 1, endColumn: 13 }],
    },
  ],
});
