// Sizes that match the size syntax but not what QEMU can use: zero, too large, or memory that is
// not a whole number of MiB. (Sizes that do not match the syntax are reported by schema checks
// under this same id.)
import { specRule } from "./rule.js";
import { parseSize } from "../spec/size.js";

const MiB = 1024 * 1024;

export default specRule(
  { id: "invalid-size", defaultSeverity: "error", description: "a size that does not parse, is zero, or that QEMU cannot use" },
  ({ spec, report }) => {
    const mem = parseSize(spec.memory.size);
    if (mem === undefined) report({ path: ["memory", "size"], message: `${JSON.stringify(spec.memory.size)} is too large to be a size` });
    else if (mem < MiB || mem % MiB !== 0) report({ path: ["memory", "size"], message: `memory ${JSON.stringify(spec.memory.size)} must be a whole number of MiB, at least 1MiB` });
    (spec.disks ?? []).forEach((d, i) => {
      if (d.size === undefined) return;
      const b = parseSize(d.size);
      if (b === undefined) report({ path: ["disks", i, "size"], message: `${JSON.stringify(d.size)} is too large to be a size` });
      else if (b === 0) report({ path: ["disks", i, "size"], message: `disk ${JSON.stringify(d.name)} cannot be created with size 0` });
      else if (b % 512 !== 0) report({ path: ["disks", i, "size"], message: `disk size ${JSON.stringify(d.size)} must be a multiple of 512 bytes` });
    });
  },
);
