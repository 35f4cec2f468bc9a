// -device pci-assign / kvm-pci-assign: "no longer supported ... (use -device vfio-pci instead)".
import { optionRule, type RuleDocs } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";
import { prop } from "../qemu/options.js";

const DOCS: RuleDocs = {
  statement:
    "These previously supported command line options are no longer supported: -device pci-assign, -device kvm-pci-assign (use -device vfio-pci instead)",
  details: "`-device pci-assign` or `kvm-pci-assign`.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-device, "pci-assign,host=01:00.0"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
hostDevices: [{name: nic0, address: "0000:01:00.0"}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device kvm-pci-assign,host=01:00.0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device vfio-pci,host=0000:01:00.0
`,
    },
  ],
  fix: "Use `vfio-pci` (bind the host device to the vfio-pci driver first).",
};

export default optionRule(
  {
    id: "pci-assign-removed",
    reads: ["-device"],
    defaultSeverity: "error",
    description: "-device pci-assign or kvm-pci-assign",
    fixable: true,
    docs: DOCS,
    messages: {
      removed: "-device {{device}} is no longer supported: use -device vfio-pci (bind the device to vfio-pci on the host first)",
      removedHost:
        "-device {{device}} is no longer supported: use -device vfio-pci,host={{host}} (bind the device to vfio-pci on the host first)",
      useVfio: "use vfio-pci (check the other properties)",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      const name = deviceDriver(o);
      if (name !== "pci-assign" && name !== "kvm-pci-assign") continue;
      const host = prop(o, "host");
      const driver = o.props?.[0]?.key;
      const change = { prop: driver, value: "vfio-pci" };
      // vfio-pci takes the same host=, id=, bus=, addr= and bootindex=; anything else needs a person.
      const exact = (o.props ?? []).slice(1).every((p) => ["host", "id", "bus", "addr", "bootindex"].includes(p.key));
      report(o, {
        messageId: host ? "removedHost" : "removed",
        data: { device: name, host: host ?? "" },
        prop: driver,
        ...(exact ? { fix: change } : { suggest: [{ messageId: "useVfio", change }] }),
      });
    }
  },
);
