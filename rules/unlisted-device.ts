// A -device (or -usbdevice value) in neither of the statement's lists: a technology preview.
import { optionChange } from "./statement-changes.js";
import { optionRule, type RuleDocs } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";
import { SPECIFIC_DEVICE_RULES } from "./device-notes.js";
import { valuesOf } from "./data/extract.js";
import { refusedOnArm } from "../qemu/since.js";

const DOCS: RuleDocs = {
  statement: "All features indicated as not being supported in this document fall under the Technology Preview definition.",
  details:
    "A `-device` (or `-usbdevice` value) in neither device list, such as `qemu-xhci`, `ramfb` or `pvpanic-pci`: a technology preview. A device no qemu-system-aarch64 of the target has (`-device intel-iommu`) is left to `target-unsupported`, which refuses it: one finding, not a technology preview of something that does not exist.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
usb: {controller: xhci}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
usb: {controller: ehci}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device qemu-xhci
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device usb-ehci
`,
    },
  ],
  fix: "Prefer a listed device (`usb-ehci` instead of xHCI, `VGA` instead of `ramfb`).",
};

export default optionRule(
  {
    id: "unlisted-device",
    reads: ["-usbdevice", "-device"],
    defaultSeverity: "warning",
    description: "a device in neither of the statement's lists (a technology preview)",
    docs: DOCS,
    messages: {
      unlistedUsbdevice: "-usbdevice {{kind}} is not in the statement's -usbdevice list ({{list}})",
      unlisted: "-device {{device}} is in neither device list of the {{title}}: it is a technology preview there, not supported",
    },
  },
  ({ options, profile, qemu, report }) => {
    const usbdevices = valuesOf(profile.data.lists.supportedOptions, "-usbdevice");
    for (const o of options) {
      if (o.flag === "-usbdevice" && o.raw !== undefined) {
        const kind = o.raw.split(":")[0];
        if (!usbdevices.includes(kind)) report(o, { messageId: "unlistedUsbdevice", data: { kind, list: usbdevices.join(", ") } });
        continue;
      }
      const name = deviceDriver(o);
      if (!name || SPECIFIC_DEVICE_RULES.has(name)) continue;
      if (profile.deviceStatus(name).status !== "unlisted") continue;
      // A device no qemu-system-aarch64 of the target has is target-unsupported's error, not a technology preview.
      if (refusedOnArm(name, qemu)) continue;
      // What the statement's deprecation section says is gone is statement-removed's.
      if (optionChange(profile, o, ["removed", "unsupported"])) continue;
      report(o, { messageId: "unlisted", data: { device: name, title: profile.data.title }, prop: o.props?.[0]?.key });
    }
  },
);
