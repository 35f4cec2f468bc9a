// A device with its own bootindex that boot.order also lists: one of the two is silently ignored.
import { specRule, type RuleDocs } from "./rule.js";
import { namedDevices } from "./spec-names.js";

const DOCS: RuleDocs = {
  details:
    "A disk, CD-ROM, network or host device that sets `bootindex` and is also named in `boot.order`.\nThe two say different things about one device's boot priority, and only one can reach QEMU: the\ndevice's own `bootindex` is emitted and its place in `boot.order` is ignored, so the VM boots in\nan order the spec does not show (two devices can even end up on one bootindex, which QEMU refuses).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
boot: {order: [cd, root]}
disks:
  - {name: root, file: root.qcow2, format: qcow2, bootindex: 0}
cdroms:
  - {name: cd, file: install.iso}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
boot: {order: [cd, root]}
disks:
  - {name: root, file: root.qcow2, format: qcow2}
cdroms:
  - {name: cd, file: install.iso}
`,
    },
  ],
  fix: "Order devices in one place: remove `bootindex` from the devices `boot.order` lists (or drop `boot.order` and give every bootable device a `bootindex`).",
};

export default specRule(
  {
    id: "bootindex-with-boot-order",
    defaultSeverity: "error",
    description: "a device's bootindex and its place in boot.order both set",
    docs: DOCS,
    messages: {
      bothSet:
        "{{device}} ({{name}}) sets bootindex {{bootindex}} and is also place {{place}} in boot.order: its bootindex wins and boot.order is ignored for it. Order devices in one place",
    },
  },
  ({ spec, report }) => {
    const order = spec.boot?.order ?? [];
    for (const d of namedDevices(spec)) {
      if (d.bootindex === undefined) continue;
      const place = order.indexOf(d.name);
      if (place < 0) continue;
      report({
        path: [...d.path, "bootindex"],
        messageId: "bothSet",
        data: { device: d.path.join("."), name: JSON.stringify(d.name), bootindex: d.bootindex, place: place + 1 },
      });
    }
  },
);
