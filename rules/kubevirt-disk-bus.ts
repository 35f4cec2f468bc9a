// kubevirt-disk-bus: a disk or CD-ROM on USB, which KubeVirt refuses on arm64 (only with --target kubevirt; docs/kubevirt.md).
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    'With `--target kubevirt`: a disk, CD-ROM or LUN on arm64 must be on the `virtio` or `scsi` bus (KubeVirt\'s arm64 admission (pkg/virt-api/webhooks/arm64.go, ValidateVirtualMachineInstanceArm64Setting): "Arm64 not support this disk bus type, please use virtio or scsi"). vmspec maps `virtio-blk` to `virtio` and `virtio-scsi` to `scsi`; `usb-storage` would be `usb` and is reported.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
cdroms:
  - name: install
    file: install.iso
    bus: usb-storage
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
cdroms:
  - name: install
    file: install.iso
    bus: virtio-scsi
`,
    },
  ],
  fix: "Use `bus: virtio-blk` or `virtio-scsi` (a CD-ROM: `virtio-scsi`, its default).",
};

export default specRule(
  {
    id: "kubevirt-disk-bus",
    target: "kubevirt",
    defaultSeverity: "error",
    description: "a disk or CD-ROM on USB, which KubeVirt refuses on arm64",
    docs: DOCS,
    messages: {
      bus: 'KubeVirt refuses the {{bus}} bus for a {{what}} on arm64 ("please use virtio or scsi"): use virtio-blk or virtio-scsi',
    },
  },
  ({ spec, report }) => {
    spec.disks?.forEach((d, i) => {
      if (d.bus === "usb-storage") report({ messageId: "bus", data: { bus: d.bus, what: "disk" }, path: ["disks", i, "bus"] });
    });
    spec.cdroms?.forEach((c, i) => {
      if (c.bus === "usb-storage") report({ messageId: "bus", data: { bus: c.bus, what: "CD-ROM" }, path: ["cdroms", i, "bus"] });
    });
  },
);
