// -device ivshmem: deprecated in favour of ivshmem-plain and ivshmem-doorbell.
import { optionRule } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";
import { prop } from "../compiler/options.js";

export default optionRule(
  { id: "ivshmem-deprecated", defaultSeverity: "warning", description: "-device ivshmem" },
  ({ options, report }) => {
    for (const o of options) {
      if (deviceDriver(o) !== "ivshmem") continue;
      const instead = prop(o, "chardev") !== undefined ? "ivshmem-doorbell (it has a chardev for interrupts)" : "ivshmem-plain (shared memory without interrupts) or ivshmem-doorbell";
      report(o, { message: `-device ivshmem is deprecated: use ${instead}`, prop: o.props?.[0]?.key });
    }
  },
);
