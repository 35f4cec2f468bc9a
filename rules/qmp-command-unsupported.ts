// A QMP command the statement lists as unsupported.
import { commandRule, type RuleDocs } from "./rule.js";

const INSTEAD: Record<string, string> = {
  "drive-mirror": "blockdev-mirror",
  "drive-backup": "blockdev-backup",
  netdev_add: "a -netdev on the command line",
  netdev_del: "device_del of the NIC",
  "x-blockdev-insert-medium": "blockdev-change-medium",
  "x-blockdev-remove-medium": "blockdev-open-tray and blockdev-close-tray",
};

const DOCS: RuleDocs = {
  statement:
    "The following QMP commands are unsupported: block-job-cancel ... drive-backup drive-mirror ... netdev_add netdev_del nbd-server-add ...",
  details: "A QMP command the statement lists as unsupported.",
  examples: [
    {
      lang: "qmp",
      kind: "incorrect",
      text: `{"execute": "qmp_capabilities"}
{"execute": "drive-mirror", "arguments": {"device": "d", "target": "/b.qcow2", "sync": "full"}}
`,
    },
    {
      lang: "qmp",
      kind: "correct",
      text: `{"execute": "qmp_capabilities"}
{"execute": "blockdev-mirror", "arguments": {"device": "d", "target": "t", "sync": "full"}}
`,
    },
  ],
  fix: "Use the supported command the message names (`blockdev-mirror`, `blockdev-backup`).",
};

export default commandRule(
  {
    id: "qmp-command-unsupported",
    defaultSeverity: "error",
    description: "a QMP command the statement lists as unsupported",
    docs: DOCS,
    messages: {
      unsupported: "the QMP command {{command}} is unsupported by the {{title}}",
      unsupportedUse: "the QMP command {{command}} is unsupported by the {{title}}; use {{instead}}",
    },
  },
  ({ commands, profile, report }) => {
    for (const c of commands) {
      if (c.protocol !== "qmp" || profile.qmpStatus(c.name) !== "unsupported") continue;
      report(c, {
        messageId: INSTEAD[c.name] ? "unsupportedUse" : "unsupported",
        data: { command: c.name, title: profile.data.title, instead: INSTEAD[c.name] ?? "" },
      });
    }
  },
);
