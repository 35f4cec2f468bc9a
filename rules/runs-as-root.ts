// No -runas: QEMU keeps the privileges it was started with. The statement's security model
// "allows running guests as a non-root user".
import { optionRule } from "./rule.js";

export default optionRule(
  { id: "runs-as-root", defaultSeverity: "info", description: "QEMU does not drop privileges (-runas)", wholeCommand: true },
  ({ options, report }) => {
    if (options.length === 0 || options.some((o) => o.flag === "-runas")) return;
    report(options[0], { message: "no -runas: if QEMU is started as root it stays root; set runAs (-runas) to an unprivileged user such as qemu" });
  },
);
