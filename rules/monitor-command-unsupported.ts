// An HMP (human monitor) command the statement lists as unsupported.
import { commandRule, type RuleDocs } from "./rule.js";

const INSTEAD: Record<string, string> = {
  drive_mirror: "the blockdev-mirror QMP command",
  commit: "block-commit (QMP)",
  snapshot_blkdev: "blockdev-snapshot-sync (QMP) or snapshot_blkdev_internal",
  netdev_add: "a -netdev on the command line",
  netdev_del: "device_del of the NIC",
  host_net_add: "a -netdev on the command line",
  host_net_remove: "device_del of the NIC",
  set_password: "the change-vnc-password or set_password QMP command",
  expire_password: "the expire_password QMP command",
  set_link: "the set_link QMP command",
  block_passwd: "the block_passwd QMP command",
};

const DOCS: RuleDocs = {
  statement:
    "The following monitor commands are unsupported: acl_add ... block_job_cancel ... drive_mirror ... hostfwd_add ... netdev_add netdev_del ... set_link ... snapshot_blkdev ...",
  details:
    "An HMP command the statement lists as unsupported, in an HMP script (`--hmp`) or inside a QMP `human-monitor-command` (`--qmp`).",
  examples: [
    {
      lang: "hmp",
      kind: "incorrect",
      text: `info status
drive_mirror drive0 /backup/d.qcow2
`,
    },
    {
      lang: "hmp",
      kind: "correct",
      text: `info status
system_powerdown
`,
    },
    {
      lang: "qmp",
      kind: "incorrect",
      text: `{"execute": "human-monitor-command", "arguments": {"command-line": "netdev_add user,id=n1"}}
`,
    },
    {
      lang: "qmp",
      kind: "correct",
      text: `{"execute": "human-monitor-command", "arguments": {"command-line": "info block"}}
`,
    },
  ],
  fix: "Use the supported command the message names.",
};

export default commandRule(
  {
    id: "monitor-command-unsupported",
    defaultSeverity: "error",
    description: "an HMP command the statement lists as unsupported",
    docs: DOCS,
    messages: {
      unsupported: "the monitor command {{command}} is unsupported by the {{title}}",
      unsupportedUse: "the monitor command {{command}} is unsupported by the {{title}}; use {{instead}}",
    },
  },
  ({ commands, profile, report }) => {
    for (const c of commands) {
      if (c.protocol !== "hmp" || profile.hmpStatus(c.name) !== "unsupported") continue;
      report(c, {
        messageId: INSTEAD[c.name] ? "unsupportedUse" : "unsupported",
        data: { command: c.name, title: profile.data.title, instead: INSTEAD[c.name] ?? "" },
      });
    }
  },
);
