// An option in neither list: a technology preview by the statement's own definition ("all
// features indicated as not being supported ... fall under the Technology Preview definition").
import { optionChange } from "./statement-changes.js";
import { optionRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  statement:
    "All features indicated as not being supported in this document fall under the Technology Preview definition contained in the main product's release notes.",
  details:
    "An option in neither of the statement's lists (for example `-audiodev`, `-overcommit`, `-compat`): a technology preview, not supported.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-overcommit, mem-lock=on]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-no-shutdown]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -overcommit mem-lock=on
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -no-shutdown
`,
    },
  ],
  fix: "Remove it, or accept the technology-preview status (`--rule unlisted-option=off`).",
};

export default optionRule(
  {
    id: "unlisted-option",
    defaultSeverity: "warning",
    description: "an option in neither of the statement's lists (a technology preview)",
    docs: DOCS,
    messages: {
      unlisted: "{{flag}} is in neither list of the {{title}}: it is a technology preview there, not supported",
    },
  },
  ({ options, profile, report }) => {
    for (const o of options) {
      if (o.flag === "-readconfig" || profile.optionStatus(o.flag) !== "unlisted") continue;
      // What the statement's deprecation section says is gone is statement-removed's.
      if (optionChange(profile, o, ["removed", "unsupported"])) continue;
      report(o, { messageId: "unlisted", data: { flag: o.flag, title: profile.data.title } });
    }
  },
);
