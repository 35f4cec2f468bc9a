// More PCI devices on the virt board's root bus than it has slots: QEMU refuses to start
// ("PCI: no slot/function available for ..., all in use or reserved").
import { optionRule, type RuleDocs } from "./rule.js";
import { deviceDriver, machineType } from "./option-helpers.js";
import { prop, type QemuOption } from "../qemu/options.js";
import { DEVICE_ALIASES, PCI_DEVICES } from "./data/qemu-devices.js";

/** Slots 1-31 of pcie.0: slot 0 holds the host bridge (gpex), measured on QEMU 7.2 (31 devices start, 32 do not). */
export const ROOT_BUS_SLOTS = 31;

const DOCS: RuleDocs = {
  details:
    'More PCI devices on the virt board\'s root bus (`pcie.0`) than it has slots. The bus has 32 slots and\nthe host bridge takes slot 0, so 31 devices fit (QEMU 7.2 starts 31 `virtio-blk-pci` disks and refuses\nthe 32nd: "PCI: no slot/function available for virtio-blk-pci, all in use or reserved"). Every\nPCI device vmspec emits takes a slot of its own: each `virtio-blk` disk, each NIC, the video card,\nthe USB and virtio-scsi controllers, virtio-serial, RNG, balloon, watchdog, 9p shares, VFIO devices.\nDevices placed on another bus (`bus=` a root port or bridge) are not counted; devices with an\nexplicit `addr=` on the root bus count once per slot (functions of one slot share it). Only the\n`virt` machine types are judged.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: db
memory: {size: 4GiB}
runAs: qemu
disks:
  - {name: d0, file: d0.qcow2, format: qcow2}
  - {name: d1, file: d1.qcow2, format: qcow2}
  - {name: d2, file: d2.qcow2, format: qcow2}
  - {name: d3, file: d3.qcow2, format: qcow2}
  - {name: d4, file: d4.qcow2, format: qcow2}
  - {name: d5, file: d5.qcow2, format: qcow2}
  - {name: d6, file: d6.qcow2, format: qcow2}
  - {name: d7, file: d7.qcow2, format: qcow2}
  - {name: d8, file: d8.qcow2, format: qcow2}
  - {name: d9, file: d9.qcow2, format: qcow2}
  - {name: d10, file: d10.qcow2, format: qcow2}
  - {name: d11, file: d11.qcow2, format: qcow2}
  - {name: d12, file: d12.qcow2, format: qcow2}
  - {name: d13, file: d13.qcow2, format: qcow2}
  - {name: d14, file: d14.qcow2, format: qcow2}
  - {name: d15, file: d15.qcow2, format: qcow2}
  - {name: d16, file: d16.qcow2, format: qcow2}
  - {name: d17, file: d17.qcow2, format: qcow2}
  - {name: d18, file: d18.qcow2, format: qcow2}
  - {name: d19, file: d19.qcow2, format: qcow2}
  - {name: d20, file: d20.qcow2, format: qcow2}
  - {name: d21, file: d21.qcow2, format: qcow2}
  - {name: d22, file: d22.qcow2, format: qcow2}
  - {name: d23, file: d23.qcow2, format: qcow2}
  - {name: d24, file: d24.qcow2, format: qcow2}
  - {name: d25, file: d25.qcow2, format: qcow2}
  - {name: d26, file: d26.qcow2, format: qcow2}
  - {name: d27, file: d27.qcow2, format: qcow2}
  - {name: d28, file: d28.qcow2, format: qcow2}
  - {name: d29, file: d29.qcow2, format: qcow2}
  - {name: d30, file: d30.qcow2, format: qcow2}
  - {name: d31, file: d31.qcow2, format: qcow2}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: db
memory: {size: 4GiB}
runAs: qemu
disks:
  - {name: d0, file: d0.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d1, file: d1.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d2, file: d2.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d3, file: d3.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d4, file: d4.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d5, file: d5.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d6, file: d6.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d7, file: d7.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d8, file: d8.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d9, file: d9.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d10, file: d10.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d11, file: d11.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d12, file: d12.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d13, file: d13.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d14, file: d14.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d15, file: d15.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d16, file: d16.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d17, file: d17.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d18, file: d18.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d19, file: d19.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d20, file: d20.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d21, file: d21.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d22, file: d22.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d23, file: d23.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d24, file: d24.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d25, file: d25.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d26, file: d26.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d27, file: d27.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d28, file: d28.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d29, file: d29.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d30, file: d30.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d31, file: d31.qcow2, format: qcow2, bus: virtio-scsi}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device virtio-rng-pci,id=rng0 \\
  -device virtio-rng-pci,id=rng1 \\
  -device virtio-rng-pci,id=rng2 \\
  -device virtio-rng-pci,id=rng3 \\
  -device virtio-rng-pci,id=rng4 \\
  -device virtio-rng-pci,id=rng5 \\
  -device virtio-rng-pci,id=rng6 \\
  -device virtio-rng-pci,id=rng7 \\
  -device virtio-rng-pci,id=rng8 \\
  -device virtio-rng-pci,id=rng9 \\
  -device virtio-rng-pci,id=rng10 \\
  -device virtio-rng-pci,id=rng11 \\
  -device virtio-rng-pci,id=rng12 \\
  -device virtio-rng-pci,id=rng13 \\
  -device virtio-rng-pci,id=rng14 \\
  -device virtio-rng-pci,id=rng15 \\
  -device virtio-rng-pci,id=rng16 \\
  -device virtio-rng-pci,id=rng17 \\
  -device virtio-rng-pci,id=rng18 \\
  -device virtio-rng-pci,id=rng19 \\
  -device virtio-rng-pci,id=rng20 \\
  -device virtio-rng-pci,id=rng21 \\
  -device virtio-rng-pci,id=rng22 \\
  -device virtio-rng-pci,id=rng23 \\
  -device virtio-rng-pci,id=rng24 \\
  -device virtio-rng-pci,id=rng25 \\
  -device virtio-rng-pci,id=rng26 \\
  -device virtio-rng-pci,id=rng27 \\
  -device virtio-rng-pci,id=rng28 \\
  -device virtio-rng-pci,id=rng29 \\
  -device virtio-rng-pci,id=rng30 \\
  -device virtio-rng-pci,id=rng31
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device virtio-rng-pci,id=rng0 \\
  -device virtio-rng-pci,id=rng1 \\
  -device virtio-rng-pci,id=rng2 \\
  -device virtio-rng-pci,id=rng3 \\
  -device virtio-rng-pci,id=rng4 \\
  -device virtio-rng-pci,id=rng5 \\
  -device virtio-rng-pci,id=rng6 \\
  -device virtio-rng-pci,id=rng7 \\
  -device virtio-rng-pci,id=rng8 \\
  -device virtio-rng-pci,id=rng9 \\
  -device virtio-rng-pci,id=rng10 \\
  -device virtio-rng-pci,id=rng11 \\
  -device virtio-rng-pci,id=rng12 \\
  -device virtio-rng-pci,id=rng13 \\
  -device virtio-rng-pci,id=rng14 \\
  -device virtio-rng-pci,id=rng15 \\
  -device virtio-rng-pci,id=rng16 \\
  -device virtio-rng-pci,id=rng17 \\
  -device virtio-rng-pci,id=rng18 \\
  -device virtio-rng-pci,id=rng19 \\
  -device virtio-rng-pci,id=rng20 \\
  -device virtio-rng-pci,id=rng21 \\
  -device virtio-rng-pci,id=rng22 \\
  -device virtio-rng-pci,id=rng23 \\
  -device virtio-rng-pci,id=rng24 \\
  -device virtio-rng-pci,id=rng25 \\
  -device virtio-rng-pci,id=rng26 \\
  -device virtio-rng-pci,id=rng27 \\
  -device virtio-rng-pci,id=rng28 \\
  -device virtio-rng-pci,id=rng29 \\
  -device virtio-rng-pci,id=rng30
`,
    },
  ],
  fix: "Put many disks on one virtio-scsi controller (`bus: virtio-scsi`), or add `pcie-root-port` devices and place devices behind them (`bus=`).",
};

function onRootBus(o: QemuOption): boolean {
  const bus = prop(o, "bus");
  return bus === undefined || bus === "pcie.0";
}

export default optionRule(
  {
    id: "pci-slots-exhausted",
    reads: ["-machine", "-device"],
    defaultSeverity: "error",
    description: "more PCI devices than the virt board's root bus has slots",
    docs: DOCS,
    messages: {
      noSlot:
        '{{driver}} is PCI device {{count}} on the root bus, which has {{slots}} free slots: QEMU refuses it ("PCI: no slot/function available for {{driver}}, all in use or reserved"). Put disks on virtio-scsi (bus: virtio-scsi) or devices behind a pcie-root-port',
    },
  },
  ({ options, report }) => {
    // The last -machine that names a type (a loop: no arrays made per input).
    let machine: string | undefined;
    for (let i = 0; i < options.length; i++) {
      const o = options[i];
      if (o.flag !== "-machine") continue;
      const t = machineType(o);
      if (t !== undefined) machine = t;
    }
    if (machine !== undefined && !machine.startsWith("virt")) return;
    const slots = new Set<string>();
    let auto = 0;
    let count = 0;
    for (const o of options) {
      const driver = deviceDriver(o);
      if (driver === undefined || !PCI_DEVICES.has(DEVICE_ALIASES[driver] ?? driver) || !onRootBus(o)) continue;
      count++;
      const addr = prop(o, "addr");
      if (addr !== undefined) slots.add(String(parseInt(addr.split(".")[0], 16)));
      else auto++;
      if (slots.size + auto === ROOT_BUS_SLOTS + 1) {
        report(o, {
          messageId: "noSlot",
          data: { driver, count, slots: ROOT_BUS_SLOTS },
          prop: o.props?.[0]?.key,
        });
      }
    }
  },
);
