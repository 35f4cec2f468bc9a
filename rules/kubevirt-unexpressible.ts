// kubevirt-unexpressible: a setting a KubeVirt VirtualMachine cannot express (only with --target kubevirt; docs/kubevirt.md).
import { specRule, type RuleDocs } from "./rule.js";
import { kubevirtGaps } from "../compiler/emit/kubevirt.js";

const DOCS: RuleDocs = {
  details:
    "With `--target kubevirt` (and `vmspec build --format kubevirt`): a setting the `kubevirt.io/v1` VirtualMachine has no place for, or a value it cannot take, so the manifest would silently lose it. Among them: `kernel` (KubeVirt boots kernels from container images only), `console`, 9p `shares`, `hostDevices` by PCI address, a host `tpm` (passthrough), `pvpanic`, an `rtc` other than UTC on the host clock, `globals`, `qemuProperties`, `extraArgs`, `incoming`, `accel: tcg`, `machine.gicVersion`, `cpu.maxCount`, `memory.prealloc`, `cache: directsync`/`unsafe`, `tap` networks, a second `user` network (a VM has one pod network), a forward's `hostAddress`, SPICE/GTK/SDL displays, a `file`, `tcp` or `telnet` serial (KubeVirt's serial console is `virtctl console`) and its `logAppend` (its log, `logSerialConsole`, lives in the pod), an `rng.source` other than `/dev/urandom`, `balloon.deflateOnOom`, a USB controller other than xhci, a USB keyboard or mouse (KubeVirt's only input is a tablet), SMBIOS strings other than the serial; of the admin fields: a disk's `detectZeroes` and `throttle` (v1.Disk has neither), an `iothread` on a SCSI or USB disk (KubeVirt gives I/O threads to virtio disks only) or a second thread shared by several disks (KubeVirt has one shared thread; a thread of one disk is its `dedicatedIOThread`), a `restrict`ed user network (use a NetworkPolicy), a user network's `backend: passt` (KubeVirt runs the pod network itself), a bridge `helper`, `usb.host` (KubeVirt passes USB devices through by a resource name the cluster permits), `pci.rootPorts`, a `tpm.socket` (KubeVirt runs swtpm itself; `tpm.type: emulator` maps to `devices.tpm`), and a VNC `password`, `passwordFile`, `websocket` or `tls` (KubeVirt serves VNC through its API only); and names Kubernetes refuses (the VM's name, a disk's, CD-ROM's or network's name and a bridge's name must be RFC 1123 labels: lower-case letters, digits and `-`). The full mapping is in docs/kubevirt.md.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - name: root
    file: web.qcow2
    format: qcow2
    cache: unsafe
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - name: root
    file: web.qcow2
    format: qcow2
    cache: none
`,
    },
  ],
  fix: "Remove the setting for the KubeVirt build, or use what the message names instead.",
};

export default specRule(
  {
    id: "kubevirt-unexpressible",
    target: "kubevirt",
    defaultSeverity: "error",
    description: "a setting a KubeVirt VirtualMachine cannot express",
    docs: DOCS,
    messages: {
      field: "a KubeVirt VirtualMachine cannot express {{field}}: {{why}}",
      value: "a KubeVirt VirtualMachine cannot express {{field}}: {{value}}: {{why}}",
      name: "{{name}} cannot be {{what}} in KubeVirt: Kubernetes names are lower-case letters, digits and '-' (at most 63, starting and ending with a letter or digit)",
      secondPodNetwork:
        "a KubeVirt VirtualMachine has one pod network, already used by {{first}}: make this network a bridge (a Multus network)",
    },
  },
  ({ spec, report }) => {
    for (const g of kubevirtGaps(spec)) report({ messageId: g.messageId, data: g.data, path: g.path });
  },
);
