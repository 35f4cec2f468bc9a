// [acpi], [boot-opts] and [smp-opts] in a -readconfig file: deprecated. The statement says they
// will be renamed acpitable, boot and smp, but QEMU 7.2 still rejects [smp] and [boot], so the
// advice is to move those settings to the command line.
import { optionRule } from "./rule.js";

const ADVICE: Record<string, string> = {
  acpi: "pass the table with -acpitable on the command line (or drop it: the virt board generates its tables)",
  "boot-opts": "move the boot settings to -boot on the command line",
  "smp-opts": "move the CPU topology to -smp on the command line",
};

export default optionRule(
  { id: "readconfig-deprecated-section", defaultSeverity: "warning", description: "[acpi], [boot-opts] or [smp-opts] in a -readconfig file" },
  ({ options, report }) => {
    for (const o of options) {
      if (o.section && ADVICE[o.section]) report(o, { message: `[${o.section}] in a -readconfig file is deprecated: ${ADVICE[o.section]}` });
    }
  },
);
