// A -device the statement lists as unsupported (wildcards and aliases included).
import { optionRule, type RuleDocs } from "./rule.js";
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

const DOCS: RuleDocs = {
  statement:
    "-device [160s33b|...|virtio-vga|vmware-svga|...|*-x86_64-cpu|...] (the following are aliases of these unsupported devices: lsi| virtio-input-host|virtio-keyboard|virtio-mouse|virtio-tablet| virtio-gpu|pci-assign|piix-usb-uhci)",
  details:
    "A `-device` in the unsupported list, with wildcards (`*-x86_64-cpu`) and aliases: a device an unsupported alias names (`virtio-gpu` names `virtio-gpu-pci`) is unsupported too. `e1000` and `virtconsole`, in both lists, are read as supported (docs/decisions.md).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc, video: virtio-gpu}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc, video: std}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device virtio-keyboard-pci
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device usb-ehci,id=usb -device usb-kbd,bus=usb.0
`,
    },
  ],
  fix: "Use the supported device the message names.",
};

export default optionRule(
  {
    id: "unsupported-device",
    reads: ["-device"],
    defaultSeverity: "error",
    description: "a -device the statement lists as unsupported",
    docs: DOCS,
    messages: {
      unsupported: "-device {{device}} is unsupported by the {{title}}{{alias}}{{instead}}",
    },
  },
  ({ options, profile, report }) => {
    for (const o of options) {
      const name = deviceDriver(o);
      if (!name || SPECIFIC_DEVICE_RULES.has(name)) continue;
      const s = profile.deviceStatus(name);
      if (s.status !== "unsupported") continue;
      const instead = INSTEAD.find(([re]) => re.test(name))?.[1];
      report(o, {
        messageId: "unsupported",
        data: {
          device: name,
          title: profile.data.title,
          alias: s.via ? ` (it is what the alias "${s.via}" names)` : "",
          instead: instead ? `; use ${instead}` : "",
        },
        prop: o.props?.[0]?.key,
      });
    }
  },
);
