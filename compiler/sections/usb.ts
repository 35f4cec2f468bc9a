// The USB controller (added before any USB device) and USB input devices.
import type { CompileContext } from "../context.js";
import { needsUsb, USB_BUS } from "../context.js";
import { implied, type QemuOption } from "../options.js";

export function usbControllerOptions(ctx: CompileContext): QemuOption[] {
  if (!needsUsb(ctx.spec)) return [];
  const kind = ctx.spec.usb?.controller ?? "ehci";
  // usb-ehci and pci-ohci are the controllers the statement supports; xHCI is a target choice.
  const driver = kind === "ehci" ? "usb-ehci" : kind === "ohci" ? "pci-ohci" : ctx.target.xhciDevice;
  return [{ flag: "-device", props: [implied("driver", driver), { key: "id", value: USB_BUS.split(".")[0] }], path: ctx.spec.usb ? ["usb"] : [] }];
}

export function usbInputOptions(ctx: CompileContext): QemuOption[] {
  const u = ctx.spec.usb;
  const out: QemuOption[] = [];
  for (const [key, driver] of [["tablet", "usb-tablet"], ["keyboard", "usb-kbd"], ["mouse", "usb-mouse"]] as const) {
    if (u?.[key]) out.push({ flag: "-device", props: [implied("driver", driver), { key: "bus", value: USB_BUS }, { key: "id", value: `usb-${key}` }], path: ["usb", key] });
  }
  return out;
}
