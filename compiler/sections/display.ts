// The graphical console: headless unless the spec asks for VNC, SPICE, GTK or SDL.
import type { CompileContext } from "../context.js";
import { ifSet, implied, props, type QemuOption } from "../options.js";

const VIDEO_DRIVER = { std: "VGA", qxl: "qxl-vga", "virtio-gpu": "virtio-gpu-pci", ramfb: "ramfb" } as const;

export function displayOptions(ctx: CompileContext): QemuOption[] {
  const d = ctx.spec.display;
  if (!d && !ctx.defaults) return [];
  if (!d || d.type === "none") return [{ flag: "-display", props: [implied("type", "none")], path: d ? ["display", "type"] : [] }];
  const out: QemuOption[] = [];
  const listen = d.listen ?? "127.0.0.1";
  const host = listen.includes(":") ? `[${listen}]` : listen;
  if (d.type === "vnc") {
    out.push({ flag: "-vnc", props: [implied("vnc", `${host}:${d.port ?? 0}`, d.listen !== undefined ? ["display", "listen"] : d.port !== undefined ? ["display", "port"] : undefined)], path: ["display"] });
  } else if (d.type === "spice") {
    // No password is set here: with the loopback default that is the usual local set-up; the
    // rulebook reports an unauthenticated SPICE server on any other address.
    out.push({ flag: "-spice", props: props(null, [["addr", listen, ifSet(d.listen, ["display", "listen"])], ["port", d.port ?? 5930, ifSet(d.port, ["display", "port"])], ["disable-ticketing", true]]), path: ["display"] });
  } else {
    out.push({ flag: "-display", props: [implied("type", d.type)], path: ["display", "type"] });
  }
  // VGA is the supported default (the statement lists VGA and qxl; virtio-gpu is unsupported).
  const video = d.video ?? "std";
  out.push({
    flag: "-device",
    // The x86 VGA BIOS is never run on aarch64 (UEFI drives the card itself), and Debian ships it
    // outside QEMU's data folder: load no option ROM rather than fail to find one.
    props: props(implied("driver", VIDEO_DRIVER[video]), [["id", "video0"], ["romfile", video === "std" ? "" : undefined]]),
    path: d.video ? ["display", "video"] : ["display"],
  });
  return out;
}
