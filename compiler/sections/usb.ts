// The USB controller (added before any USB device) and USB input devices.
import type { CompileContext } from "../context.js";
import { needsUsb } from "../context.js";
import { deviceId, USB_BUS, USB_CONTROLLER_ID, usbInputId } from "../ids.js";
import { implied, props, type QemuOption } from "../../qemu/options.js";

export function usbControllerOptions(ctx: CompileContext): QemuOption[] {
  if (!needsUsb(ctx.spec)) return [];
  const kind = ctx.spec.usb?.controller ?? "ehci";
  // usb-ehci and pci-ohci are the controllers the statement supports; xHCI is a target choice.
  const driver = kind === "ehci" ? "usb-ehci" : kind === "ohci" ? "pci-ohci" : ctx.target.xhciDevice;
  // The setting that chose the controller: usb.controller, else what needs USB (an input device,
  // a usb-storage disk or CD-ROM, which come before the default controller they need).
  const { spec } = ctx;
  const disk = spec.disks?.findIndex((d) => d.bus === "usb-storage") ?? -1;
  const cdrom = spec.cdroms?.findIndex((c) => c.bus === "usb-storage") ?? -1;
  const input = (["tablet", "keyboard", "mouse"] as const).find((k) => spec.usb?.[k]) ?? (spec.usb?.host?.length ? "host" : undefined);
  const path =
    spec.usb?.controller !== undefined
      ? ["usb", "controller"]
      : input
        ? ["usb", input]
        : disk >= 0
          ? ["disks", disk, "bus"]
          : cdrom >= 0
            ? ["cdroms", cdrom, "bus"]
            : ["usb"];
  return [{ flag: "-device", props: [implied("driver", driver, path), { key: "id", value: USB_CONTROLLER_ID }], path }];
}

/** A USB id as QEMU reads it: hexadecimal with `0x`, lower case (`lsusb` prints `046d`). */
const usbId = (id: string | undefined) => (id === undefined ? undefined : `0x${id.replace(/^0x/, "").toLowerCase()}`);

/** The input devices, then the host USB devices (usb.host), each on the controller's bus. */
export function usbInputOptions(ctx: CompileContext): QemuOption[] {
  const u = ctx.spec.usb;
  const out: QemuOption[] = [];
  for (const [key, driver] of [
    ["tablet", "usb-tablet"],
    ["keyboard", "usb-kbd"],
    ["mouse", "usb-mouse"],
  ] as const) {
    if (u?.[key])
      out.push({
        flag: "-device",
        props: [implied("driver", driver), { key: "bus", value: USB_BUS }, { key: "id", value: usbInputId(key) }],
        path: ["usb", key],
      });
  }
  (u?.host ?? []).forEach((h, i) => {
    const at = (field: string) => ["usb", "host", i, field];
    out.push({
      flag: "-device",
      props: props(implied("driver", "usb-host"), [
        ["bus", USB_BUS],
        ["vendorid", usbId(h.vendor), at("vendor")],
        ["productid", usbId(h.product), at("product")],
        ["hostbus", h.bus, at("bus")],
        ["hostaddr", h.address, at("address")],
        ["id", deviceId(h.name), at("name")],
      ]),
      path: ["usb", "host", i],
    });
  });
  return out;
}
