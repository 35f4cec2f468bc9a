// Two devices on one bootindex: QEMU refuses to start ("bootindex ... used by multiple devices").
import { specRule } from "./rule.js";
import { namedDevices } from "./spec-names.js";
import { bootIndex } from "../compiler/bootorder.js";

export default specRule(
  { id: "duplicate-bootindex", defaultSeverity: "error", description: "two devices have the same boot priority" },
  ({ spec, report }) => {
    const seen = new Map<number, string>();
    for (const d of namedDevices(spec)) {
      const own = d.bootindex;
      const index = bootIndex(spec, d.name, own);
      if (index === undefined) continue;
      const first = seen.get(index);
      if (first !== undefined) {
        const orderAt = spec.boot?.order?.indexOf(d.name) ?? -1;
        report({
          path: own !== undefined ? [...d.path, "bootindex"] : ["boot", "order", orderAt],
          message: `${d.path.join(".")} (${JSON.stringify(d.name)}) has bootindex ${index}, already used by ${first}: QEMU refuses two devices on one bootindex`,
        });
      } else seen.set(index, `${d.path.join(".")} (${JSON.stringify(d.name)})`);
    }
  },
);
