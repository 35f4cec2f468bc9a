// -net nic,model= other than e1000, rtl8139 and virtio.
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";
import { firstValue } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement: "-net [bridge|l2tpv3|nic|none|tap|user] ... (for model= only e1000, rtl8139, and virtio are supported)",
  details: "`-net nic,model=` other than `e1000`, `rtl8139` and `virtio`.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-net, "nic,model=pcnet"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-net, "nic,model=virtio"]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -net nic,model=ne2k_pci -net user
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -net nic,model=e1000 -net user
`,
    },
  ],
  fix: "Use `model=virtio` (or a `-netdev` with `-device virtio-net-pci`).",
};

export default optionRule(
  {
    id: "net-model-unsupported",
    reads: ["-net"],
    defaultSeverity: "error",
    description: "-net nic with a model other than e1000, rtl8139 or virtio",
    docs: DOCS,
    messages: {
      unsupported: "-net nic,model={{model}} is unsupported: the statement supports model={{models}}",
    },
  },
  ({ options, profile, report }) => {
    if (!options.some((o) => o.flag === "-net")) return;
    const note = profile.entry("-net", "supported")?.notes.find((n) => n.includes("model="));
    const models = note
      ? [...note.replace(/.*model=/, "").matchAll(/[a-z0-9]+(?=[,\s]|$)/g)]
          .map((m) => m[0])
          .filter((w) => !["only", "and", "are", "supported"].includes(w))
      : [];
    for (const o of options) {
      if (o.flag !== "-net" || firstValue(o, "type") !== "nic") continue;
      const model = prop(o, "model");
      if (model === undefined || models.includes(model)) continue;
      report(o, { messageId: "unsupported", data: { model: String(model), models: models.join(", ") }, prop: "model" });
    }
  },
);
