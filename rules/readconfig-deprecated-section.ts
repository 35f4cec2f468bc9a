// [acpi], [boot-opts] and [smp-opts] in a -readconfig file: deprecated. The statement says they
// will be renamed acpitable, boot and smp, but QEMU 7.2 still rejects [smp] and [boot], so the
// advice is to move those settings to the command line.
import { optionRule, type RuleDocs } from "./rule.js";

const ADVICE: Record<string, string> = {
  acpi: "pass the table with -acpitable on the command line (or drop it: the virt board generates its tables)",
  "boot-opts": "move the boot settings to -boot on the command line",
  "smp-opts": "move the CPU topology to -smp on the command line",
};

const DOCS: RuleDocs = {
  statement:
    "Use of acpi, boot-opts, and smp-opts in a -readconfig config file are now considered deprecated. In the future those names will be standardized to acpitable, boot, and smp respectively.",
  details:
    "`[acpi]`, `[boot-opts]` or `[smp-opts]` in a `-readconfig` file. QEMU 7.2 still rejects the announced `[smp]` and `[boot]`, so the advice is to move those settings to the command line rather than rename them; vmspec's own readconfig output never writes them.",
  examples: [
    {
      lang: "cfg",
      kind: "incorrect",
      text: `[machine]
  type = "virt"
  accel = "kvm"

[smp-opts]
  cpus = "2"
`,
    },
    {
      lang: "cfg",
      kind: "correct",
      text: `[machine]
  type = "virt"
  accel = "kvm"
`,
    },
  ],
  fix: "Move `-smp`, `-boot` and `-acpitable` to the command line.",
};

export default optionRule(
  {
    id: "readconfig-deprecated-section",
    defaultSeverity: "warning",
    description: "[acpi], [boot-opts] or [smp-opts] in a -readconfig file",
    docs: DOCS,
    messages: {
      deprecated: "[{{section}}] in a -readconfig file is deprecated: {{advice}}",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (o.section && ADVICE[o.section]) report(o, { messageId: "deprecated", data: { section: o.section, advice: ADVICE[o.section] } });
    }
  },
);
