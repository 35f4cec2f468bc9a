// kubevirt-cpu-model: a CPU model other than host, which KubeVirt refuses on arm64 (only with --target kubevirt; docs/kubevirt.md).
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    'With `--target kubevirt`: KubeVirt accepts only `host-passthrough` as the CPU model on arm64 (KubeVirt\'s arm64 admission (pkg/virt-api/webhooks/arm64.go, ValidateVirtualMachineInstanceArm64Setting): "currently, host-passthrough is the only model supported on Arm64"). vmspec writes `host-passthrough` for `cpu.model: host` or no model; any other model, or `host` with QEMU CPU properties (`host,pmu=off`, which a VirtualMachine cannot carry), is reported.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu:
  model: cortex-a72
  count: 2
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu:
  model: host
  count: 2
`,
    },
  ],
  fix: "Use `cpu.model: host` (or leave the model out).",
};

export default specRule(
  {
    id: "kubevirt-cpu-model",
    target: "kubevirt",
    defaultSeverity: "error",
    description: "a CPU model other than host, which KubeVirt refuses on arm64",
    docs: DOCS,
    messages: {
      model:
        'KubeVirt accepts only host-passthrough as the CPU model on arm64 ("host-passthrough is the only model supported on Arm64"): use cpu.model host instead of {{model}}',
      features: "a VirtualMachine's host-passthrough CPU cannot carry QEMU CPU properties ({{model}}): use cpu.model host",
    },
  },
  ({ spec, report }) => {
    const model = spec.cpu?.model;
    if (model === undefined || model === "host") return;
    report({ messageId: model.startsWith("host,") ? "features" : "model", data: { model }, path: ["cpu", "model"] });
  },
);
