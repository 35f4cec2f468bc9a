// An HMP (human monitor) command the statement lists as unsupported.
import { commandRule } from "./rule.js";

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

export default commandRule(
  { id: "monitor-command-unsupported", defaultSeverity: "error", description: "an HMP command the statement lists as unsupported" },
  ({ commands, profile, report }) => {
    for (const c of commands) {
      if (c.protocol !== "hmp" || profile.hmpStatus(c.name) !== "unsupported") continue;
      report(c, { message: `the monitor command ${c.name} is unsupported by the ${profile.data.title}${INSTEAD[c.name] ? `; use ${INSTEAD[c.name]}` : ""}` });
    }
  },
);
