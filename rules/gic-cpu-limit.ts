// More than 8 vCPUs on a GICv2 virt board: GICv2 addresses at most 8 CPUs, and QEMU refuses to
// start ("Number of SMP CPUs requested (16) exceeds max CPUs supported by machine 'mach-virt' (8)").
import { optionRule, type RuleDocs } from "./rule.js";
import { acceleratorChoice, ACCEL_FLAGS, machineType } from "./option-helpers.js";
import { prop } from "../qemu/options.js";

const DOCS: RuleDocs = {
  details:
    "An `-smp` of more than 8 CPUs (or `maxcpus=` over 8) on the `virt` board with a GICv2 interrupt\ncontroller: `gic-version=2`, or no `gic-version` under TCG, where QEMU picks GICv2. GICv2 addresses at\nmost 8 CPUs, so QEMU refuses to start: \"Number of SMP CPUs requested (16) exceeds max CPUs supported\nby machine 'mach-virt' (8)\" (checked on QEMU 7.2). Under KVM without `gic-version`, QEMU takes the\nhost's GIC (GICv3 on ARM servers), which is not reported.",
  examples: [
    { lang: "yaml", kind: "incorrect", text: "name: build01\nmemory: {size: 8GiB}\nrunAs: qemu\naccel: tcg\ncpu: {count: 16}\n" },
    {
      lang: "yaml",
      kind: "correct",
      text: 'name: build01\nmemory: {size: 8GiB}\nrunAs: qemu\naccel: tcg\nmachine: {gicVersion: "3"}\ncpu: {count: 16}\n',
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: "qemu-system-aarch64 -machine virt,accel=kvm,gic-version=2 -cpu host -smp 12 -m 4G -runas qemu\n",
    },
    {
      lang: "sh",
      kind: "correct",
      text: "qemu-system-aarch64 -machine virt,accel=kvm,gic-version=3 -cpu host -smp 12 -m 4G -runas qemu\n",
    },
  ],
  fix: 'Use GICv3 (`machine.gicVersion: "3"`, `gic-version=3`; or `max`), or give the VM at most 8 vCPUs.',
};

export default optionRule(
  {
    id: "gic-cpu-limit",
    reads: [...ACCEL_FLAGS, "-smp"],
    defaultSeverity: "error",
    description: "more than 8 vCPUs with a GICv2 virt board, which QEMU refuses",
    wholeCommand: true,
    docs: DOCS,
    messages: {
      tooMany:
        '{{what}} {{count}} is more than the 8 CPUs GICv2 addresses ({{why}}): QEMU refuses to start. Use gic-version=3 (machine.gicVersion: "3") or at most 8 vCPUs',
    },
  },
  ({ options, report }) => {
    const machine = options.find((o) => o.flag === "-machine");
    const type = machine ? machineType(machine) : undefined;
    if (type !== undefined && !/^virt(-\d+\.\d+)?$/.test(type)) return;
    const gic = machine ? prop(machine, "gic-version") : undefined;
    // The accelerators are asked for only when gic-version is unset (most inputs have none of these).
    if (!(gic === "2" || (gic === undefined && acceleratorChoice(options).accels.every((a) => a === "tcg")))) return;
    const why = gic === "2" ? "gic-version=2" : "under TCG without gic-version, QEMU picks GICv2";
    for (const o of options) {
      if (o.flag !== "-smp" || o.props === undefined) continue;
      for (const p of o.props) {
        const n = Number(p.value);
        if (!["cpus", "maxcpus"].includes(p.key) || !Number.isInteger(n) || n <= 8) continue;
        report(o, { messageId: "tooMany", data: { what: p.key === "maxcpus" ? "maxcpus" : "-smp", count: String(n), why }, at: p });
        break;
      }
    }
  },
);
