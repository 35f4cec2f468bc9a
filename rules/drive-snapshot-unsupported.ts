// -drive snapshot=on (the statement: "-drive ... snapshot=off only").
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";

const DOCS: RuleDocs = {
  statement: "-drive ... snapshot=off only ... unsupported: -drive ... snapshot=on",
  details: "`-drive snapshot=on`.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=d.qcow2,format=qcow2,if=virtio,snapshot=on"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=d.qcow2,format=qcow2,if=virtio"]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=d.qcow2,format=qcow2,snapshot=on
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=overlay.qcow2,format=qcow2
`,
    },
  ],
  fix: "Use a qcow2 overlay: `qemu-img create -f qcow2 -b base.qcow2 -F qcow2 overlay.qcow2`.",
};

export default optionRule(
  {
    id: "drive-snapshot-unsupported",
    reads: ["-drive"],
    defaultSeverity: "error",
    description: "-drive snapshot=on",
    docs: DOCS,
    messages: {
      snapshotOn:
        "-drive snapshot=on is unsupported (the statement supports snapshot=off only): use a qcow2 overlay (qemu-img create -f qcow2 -b base.qcow2 -F qcow2 overlay.qcow2)",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      const s = o.flag === "-drive" ? prop(o, "snapshot") : undefined;
      if (s === "on" || s === "true" || s === "yes") report(o, { messageId: "snapshotOn", prop: "snapshot" });
    }
  },
);
