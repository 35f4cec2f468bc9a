// KVM is chosen but no -cpu is: QEMU then uses the machine's default CPU model, cortex-a15 on virt
// (QEMU 2.9 to 7.2, checked through QMP in test/rulebook-readings.test.ts), which the statement
// does not support ("-cpu ... (all except host)"): it wants -cpu host.
import { optionRule, type RuleDocs } from "./rule.js";
import { ACCEL_FLAGS, acceleratorChoice, machineType } from "./option-helpers.js";

/** The default CPU model of the machine types that have one on qemu-system-aarch64 (query-machines' default-cpu-type). */
const DEFAULT_CPU: Record<string, string> = { virt: "cortex-a15" };

const DOCS: RuleDocs = {
  statement: "-cpu host ... The following command line options are unsupported: ... -cpu ... (all except host)",
  details:
    "KVM is chosen (`accel=kvm`, `-enable-kvm` or `-accel kvm`) and no `-cpu` is given: QEMU then uses the machine's default CPU model, which on `virt` is `cortex-a15` (a 32-bit model; `query-machines` reports `default-cpu-type: cortex-a15-arm-cpu`, with KVM as with TCG), a model the statement does not support. Without KVM, `kvm-not-enabled` reports first, and `-cpu host` would not start under TCG. A spec always emits `-cpu` (`host` by default) unless `defaults: false` and no `cpu.model`. It judges a whole command line, so it does not run on a `-readconfig` file alone. The fix writes `-cpu host` after the option that chose KVM.",
  examples: [
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -m 1G -runas qemu -nographic
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -nographic
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -M virt -enable-kvm -m 1G -runas qemu -nographic
`,
    },
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
defaults: false
machine: {type: virt}
accel: kvm
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
defaults: false
machine: {type: virt}
accel: kvm
cpu: {model: host}
`,
    },
  ],
  fix: "Add `-cpu host` (`cpu.model: host` in a spec, the default unless `defaults: false`).",
};

export default optionRule(
  {
    id: "cpu-model-missing",
    reads: ["-cpu", ...ACCEL_FLAGS],
    defaultSeverity: "error",
    description: "KVM without -cpu: QEMU picks the machine's default CPU, not host",
    wholeCommand: true,
    fixable: true,
    docs: DOCS,
    messages: {
      missing:
        "KVM is chosen but no -cpu is: QEMU then uses {{model}}, which the statement does not support (it supports only -cpu host); add -cpu host (in a spec, cpu.model: host)",
    },
  },
  ({ options, report }) => {
    if (options.some((o) => o.flag === "-cpu")) return;
    // KVM as QEMU reads the whole command (a later -machine accel=tcg overrides -enable-kvm).
    const choice = acceleratorChoice(options);
    const at = choice.accels.includes("kvm") ? choice.from[0] : undefined;
    if (!at) return;
    const type = options.map(machineType).filter(Boolean).pop();
    const fallback = type && DEFAULT_CPU[type.replace(/-\d+\.\d+$/, "")];
    const model = fallback ? `the ${type} machine's default CPU, ${fallback}` : `the machine's default CPU model`;
    report(at, {
      messageId: "missing",
      data: { model },
      prop: at.flag === "-machine" ? "accel" : undefined,
      fix: { after: "-cpu host" },
    });
  },
);
