// -device pc-sysfw: "no longer recognized ... (no longer needed)".
import { optionRule, type RuleDocs } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement: "These previously supported command line options are no longer recognized: -device pc-sysfw (no longer needed)",
  details: "`-device pc-sysfw`.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-device, pc-sysfw]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-no-reboot]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device pc-sysfw
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -no-reboot
`,
    },
  ],
  fix: "Remove it.",
};

export default optionRule(
  {
    id: "pc-sysfw-removed",
    reads: ["-device"],
    defaultSeverity: "error",
    description: "-device pc-sysfw",
    docs: DOCS,
    messages: {
      removed: "-device pc-sysfw is no longer recognized and no longer needed: remove it",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (deviceDriver(o) === "pc-sysfw") report(o, { messageId: "removed", prop: o.props?.[0]?.key });
    }
  },
);
