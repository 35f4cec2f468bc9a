// A QMP command the statement lists as unsupported.
import { commandRule } from "./rule.js";

const INSTEAD: Record<string, string> = {
  "drive-mirror": "blockdev-mirror",
  "drive-backup": "blockdev-backup",
  netdev_add: "a -netdev on the command line",
  netdev_del: "device_del of the NIC",
  "x-blockdev-insert-medium": "blockdev-change-medium",
  "x-blockdev-remove-medium": "blockdev-open-tray and blockdev-close-tray",
};

export default commandRule(
  { id: "qmp-command-unsupported", defaultSeverity: "error", description: "a QMP command the statement lists as unsupported" },
  ({ commands, profile, report }) => {
    for (const c of commands) {
      if (c.protocol !== "qmp" || profile.qmpStatus(c.name) !== "unsupported") continue;
      report(c, { message: `the QMP command ${c.name} is unsupported by the ${profile.data.title}${INSTEAD[c.name] ? `; use ${INSTEAD[c.name]}` : ""}` });
    }
  },
);
