// kubevirt-numa: a NUMA topology, which KubeVirt does not support on arm64 (only with --target kubevirt; docs/kubevirt.md).
import { optionRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    "With `--target kubevirt`: KubeVirt's arm64 support (user guide, \"Arm64 compatibility\") has no NUMA: a guest NUMA topology would be `domain.cpu.numa`, which an arm64 cluster does not provide. Reported at each `-numa` option: each node of the spec's `numa` (one per node), or a `-numa` added with `extraArgs` (which `kubevirt-unexpressible` also reports as raw arguments).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {count: 2}
numa:
  - {cpus: "0", memory: 1GiB}
  - {cpus: "1", memory: 1GiB}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {count: 2}
`,
    },
  ],
  fix: "Remove `numa` (and any `-numa` in `extraArgs`) for KubeVirt.",
};

export default optionRule(
  {
    id: "kubevirt-numa",
    target: "kubevirt",
    reads: ["-numa"],
    defaultSeverity: "error",
    description: "a NUMA topology, which KubeVirt does not support on arm64",
    docs: DOCS,
    messages: {
      numa: "KubeVirt does not support a guest NUMA topology on arm64 (user guide, Arm64 compatibility): remove the NUMA nodes (numa, or -numa in extraArgs)",
    },
  },
  ({ options, report }) => {
    for (const o of options) if (o.flag === "-numa") report(o, { messageId: "numa" });
  },
);
