// No -runas: QEMU keeps the privileges it was started with. The statement's security model
// "allows running guests as a non-root user".
import { optionRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  statement: "Security considerations include privileged helpers and a security model which allows running guests as a non-root user.",
  details: "No `-runas`: a QEMU started as root stays root for the life of the VM.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu
`,
    },
  ],
  fix: "Set `runAs: qemu` (`-runas qemu`), or start QEMU unprivileged.",
};

export default optionRule(
  {
    id: "runs-as-root",
    defaultSeverity: "info",
    description: "QEMU does not drop privileges (-runas)",
    wholeCommand: true,
    // libvirtd runs QEMU as qemu.conf's user (and group), not as the domain says.
    notWhenStartedBy: ["libvirt"],
    docs: DOCS,
    messages: {
      noRunas: "no -runas: if QEMU is started as root it stays root; set runAs (-runas) to an unprivileged user such as qemu",
    },
  },
  ({ options, report }) => {
    if (options.length === 0 || options.some((o) => o.flag === "-runas")) return;
    report(options[0], { messageId: "noRunas" });
  },
);
