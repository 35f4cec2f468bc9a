// A -device the statement lists as unsupported (wildcards and aliases included).
import { optionRule } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";
import { SPECIFIC_DEVICE_RULES } from "./device-notes.js";

/** Supported devices that do the same job. */
const INSTEAD: [RegExp, string][] = [
  [/^virtio-(gpu|vga)/, "VGA or qxl-vga"],
  [/^(cirrus-vga|vmware-svga|isa-vga|isa-cirrus-vga)$/, "VGA or qxl-vga"],
  [/^virtio-keyboard/, "usb-kbd"],
  [/^virtio-(mouse|tablet)/, "usb-tablet or usb-mouse"],
  [/^(lsi|lsi53c8|esp|megasas$)/, "virtio-scsi-pci"],
  [/-cpu$/, "-cpu host"],
  [/^(sdhci-pci|generic-sdhci|floppy|isa-fdc|piix3-ide|isa-ide|sysbus-ahci)/, "virtio-blk-pci or virtio-scsi-pci"],
  [/^(usb-redir|piix3-usb-uhci|piix-usb-uhci|sysbus-ohci)$/, "usb-ehci, pci-ohci or usb-host"],
  [/^(pl011|cadence_uart|imx\.serial|exynos4210\.uart)/, "-serial or virtconsole"],
];

export default optionRule(
  { id: "unsupported-device", defaultSeverity: "error", description: "a -device the statement lists as unsupported" },
  ({ options, profile, report }) => {
    for (const o of options) {
      const name = deviceDriver(o);
      if (!name || SPECIFIC_DEVICE_RULES.has(name)) continue;
      const s = profile.deviceStatus(name);
      if (s.status !== "unsupported") continue;
      const instead = INSTEAD.find(([re]) => re.test(name))?.[1];
      report(o, {
        message: `-device ${name} is unsupported by the ${profile.data.title}${s.via ? ` (it is what the alias "${s.via}" names)` : ""}${instead ? `; use ${instead}` : ""}`,
        prop: o.props?.[0]?.key,
      });
    }
  },
);
