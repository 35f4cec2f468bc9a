// Any -cpu model other than host ("-cpu ... (all except host)").
import { optionRule, type RuleDocs } from "./rule.js";
import { firstValue } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement: "-cpu host ... The following command line options are unsupported: ... -cpu ... (all except host)",
  details:
    "Any `-cpu` model other than `host`. The model vmspec picks itself under TCG, where QEMU has no `host` (`max`, or `cortex-a57` for QEMU 2.9), is not reported: `tcg-unsupported` reports TCG itself. On a host without KVM for aarch64, `vmspec build --accel tcg --cpu cortex-a57` still builds: findings about `--cpu` are reported but do not stop the build.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
cpu: {model: cortex-a57}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
cpu: {model: host}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu cortex-a57 -runas qemu
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu
`,
    },
  ],
  fix: "Use `-cpu host` with KVM.",
};

export default optionRule(
  {
    id: "unsupported-cpu-model",
    excusedBy: "cpu",
    reads: ["-cpu"],
    defaultSeverity: "error",
    description: "a CPU model other than host",
    docs: DOCS,
    messages: {
      unsupported: "-cpu {{model}} is unsupported: the statement supports only -cpu host (with KVM)",
      useHost: "use -cpu host (needs KVM)",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-cpu" || o.byDefault) continue;
      const model = firstValue(o, "model");
      if (model === undefined || model === "host" || model === "?" || model === "help") continue;
      const prop = o.props?.[0]?.key;
      report(o, {
        messageId: "unsupported",
        data: { model: String(model) },
        prop,
        suggest: [{ messageId: "useHost", change: { prop, value: "host" } }],
      });
    }
  },
);
