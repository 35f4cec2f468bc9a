// KVM is not enabled. The statement: "the -machine option accel=kvm (or its alias -enable-kvm)
// must be specified for KVM acceleration to be used by the guest".
import { optionRule, type RuleDocs } from "./rule.js";
import { acceleratorChoice } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement:
    "When using this program, the -machine option accel=kvm (or its alias -enable-kvm) must be specified for KVM acceleration to be used by the guest.",
  details:
    "KVM is not among the accelerators QEMU tries for the whole command (the last `-machine accel=`, where `-enable-kvm` counts as one where it stands, else the `-accel` list): none is chosen (QEMU then runs TCG), or another one is (`accel=tcg`, which `tcg-unsupported` also reports; `-enable-kvm -machine accel=tcg` is TCG too). It judges a whole command line, so it does not run on a `-readconfig` file alone.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
accel: tcg
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
accel: kvm
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt -cpu host -m 1G -runas qemu
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt -enable-kvm -cpu host -m 1G -runas qemu
`,
    },
  ],
  fix: "Add `accel=kvm` to `-machine` (`accel: kvm` in a spec, the default).",
};

export default optionRule(
  {
    id: "kvm-not-enabled",
    excusedBy: "accel",
    defaultSeverity: "warning",
    description: "KVM acceleration is not enabled",
    wholeCommand: true,
    docs: DOCS,
    messages: {
      otherAccel: "KVM is not enabled (the accelerator is {{accel}}): the statement requires accel=kvm on -machine (or -enable-kvm)",
      noAccel: "no accelerator is chosen, so QEMU runs TCG: add accel=kvm to -machine (or -enable-kvm)",
    },
  },
  ({ options, report }) => {
    if (options.length === 0) return;
    // What QEMU tries for the whole command (a later -machine accel=tcg overrides -enable-kvm).
    const choice = acceleratorChoice(options);
    const chosen = choice.accels;
    if (chosen.includes("kvm")) return;
    const at = choice.from[0] ?? options.find((o) => o.flag === "-machine") ?? options[0];
    report(at, {
      messageId: chosen.length ? "otherAccel" : "noAccel",
      data: { accel: chosen.join(":") },
      prop: at.flag === "-machine" && chosen.length ? "accel" : undefined,
    });
  },
);
