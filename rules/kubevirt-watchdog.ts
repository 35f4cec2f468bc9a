// kubevirt-watchdog: a watchdog, which KubeVirt refuses on arm64 (only with --target kubevirt; docs/kubevirt.md).
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    'With `--target kubevirt`: KubeVirt refuses every watchdog device on arm64 (KubeVirt\'s arm64 admission (pkg/virt-api/webhooks/arm64.go, ValidateVirtualMachineInstanceArm64Setting): "Arm64 not support Watchdog device"), so `watchdog` is reported.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
watchdog:
  action: reset
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
rng: {}
`,
    },
  ],
  fix: "Remove `watchdog` for KubeVirt; a Kubernetes liveness probe (`spec.template.spec.livenessProbe`) can restart a hung guest instead.",
};

export default specRule(
  {
    id: "kubevirt-watchdog",
    target: "kubevirt",
    defaultSeverity: "error",
    description: "a watchdog, which KubeVirt refuses on arm64",
    docs: DOCS,
    messages: {
      watchdog:
        'KubeVirt refuses a watchdog device on arm64 ("Arm64 not support Watchdog device"): remove watchdog (a liveness probe can restart a hung guest)',
    },
  },
  ({ spec, report }) => {
    if (spec.watchdog !== undefined) report({ messageId: "watchdog", path: ["watchdog"] });
  },
);
