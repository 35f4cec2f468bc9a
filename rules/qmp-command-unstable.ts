// blockdev-add: supported, but "flagged as lacking and could possibly change syntax in the future"
// (the statement writes "blkdev-add").
import { commandRule } from "./rule.js";

const UNSTABLE = new Set(["blockdev-add"]);

export default commandRule(
  { id: "qmp-command-unstable", defaultSeverity: "warning", description: "a QMP command the statement flags as lacking (blockdev-add)" },
  ({ commands, report }) => {
    for (const c of commands) {
      if (c.protocol === "qmp" && UNSTABLE.has(c.name)) report(c, { message: `${c.name} is flagged by the statement as lacking and may change syntax: pin and re-test scripts that use it on every update` });
    }
  },
);
