// Sizes that match the size syntax but not what QEMU can use: zero, too large, or memory that is
// not a whole number of MiB. (Sizes that do not match the syntax are reported by schema checks
// under this same id.)
import { specRule, type RuleDocs } from "./rule.js";
import { parseSize } from "../spec/size.js";

const MiB = 1024 * 1024;

const DOCS: RuleDocs = {
  details: "A size that does not parse (sizes take a binary unit: `B`, `K`/`KiB`, `M`/`MiB`, `G`/`GiB`,\n`T`/`TiB`, all powers of 1024, as QEMU reads them), that is too large, a disk size of zero or not\na multiple of 512 bytes, or memory that is not a whole number of MiB.",
  examples: [
    { lang: "yaml", kind: "incorrect", text: `name: web
memory: {size: 4 GB}
` },
    { lang: "yaml", kind: "correct", text: `name: web
memory: {size: 4GiB}
` },
  ],
  fix: "Write a number and a binary unit with no space: `512MiB`, `4GiB`, `20G`.",
};

export default specRule(
  { id: "invalid-size", defaultSeverity: "error", description: "a size that does not parse, is zero, or that QEMU cannot use", docs: DOCS },
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
