// A monitor or QMP command in neither list: a technology preview by the statement's definition.
import { commandRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  statement: "All features indicated as not being supported in this document fall under the Technology Preview definition.",
  details:
    "A monitor or QMP command in neither list (for example QMP `query-cpus-fast`, `blockdev-reopen`, or HMP `info` sub-forms are fine: only the command name counts).",
  examples: [
    {
      lang: "qmp",
      kind: "incorrect",
      text: `{"execute": "query-cpus-fast"}
`,
    },
    {
      lang: "qmp",
      kind: "correct",
      text: `{"execute": "query-cpus"}
`,
    },
    {
      lang: "hmp",
      kind: "incorrect",
      text: `hostfwd_list
`,
    },
    {
      lang: "hmp",
      kind: "correct",
      text: `info network
`,
    },
  ],
  fix: "Prefer a listed command, or accept the technology-preview status.",
};

export default commandRule(
  {
    id: "unlisted-command",
    defaultSeverity: "warning",
    description: "a monitor or QMP command in neither of the statement's lists",
    docs: DOCS,
    messages: {
      unlisted: "the {{protocol}} command {{command}} is in neither list of the {{title}}: a technology preview there",
    },
  },
  ({ commands, profile, report }) => {
    for (const c of commands) {
      const status = c.protocol === "qmp" ? profile.qmpStatus(c.name) : profile.hmpStatus(c.name);
      if (status === "unlisted")
        report(c, {
          messageId: "unlisted",
          data: { protocol: c.protocol === "qmp" ? "QMP" : "monitor", command: c.name, title: profile.data.title },
        });
    }
  },
);
