// Sizes that match the size syntax but that QEMU cannot use: a fraction of a byte, too large, a
// disk of size zero, memory under 1 MiB. A fractional size ("2.1G") is read as QEMU reads it: the
// bytes truncated, then RAM rounded up to 8 KiB and images to 512-byte sectors, as QEMU and
// qemu-img do themselves. (Sizes that do not match the syntax, or that are bare numbers, are
// reported by schema checks under this same id.)
import { specRule, type RuleDocs } from "./rule.js";
import { parseSize, sizeProblem } from "../spec/size.js";

const MiB = 1024 * 1024;

const DOCS: RuleDocs = {
  details:
    "A size that does not parse (sizes take a binary unit: `B`, `K`/`KiB`, `M`/`MiB`, `G`/`GiB`,\n`T`/`TiB`, all powers of 1024, as QEMU reads them), a bare number (QEMU reads `-m 2048` as MiB but\nqemu-img reads 2048 as bytes, so vmspec asks for the unit), a fraction of a byte, a size that is too\nlarge, a disk size of zero, or memory under 1 MiB. Fractions are read as QEMU reads them: `2.1G` is\n2254857830 bytes, and QEMU rounds memory up to 8 KiB and qemu-img images up to 512 bytes.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 4 GB}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 4GiB}
`,
    },
  ],
  fix: "Write a number and a binary unit with no space: `512MiB`, `4GiB`, `20G`.",
};

export default specRule(
  {
    id: "invalid-size",
    defaultSeverity: "error",
    description: "a size that does not parse, is zero, or that QEMU cannot use",
    docs: DOCS,
    messages: {
      memoryUnusable: "memory {{size}} cannot be used: {{problem}}",
      memoryTooSmall: "memory {{size}} is less than 1MiB: no guest boots in it",
      diskSizeUnusable: "disk size {{size}} cannot be used: {{problem}}",
      diskSizeZero: "disk {{name}} cannot be created with size 0",
    },
  },
  ({ spec, report }) => {
    const memProblem = sizeProblem(spec.memory.size);
    const mem = parseSize(spec.memory.size);
    if (memProblem || mem === undefined)
      report({
        path: ["memory", "size"],
        messageId: "memoryUnusable",
        data: { size: String(JSON.stringify(spec.memory.size)), problem: memProblem ?? "it is not a size" },
      });
    else if (mem < MiB)
      report({ path: ["memory", "size"], messageId: "memoryTooSmall", data: { size: String(JSON.stringify(spec.memory.size)) } });
    (spec.disks ?? []).forEach((d, i) => {
      if (d.size === undefined) return;
      const problem = sizeProblem(d.size);
      if (problem)
        report({ path: ["disks", i, "size"], messageId: "diskSizeUnusable", data: { size: String(JSON.stringify(d.size)), problem } });
      else if (parseSize(d.size) === 0)
        report({ path: ["disks", i, "size"], messageId: "diskSizeZero", data: { name: JSON.stringify(d.name) } });
    });
  },
);
