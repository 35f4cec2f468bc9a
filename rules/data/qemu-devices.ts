// What QEMU itself says about device names (from `qemu-system-aarch64 -device help`), which the
// statement does not: the device each alias names, and the device each -vga type creates.

/** Alias → the device it names. */
export const DEVICE_ALIASES: Record<string, string> = {
  ahci: "ich9-ahci",
  "virtio-blk": "virtio-blk-pci",
  "virtio-net": "virtio-net-pci",
  "virtio-serial": "virtio-serial-pci",
  "virtio-balloon": "virtio-balloon-pci",
  "virtio-9p": "virtio-9p-pci",
  "virtio-scsi": "virtio-scsi-pci",
  "virtio-rng": "virtio-rng-pci",
  "e1000-82540em": "e1000",
  lsi: "lsi53c895a",
  "virtio-input-host": "virtio-input-host-pci",
  "virtio-keyboard": "virtio-keyboard-pci",
  "virtio-mouse": "virtio-mouse-pci",
  "virtio-tablet": "virtio-tablet-pci",
  "virtio-gpu": "virtio-gpu-pci",
  "pci-assign": "kvm-pci-assign",
  "piix-usb-uhci": "piix3-usb-uhci",
};

/** -vga type → the device it creates. */
export const VGA_DEVICES: Record<string, string> = {
  std: "VGA",
  qxl: "qxl-vga",
  virtio: "virtio-vga",
  cirrus: "cirrus-vga",
  vmware: "vmware-svga",
  cg3: "cgthree",
  tcx: "sun-tcx",
  xenfb: "xenfb",
  none: "",
};

/**
 * QEMU's image format drivers (`qemu-img --help`, "Supported formats", less the protocol and
 * filter drivers): the -blockdev drivers and -drive format= values that name how an image is laid out.
 */
export const IMAGE_FORMAT_DRIVERS: readonly string[] = ["bochs", "cloop", "dmg", "luks", "parallels", "qcow", "qcow2", "qed", "raw", "vdi", "vhdx", "vmdk", "vpc"];

/**
 * Devices that take a PCI slot: every device `qemu-system-aarch64 -device help` (QEMU 7.2) lists on
 * bus PCI, plus the PCI devices of QEMU 2.9 that 7.2 no longer has or Debian does not build.
 */
export const PCI_DEVICES: ReadonlySet<string> = new Set([
  "AC97", "ES1370", "VGA", "acpi-erst", "am53c974", "ati-vga", "bochs-display", "cirrus-vga",
  "ctucan_pci", "cxl-downstream", "cxl-rp", "cxl-type3", "cxl-upstream", "dc390", "e1000",
  "e1000-82544gc", "e1000-82545em", "e1000e", "edu", "i6300esb", "i82550", "i82551", "i82557a",
  "i82557b", "i82557c", "i82558a", "i82558b", "i82559a", "i82559b", "i82559c", "i82559er", "i82562",
  "i82801", "i82801b11-bridge", "ich9-ahci", "ich9-intel-hda", "ich9-usb-ehci1", "ich9-usb-ehci2",
  "ich9-usb-uhci1", "ich9-usb-uhci2", "ich9-usb-uhci3", "ich9-usb-uhci4", "ich9-usb-uhci5",
  "ich9-usb-uhci6", "intel-hda", "ioh3420", "ivshmem-doorbell", "ivshmem-plain", "kvaser_pci",
  "lsi53c810", "lsi53c895a", "megasas", "megasas-gen2", "mioe3680_pci", "mptsas1068", "ne2k_pci",
  "nec-usb-xhci", "nvme", "pci-bridge", "pci-bridge-seat", "pci-ohci", "pci-serial", "pci-serial-2x",
  "pci-serial-4x", "pci-testdev", "pcie-pci-bridge", "pcie-root-port", "pcm3680_pci", "pcnet",
  "piix3-usb-uhci", "piix4-usb-uhci", "pvpanic-pci", "pvrdma", "pvscsi", "pxb", "pxb-cxl",
  "pxb-pcie", "qemu-xhci", "rocker", "rtl8139", "sdhci-pci", "secondary-vga", "tpci200", "tulip",
  "usb-ehci", "vfio-pci", "vfio-pci-nohotplug", "vhost-scsi-pci", "vhost-scsi-pci-non-transitional",
  "vhost-scsi-pci-transitional", "vhost-user-blk-pci", "vhost-user-blk-pci-non-transitional",
  "vhost-user-blk-pci-transitional", "vhost-user-fs-pci", "vhost-user-gpio-pci",
  "vhost-user-gpu-pci", "vhost-user-i2c-pci", "vhost-user-input-pci", "vhost-user-rng-pci",
  "vhost-user-scsi-pci", "vhost-user-scsi-pci-non-transitional", "vhost-user-scsi-pci-transitional",
  "vhost-user-vsock-pci", "vhost-user-vsock-pci-non-transitional", "vhost-vsock-pci",
  "vhost-vsock-pci-non-transitional", "virtio-9p-pci", "virtio-9p-pci-non-transitional",
  "virtio-9p-pci-transitional", "virtio-balloon-pci", "virtio-balloon-pci-non-transitional",
  "virtio-balloon-pci-transitional", "virtio-blk-pci", "virtio-blk-pci-non-transitional",
  "virtio-blk-pci-transitional", "virtio-crypto-pci", "virtio-gpu-gl-pci", "virtio-gpu-pci",
  "virtio-input-host-pci", "virtio-iommu-pci", "virtio-keyboard-pci", "virtio-mem-pci",
  "virtio-mouse-pci", "virtio-net-pci", "virtio-net-pci-non-transitional",
  "virtio-net-pci-transitional", "virtio-rng-pci", "virtio-rng-pci-non-transitional",
  "virtio-rng-pci-transitional", "virtio-scsi-pci", "virtio-scsi-pci-non-transitional",
  "virtio-scsi-pci-transitional", "virtio-serial-pci", "virtio-serial-pci-non-transitional",
  "virtio-serial-pci-transitional", "virtio-tablet-pci", "vmware-svga", "vmxnet3", "x3130-upstream",
  "xio3130-downstream",
  "kvm-pci-assign", "ivshmem", "qxl", "qxl-vga", "virtio-vga",
]);
