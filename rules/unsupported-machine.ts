// A machine type other than the statement's (none, virt, virt-2.6).
import { optionRule } from "./rule.js";
import { machineType } from "./option-helpers.js";

export default optionRule(
  { id: "unsupported-machine", defaultSeverity: "error", description: "a machine type the statement does not support" },
  ({ options, profile, report }) => {
    const supported = profile.supportedMachines.filter((m) => m !== "help" && m !== "?");
    for (const o of options) {
      const type = machineType(o);
      if (type === undefined || type === "help" || type === "?" || profile.supportedMachines.includes(type)) continue;
      const use = `use ${supported.filter((m) => m !== "none").join(" or ")}`;
      const versioned = /^virt-(\d+)\.(\d+)$/.exec(type);
      let why: string;
      if (versioned && (Number(versioned[1]) > 2 || (Number(versioned[1]) === 2 && Number(versioned[2]) >= 9))) {
        why = `QEMU ${profile.data.qemu} has no ${type} machine type (the statement: "there is no virt-2.9 machine type!")`;
      } else if (profile.unsupportedMachines.includes(type)) {
        why = `${type} is in the statement's list of unsupported machine types`;
      } else {
        why = `${type} is not a supported machine type`;
      }
      report(o, { message: `${why}; ${use}`, prop: o.props?.[0]?.key });
    }
  },
);
