// monitor-command-unsupported: an HMP command the statement lists as unsupported.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/monitor-command-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      hmp: `info status
system_powerdown
`,
    },
    {
      qmp: `{"execute": "qmp_capabilities"}
{"execute": "human-monitor-command", "arguments": {"command-line": "info block"}}
`,
    },
  ],
  invalid: [
    {
      hmp: `info status
drive_mirror drive0 /backup/d.qcow2
`,
      errors: [{ messageId: "unsupportedUse", line: 2, column: 1, endLine: 2, endColumn: 13 }],
    },
    {
      name: "A port forward added at run time",
      hmp: `hostfwd_add tcp::5555-:22
info usernet
`,
      errors: [{ messageId: "unsupported", line: 1, column: 1, endLine: 1, endColumn: 12 }],
    },
    {
      qmp: `{"execute": "human-monitor-command", "arguments": {"command-line": "netdev_add user,id=n1"}}
`,
      errors: [{ messageId: "unsupportedUse", line: 1, column: 68, endLine: 1, endColumn: 91 }],
    },
  ],
});
