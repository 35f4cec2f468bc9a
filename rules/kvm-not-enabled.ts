// KVM is not enabled. The statement: "the -machine option accel=kvm (or its alias -enable-kvm)
// must be specified for KVM acceleration to be used by the guest".
import { optionRule } from "./rule.js";
import { accelerators } from "./option-helpers.js";

export default optionRule(
  { id: "kvm-not-enabled", defaultSeverity: "warning", description: "KVM acceleration is not enabled", wholeCommand: true },
  ({ options, report }) => {
    if (options.length === 0) return;
    const chosen = options.flatMap(accelerators);
    if (chosen.includes("kvm")) return;
    const at = options.find((o) => accelerators(o).length > 0) ?? options.find((o) => o.flag === "-machine") ?? options[0];
    report(at, {
      message: chosen.length
        ? `KVM is not enabled (the accelerator is ${chosen.join(":")}): the statement requires accel=kvm on -machine (or -enable-kvm)`
        : "no accelerator is chosen, so QEMU runs TCG: add accel=kvm to -machine (or -enable-kvm)",
      prop: at.flag === "-machine" && chosen.length ? "accel" : undefined,
    });
  },
);
