// qmp-command-unsupported: a QMP command the statement lists as unsupported.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/qmp-command-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      qmp: `{"execute": "qmp_capabilities"}
{"execute": "blockdev-mirror", "arguments": {"device": "drive0", "target": "t", "sync": "full"}}
`,
    },
  ],
  invalid: [
    {
      qmp: `{"execute": "qmp_capabilities"}
{"execute": "drive-mirror", "arguments": {"device": "drive0", "target": "/backup/d.qcow2", "sync": "full", "format": "qcow2"}}
`,
      errors: [{ messageId: "unsupportedUse", line: 2, column: 13, endLine: 2, endColumn: 27 }],
    },
    {
      name: "Drive-backup and netdev_add in one script",
      qmp: `{"execute": "qmp_capabilities"}
{"execute": "drive-backup", "arguments": {"device": "drive0", "sync": "full", "target": "/backup/full.qcow2"}}
{"execute": "netdev_add", "arguments": {"type": "user", "id": "n1"}}
`,
      errors: [
        { messageId: "unsupportedUse", line: 2, column: 13, endLine: 2, endColumn: 27 },
        { messageId: "unsupportedUse", line: 3, column: 13, endLine: 3, endColumn: 25 },
      ],
    },
    {
      name: "Exporting a disk over NBD from a running VM",
      qmp: `{"execute": "qmp_capabilities"}
{"execute": "nbd-server-start", "arguments": {"addr": {"type": "unix", "data": {"path": "/run/web.nbd"}}}}
{"execute": "nbd-server-add", "arguments": {"device": "drive0", "writable": false}}
`,
      errors: [
        { messageId: "unsupported", line: 2, column: 13, endLine: 2, endColumn: 31 },
        { messageId: "unsupported", line: 3, column: 13, endLine: 3, endColumn: 29 },
      ],
    },
  ],
});
