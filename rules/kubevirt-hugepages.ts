// kubevirt-hugepages: guest memory on hugepages, which KubeVirt does not support on arm64 (only with --target kubevirt; docs/kubevirt.md).
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    'With `--target kubevirt`: KubeVirt\'s arm64 support (user guide, "Arm64 compatibility") has no hugepages: `memory.hugepages` would become `domain.memory.hugepages`, which an arm64 cluster does not provide, so it is reported.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory:
  size: 2GiB
  hugepages: true
runAs: qemu
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory:
  size: 2GiB
runAs: qemu
`,
    },
  ],
  fix: "Remove `memory.hugepages` for KubeVirt.",
};

export default specRule(
  {
    id: "kubevirt-hugepages",
    target: "kubevirt",
    defaultSeverity: "error",
    description: "guest memory on hugepages, which KubeVirt does not support on arm64",
    docs: DOCS,
    messages: {
      hugepages: "KubeVirt does not support hugepages on arm64 (user guide, Arm64 compatibility): remove memory.hugepages",
    },
  },
  ({ spec, report }) => {
    if (spec.memory.hugepages) report({ messageId: "hugepages", path: ["memory", "hugepages"] });
  },
);
