// -device pci-assign / kvm-pci-assign: "no longer supported ... (use -device vfio-pci instead)".
import { optionRule } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";
import { prop } from "../compiler/options.js";

export default optionRule(
  { id: "pci-assign-removed", defaultSeverity: "error", description: "-device pci-assign or kvm-pci-assign" },
  ({ options, report }) => {
    for (const o of options) {
      const name = deviceDriver(o);
      if (name !== "pci-assign" && name !== "kvm-pci-assign") continue;
      const host = prop(o, "host");
      const driver = o.props?.[0]?.key;
      const change = { prop: driver, value: "vfio-pci" };
      // vfio-pci takes the same host=, id=, bus=, addr= and bootindex=; anything else needs a person.
      const exact = (o.props ?? []).slice(1).every((p) => ["host", "id", "bus", "addr", "bootindex"].includes(p.key));
      report(o, {
        message: `-device ${name} is no longer supported: use -device vfio-pci${host ? `,host=${host}` : ""} (bind the device to vfio-pci on the host first)`,
        prop: driver,
        ...(exact ? { fix: change } : { suggest: [{ message: "use vfio-pci (check the other properties)", change }] }),
      });
    }
  },
);
