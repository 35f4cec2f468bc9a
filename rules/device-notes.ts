// Device names that a more specific rule reports, so the general device rules stay quiet on them.
export const SPECIFIC_DEVICE_RULES = new Set(["ivshmem", "pci-assign", "kvm-pci-assign", "pc-sysfw", "?", "help"]);
