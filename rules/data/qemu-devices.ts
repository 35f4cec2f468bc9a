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
