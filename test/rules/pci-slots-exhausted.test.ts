// pci-slots-exhausted: more PCI devices than the virt board's root bus has slots.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/pci-slots-exhausted.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "The same disks on virtio-scsi take one slot",
      yaml: `name: db
memory: {size: 4GiB}
runAs: qemu
disks:
  - {name: d0, file: /srv/db/d0.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d1, file: /srv/db/d1.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d2, file: /srv/db/d2.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d3, file: /srv/db/d3.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d4, file: /srv/db/d4.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d5, file: /srv/db/d5.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d6, file: /srv/db/d6.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d7, file: /srv/db/d7.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d8, file: /srv/db/d8.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d9, file: /srv/db/d9.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d10, file: /srv/db/d10.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d11, file: /srv/db/d11.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d12, file: /srv/db/d12.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d13, file: /srv/db/d13.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d14, file: /srv/db/d14.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d15, file: /srv/db/d15.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d16, file: /srv/db/d16.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d17, file: /srv/db/d17.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d18, file: /srv/db/d18.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d19, file: /srv/db/d19.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d20, file: /srv/db/d20.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d21, file: /srv/db/d21.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d22, file: /srv/db/d22.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d23, file: /srv/db/d23.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d24, file: /srv/db/d24.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d25, file: /srv/db/d25.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d26, file: /srv/db/d26.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d27, file: /srv/db/d27.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d28, file: /srv/db/d28.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d29, file: /srv/db/d29.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d30, file: /srv/db/d30.qcow2, format: qcow2, bus: virtio-scsi}
  - {name: d31, file: /srv/db/d31.qcow2, format: qcow2, bus: virtio-scsi}
`,
    },
    {
      name: "Behind root ports, nothing is on the root bus but the ports",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device pcie-root-port,id=rp0,chassis=1 -device virtio-rng-pci,bus=rp0 \\
  -device pcie-root-port,id=rp1,chassis=2 -device virtio-rng-pci,bus=rp1 \\
  -device pcie-root-port,id=rp2,chassis=3 -device virtio-rng-pci,bus=rp2 \\
  -device pcie-root-port,id=rp3,chassis=4 -device virtio-rng-pci,bus=rp3 \\
  -device pcie-root-port,id=rp4,chassis=5 -device virtio-rng-pci,bus=rp4 \\
  -device pcie-root-port,id=rp5,chassis=6 -device virtio-rng-pci,bus=rp5 \\
  -device pcie-root-port,id=rp6,chassis=7 -device virtio-rng-pci,bus=rp6 \\
  -device pcie-root-port,id=rp7,chassis=8 -device virtio-rng-pci,bus=rp7 \\
  -device pcie-root-port,id=rp8,chassis=9 -device virtio-rng-pci,bus=rp8 \\
  -device pcie-root-port,id=rp9,chassis=10 -device virtio-rng-pci,bus=rp9 \\
  -device pcie-root-port,id=rp10,chassis=11 -device virtio-rng-pci,bus=rp10 \\
  -device pcie-root-port,id=rp11,chassis=12 -device virtio-rng-pci,bus=rp11 \\
  -device pcie-root-port,id=rp12,chassis=13 -device virtio-rng-pci,bus=rp12 \\
  -device pcie-root-port,id=rp13,chassis=14 -device virtio-rng-pci,bus=rp13 \\
  -device pcie-root-port,id=rp14,chassis=15 -device virtio-rng-pci,bus=rp14 \\
  -device pcie-root-port,id=rp15,chassis=16 -device virtio-rng-pci,bus=rp15 \\
  -device pcie-root-port,id=rp16,chassis=17 -device virtio-rng-pci,bus=rp16 \\
  -device pcie-root-port,id=rp17,chassis=18 -device virtio-rng-pci,bus=rp17 \\
  -device pcie-root-port,id=rp18,chassis=19 -device virtio-rng-pci,bus=rp18 \\
  -device pcie-root-port,id=rp19,chassis=20 -device virtio-rng-pci,bus=rp19 \\
  -device pcie-root-port,id=rp20,chassis=21 -device virtio-rng-pci,bus=rp20 \\
  -device pcie-root-port,id=rp21,chassis=22 -device virtio-rng-pci,bus=rp21 \\
  -device pcie-root-port,id=rp22,chassis=23 -device virtio-rng-pci,bus=rp22 \\
  -device pcie-root-port,id=rp23,chassis=24 -device virtio-rng-pci,bus=rp23 \\
  -device pcie-root-port,id=rp24,chassis=25 -device virtio-rng-pci,bus=rp24 \\
  -device pcie-root-port,id=rp25,chassis=26 -device virtio-rng-pci,bus=rp25 \\
  -device pcie-root-port,id=rp26,chassis=27 -device virtio-rng-pci,bus=rp26 \\
  -device pcie-root-port,id=rp27,chassis=28 -device virtio-rng-pci,bus=rp27 \\
  -device pcie-root-port,id=rp28,chassis=29 -device virtio-rng-pci,bus=rp28 \\
  -device pcie-root-port,id=rp29,chassis=30 -device virtio-rng-pci,bus=rp29 \\
  -device virtio-balloon-pci
`,
    },
  ],
  invalid: [
    {
      name: "32 virtio-blk disks: the last one has no slot",
      yaml: `name: db
memory: {size: 4GiB}
runAs: qemu
disks:
  - {name: d0, file: /srv/db/d0.qcow2, format: qcow2}
  - {name: d1, file: /srv/db/d1.qcow2, format: qcow2}
  - {name: d2, file: /srv/db/d2.qcow2, format: qcow2}
  - {name: d3, file: /srv/db/d3.qcow2, format: qcow2}
  - {name: d4, file: /srv/db/d4.qcow2, format: qcow2}
  - {name: d5, file: /srv/db/d5.qcow2, format: qcow2}
  - {name: d6, file: /srv/db/d6.qcow2, format: qcow2}
  - {name: d7, file: /srv/db/d7.qcow2, format: qcow2}
  - {name: d8, file: /srv/db/d8.qcow2, format: qcow2}
  - {name: d9, file: /srv/db/d9.qcow2, format: qcow2}
  - {name: d10, file: /srv/db/d10.qcow2, format: qcow2}
  - {name: d11, file: /srv/db/d11.qcow2, format: qcow2}
  - {name: d12, file: /srv/db/d12.qcow2, format: qcow2}
  - {name: d13, file: /srv/db/d13.qcow2, format: qcow2}
  - {name: d14, file: /srv/db/d14.qcow2, format: qcow2}
  - {name: d15, file: /srv/db/d15.qcow2, format: qcow2}
  - {name: d16, file: /srv/db/d16.qcow2, format: qcow2}
  - {name: d17, file: /srv/db/d17.qcow2, format: qcow2}
  - {name: d18, file: /srv/db/d18.qcow2, format: qcow2}
  - {name: d19, file: /srv/db/d19.qcow2, format: qcow2}
  - {name: d20, file: /srv/db/d20.qcow2, format: qcow2}
  - {name: d21, file: /srv/db/d21.qcow2, format: qcow2}
  - {name: d22, file: /srv/db/d22.qcow2, format: qcow2}
  - {name: d23, file: /srv/db/d23.qcow2, format: qcow2}
  - {name: d24, file: /srv/db/d24.qcow2, format: qcow2}
  - {name: d25, file: /srv/db/d25.qcow2, format: qcow2}
  - {name: d26, file: /srv/db/d26.qcow2, format: qcow2}
  - {name: d27, file: /srv/db/d27.qcow2, format: qcow2}
  - {name: d28, file: /srv/db/d28.qcow2, format: qcow2}
  - {name: d29, file: /srv/db/d29.qcow2, format: qcow2}
  - {name: d30, file: /srv/db/d30.qcow2, format: qcow2}
  - {name: d31, file: /srv/db/d31.qcow2, format: qcow2}
`,
      errors: [{ messageId: "noSlot", line: 36, column: 5, endLine: 36, endColumn: 56 }],
    },
    {
      name: "33 NICs, as a router lab script might start",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev tap,id=n0,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0 \\
  -netdev tap,id=n1,ifname=tap1,script=no,downscript=no -device virtio-net-pci,netdev=n1 \\
  -netdev tap,id=n2,ifname=tap2,script=no,downscript=no -device virtio-net-pci,netdev=n2 \\
  -netdev tap,id=n3,ifname=tap3,script=no,downscript=no -device virtio-net-pci,netdev=n3 \\
  -netdev tap,id=n4,ifname=tap4,script=no,downscript=no -device virtio-net-pci,netdev=n4 \\
  -netdev tap,id=n5,ifname=tap5,script=no,downscript=no -device virtio-net-pci,netdev=n5 \\
  -netdev tap,id=n6,ifname=tap6,script=no,downscript=no -device virtio-net-pci,netdev=n6 \\
  -netdev tap,id=n7,ifname=tap7,script=no,downscript=no -device virtio-net-pci,netdev=n7 \\
  -netdev tap,id=n8,ifname=tap8,script=no,downscript=no -device virtio-net-pci,netdev=n8 \\
  -netdev tap,id=n9,ifname=tap9,script=no,downscript=no -device virtio-net-pci,netdev=n9 \\
  -netdev tap,id=n10,ifname=tap10,script=no,downscript=no -device virtio-net-pci,netdev=n10 \\
  -netdev tap,id=n11,ifname=tap11,script=no,downscript=no -device virtio-net-pci,netdev=n11 \\
  -netdev tap,id=n12,ifname=tap12,script=no,downscript=no -device virtio-net-pci,netdev=n12 \\
  -netdev tap,id=n13,ifname=tap13,script=no,downscript=no -device virtio-net-pci,netdev=n13 \\
  -netdev tap,id=n14,ifname=tap14,script=no,downscript=no -device virtio-net-pci,netdev=n14 \\
  -netdev tap,id=n15,ifname=tap15,script=no,downscript=no -device virtio-net-pci,netdev=n15 \\
  -netdev tap,id=n16,ifname=tap16,script=no,downscript=no -device virtio-net-pci,netdev=n16 \\
  -netdev tap,id=n17,ifname=tap17,script=no,downscript=no -device virtio-net-pci,netdev=n17 \\
  -netdev tap,id=n18,ifname=tap18,script=no,downscript=no -device virtio-net-pci,netdev=n18 \\
  -netdev tap,id=n19,ifname=tap19,script=no,downscript=no -device virtio-net-pci,netdev=n19 \\
  -netdev tap,id=n20,ifname=tap20,script=no,downscript=no -device virtio-net-pci,netdev=n20 \\
  -netdev tap,id=n21,ifname=tap21,script=no,downscript=no -device virtio-net-pci,netdev=n21 \\
  -netdev tap,id=n22,ifname=tap22,script=no,downscript=no -device virtio-net-pci,netdev=n22 \\
  -netdev tap,id=n23,ifname=tap23,script=no,downscript=no -device virtio-net-pci,netdev=n23 \\
  -netdev tap,id=n24,ifname=tap24,script=no,downscript=no -device virtio-net-pci,netdev=n24 \\
  -netdev tap,id=n25,ifname=tap25,script=no,downscript=no -device virtio-net-pci,netdev=n25 \\
  -netdev tap,id=n26,ifname=tap26,script=no,downscript=no -device virtio-net-pci,netdev=n26 \\
  -netdev tap,id=n27,ifname=tap27,script=no,downscript=no -device virtio-net-pci,netdev=n27 \\
  -netdev tap,id=n28,ifname=tap28,script=no,downscript=no -device virtio-net-pci,netdev=n28 \\
  -netdev tap,id=n29,ifname=tap29,script=no,downscript=no -device virtio-net-pci,netdev=n29 \\
  -netdev tap,id=n30,ifname=tap30,script=no,downscript=no -device virtio-net-pci,netdev=n30 \\
  -netdev tap,id=n31,ifname=tap31,script=no,downscript=no -device virtio-net-pci,netdev=n31 \\
  -netdev tap,id=n32,ifname=tap32,script=no,downscript=no -device virtio-net-pci,netdev=n32
`,
      errors: [{ messageId: "noSlot", line: 33, column: 67, endLine: 33, endColumn: 81 }],
    },
  ],
});
