// TCG chosen. The statement: "The TCG acceleration mode may be helpful for problem isolation, but
// otherwise presents insufficient benefit and stability."
import { optionRule, type RuleDocs } from "./rule.js";
import { accelerators, ACCEL_FLAGS } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement: 'The TCG "acceleration" mode may be helpful for problem isolation, but otherwise presents insufficient benefit and stability.',
  details: "TCG is chosen (`accel=tcg`, `-accel tcg`, `-no-kvm`, or TCG as a fallback in `accel=kvm:tcg`).",
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
      text: `qemu-system-aarch64 -machine virt,accel=kvm:tcg -cpu host -runas qemu
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu
`,
    },
  ],
  fix: "Use `accel=kvm` alone.",
};

export default optionRule(
  {
    id: "tcg-unsupported",
    excusedBy: "accel",
    reads: ACCEL_FLAGS,
    defaultSeverity: "warning",
    description: "TCG (software emulation) is chosen",
    docs: DOCS,
    messages: {
      fallback: "{{accel}} falls back to TCG, which the statement calls insufficiently stable: use accel=kvm alone",
      tcg: "TCG is unsupported (the statement: insufficient benefit and stability; for problem isolation only): use accel=kvm",
      useKvm: "use accel=kvm (needs KVM on the host)",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      const accels = accelerators(o);
      if (!accels.includes("tcg")) continue;
      const fallback = accels[0] !== "tcg";
      report(o, {
        messageId: fallback ? "fallback" : "tcg",
        data: { accel: accels.join(":") },
        prop: o.flag === "-machine" ? "accel" : undefined,
        suggest: o.flag === "-machine" ? [{ messageId: "useKvm", change: { prop: "accel", value: "kvm" } }] : [],
      });
    }
  },
);
