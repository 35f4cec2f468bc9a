// No accelerator chosen: QEMU then runs TCG. The statement: "the -machine option accel=kvm (or
// its alias -enable-kvm) must be specified for KVM acceleration to be used by the guest".
import { optionRule } from "./rule.js";
import { accelerators } from "./option-helpers.js";

export default optionRule(
  { id: "kvm-not-enabled", defaultSeverity: "warning", description: "KVM acceleration is not enabled", wholeCommand: true },
  ({ options, report }) => {
    if (options.length === 0 || options.some((o) => accelerators(o).length > 0)) return;
    const at = options.find((o) => o.flag === "-machine") ?? options[0];
    report(at, { message: "no accelerator is chosen, so QEMU runs TCG: add accel=kvm to -machine (or -enable-kvm)" });
  },
);
