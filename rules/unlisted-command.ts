// A monitor or QMP command in neither list: a technology preview by the statement's definition.
import { commandRule } from "./rule.js";

export default commandRule(
  { id: "unlisted-command", defaultSeverity: "warning", description: "a monitor or QMP command in neither of the statement's lists" },
  ({ commands, profile, report }) => {
    for (const c of commands) {
      const status = c.protocol === "qmp" ? profile.qmpStatus(c.name) : profile.hmpStatus(c.name);
      if (status === "unlisted") report(c, { message: `the ${c.protocol === "qmp" ? "QMP" : "monitor"} command ${c.name} is in neither list of the ${profile.data.title}: a technology preview there` });
    }
  },
);
