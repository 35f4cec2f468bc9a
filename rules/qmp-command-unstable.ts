// blockdev-add: supported, but "flagged as lacking and could possibly change syntax in the future"
// (the statement writes "blkdev-add").
import { commandRule, type RuleDocs } from "./rule.js";

const UNSTABLE = new Set(["blockdev-add"]);

const DOCS: RuleDocs = {
  statement: "The previously supported blkdev-add QMP command has been flagged as lacking and could possibly change syntax in the future.",
  details: '`blockdev-add` (the statement writes "blkdev-add"): supported, but its syntax may change.',
  examples: [
    {
      lang: "qmp",
      kind: "incorrect",
      text: `[{"execute": "qmp_capabilities"}, {"execute": "blockdev-add", "arguments": {"driver": "qcow2", "node-name": "n", "file": {"driver": "file", "filename": "/d.qcow2"}}}]
`,
    },
    {
      lang: "qmp",
      kind: "correct",
      text: `[{"execute": "qmp_capabilities"}, {"execute": "query-block"}]
`,
    },
  ],
  fix: "Keep using it if you must, and re-test scripts on every update.",
};

export default commandRule(
  {
    id: "qmp-command-unstable",
    defaultSeverity: "warning",
    description: "a QMP command the statement flags as lacking (blockdev-add)",
    docs: DOCS,
    messages: {
      unstable:
        "{{command}} is flagged by the statement as lacking and may change syntax: pin and re-test scripts that use it on every update",
    },
  },
  ({ commands, report }) => {
    for (const c of commands) {
      if (c.protocol === "qmp" && UNSTABLE.has(c.name)) report(c, { messageId: "unstable", data: { command: c.name } });
    }
  },
);
