// qmp-command-unstable: a QMP command the statement flags as lacking (blockdev-add).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/qmp-command-unstable.js";

ruleTester.run(rule, {
  valid: [
    {
      qmp: `[{"execute": "qmp_capabilities"}, {"execute": "query-block"}]
`,
    },
  ],
  invalid: [
    {
      qmp: `[{"execute": "qmp_capabilities"}, {"execute": "blockdev-add", "arguments": {"driver": "qcow2", "node-name": "n", "file": {"driver": "file", "filename": "/d.qcow2"}}}]
`,
      errors: [{ messageId: "unstable", line: 1, column: 47, endLine: 1, endColumn: 61 }],
    },
    {
      name: "One command per line, as scripts pipe them to socat",
      qmp: `{"execute": "qmp_capabilities"}
{"execute": "blockdev-add", "arguments": {"driver": "raw", "node-name": "hd1", "file": {"driver": "file", "filename": "/srv/hd1.raw"}}}
{"execute": "device_add", "arguments": {"driver": "virtio-blk-pci", "drive": "hd1", "id": "vd1"}}
`,
      errors: [{ messageId: "unstable", line: 2, column: 13, endLine: 2, endColumn: 27 }],
    },
  ],
});
