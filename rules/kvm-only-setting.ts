// A setting only KVM provides (`-cpu host`, `gic-version=host`) while QEMU runs TCG: QEMU refuses
// to start ("unable to find CPU model 'host'", "gic-version=host requires KVM").
import { optionRule, type RuleDocs } from "./rule.js";
import { acceleratorChoice, ACCEL_FLAGS, firstValue } from "./option-helpers.js";
import { prop, type QemuOption } from "../qemu/options.js";

const DOCS: RuleDocs = {
  details:
    '`-cpu host` or `-machine gic-version=host` while the accelerator is TCG (`accel: tcg`, `--accel tcg`,\n`accel=tcg`, `-no-kvm`, `-enable-kvm` overridden by a later `-machine accel=tcg`, or no accelerator\nat all, which QEMU runs as TCG). Both take the host\'s\nown CPU or interrupt controller, which only KVM can hand to a guest: QEMU refuses to start with\n"unable to find CPU model \'host\'" or "gic-version=host requires KVM". A spec that names no CPU\nmodel gets `max` under TCG (`cortex-a57` for QEMU 2.9, which has no `max`), so only a model the spec\nor `--cpu` names is reported. It judges a whole command line, so it does not run on a `-readconfig`\nfile alone.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: lab
memory: {size: 1GiB}
runAs: qemu
accel: tcg
cpu: {model: host}
`,
    },
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: lab
memory: {size: 1GiB}
runAs: qemu
accel: tcg
machine: {gicVersion: host}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: lab
memory: {size: 1GiB}
runAs: qemu
accel: tcg
machine: {gicVersion: max}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=tcg -cpu host -m 1G -runas qemu
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm,gic-version=host -cpu host -m 1G -runas qemu
`,
    },
  ],
  fix: "Under TCG, leave `cpu.model` out (vmspec then picks `max`) or name an emulated model (`max`, `cortex-a57`), and use `gicVersion: 3` or `2` (`max` from QEMU 2.10); with `vmspec build --accel tcg`, add `--cpu max`. Or run with KVM.",
};

/** -cpu host, or -machine gic-version=host (what the rule reports). */
const needsKvm = (o: QemuOption): boolean =>
  (o.flag === "-cpu" && firstValue(o, "model") === "host") || (o.flag === "-machine" && prop(o, "gic-version") === "host");

export default optionRule(
  {
    id: "kvm-only-setting",
    reads: [...ACCEL_FLAGS, "-cpu"],
    defaultSeverity: "error",
    description: "-cpu host or gic-version=host while QEMU runs TCG, which QEMU refuses",
    wholeCommand: true,
    docs: DOCS,
    messages: {
      cpuHost:
        "-cpu host needs KVM, and {{why}}: QEMU refuses it (\"unable to find CPU model 'host'\"). Under TCG use -cpu max (leave cpu.model out and vmspec picks it; with --accel tcg add --cpu max)",
      gicHost:
        'gic-version=host needs KVM, and {{why}}: QEMU refuses it ("gic-version=host requires KVM"). Under TCG use gic-version 3 or 2 (or max, QEMU 2.10 and later)',
    },
  },
  ({ options, report }) => {
    // The accelerators are asked for only when a setting that needs KVM is there (most inputs have none).
    if (!options.some(needsKvm)) return;
    const chosen = acceleratorChoice(options).accels;
    if (chosen.some((a) => a !== "tcg")) return;
    const why = chosen.length ? "the accelerator is TCG" : "no accelerator is chosen, so QEMU runs TCG";
    for (const o of options) {
      if (o.flag === "-cpu" && firstValue(o, "model") === "host") {
        report(o, {
          messageId: "cpuHost",
          data: { why },
          prop: o.props?.[0]?.key,
        });
      } else if (o.flag === "-machine" && prop(o, "gic-version") === "host") {
        report(o, { messageId: "gicHost", data: { why }, prop: "gic-version" });
      }
    }
  },
);
