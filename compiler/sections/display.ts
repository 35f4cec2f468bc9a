// The graphical console: headless unless the spec asks for VNC, SPICE, GTK or SDL.
import type { CompileContext } from "../context.js";
import { hostPath } from "../context.js";
import { ifSet, implied, props, type QemuOption } from "../../qemu/options.js";
import { DISPLAY_SECRET_ID, DISPLAY_TLS_ID, VIDEO_ID } from "../ids.js";

/** The -device driver of each video model (import reads it backwards). */
export const VIDEO_DRIVER = { std: "VGA", qxl: "qxl-vga", "virtio-gpu": "virtio-gpu-pci", ramfb: "ramfb" } as const;

/** VNC display n listens on TCP port 5900 + n; display.port is the TCP port. */
const VNC_BASE_PORT = 5900;

/** The flag of the option that carries the display (where qemuProperties.display goes). */
export function displayFlag(spec: CompileContext["spec"]): string {
  const type = spec.display?.type;
  return type === "vnc" ? "-vnc" : type === "spice" ? "-spice" : "-display";
}

/**
 * display.passwordFile: a secret object QEMU reads the password from (never the command line),
 * named by `password-secret=`, which VNC and SPICE have since QEMU 7.0. Its id, or undefined.
 */
function displaySecret(ctx: CompileContext, out: QemuOption[]): string | undefined {
  const d = ctx.spec.display;
  if (d?.passwordFile === undefined || (d.type !== "vnc" && d.type !== "spice")) return undefined;
  if (!ctx.target.displayPasswordSecret) {
    ctx.unsupported?.push({
      id: "target-unsupported",
      message: `display.passwordFile needs QEMU 7.0 or later (password-secret=); QEMU ${ctx.target.version.join(".")} has no way to read a display password from a file: use password: true and set it through QMP set_password`,
      path: ["display", "passwordFile"],
    });
    return undefined;
  }
  out.push({
    flag: "-object",
    props: props(implied("qom-type", "secret"), [
      ["id", DISPLAY_SECRET_ID],
      ["file", hostPath(ctx, d.passwordFile), ["display", "passwordFile"]],
      ["format", "raw"],
    ]),
    path: ["display", "passwordFile"],
  });
  return DISPLAY_SECRET_ID;
}

export function displayOptions(ctx: CompileContext): QemuOption[] {
  const d = ctx.spec.display;
  if (!d && !ctx.defaults) return [];
  if (!d || d.type === "none") return [{ flag: "-display", props: [implied("type", "none")], path: d ? ["display", "type"] : [] }];
  const out: QemuOption[] = [];
  const secret = displaySecret(ctx, out);
  const listen = d.listen ?? "127.0.0.1";
  const host = listen.includes(":") ? `[${listen}]` : listen;
  if (d.type === "vnc") {
    // display.port is a TCP port; -vnc takes the display number. A port below 5900 is an error
    // (vnc-port-range), emitted as QEMU would have read it so the finding still points at it.
    const port = d.port ?? VNC_BASE_PORT;
    const display = port >= VNC_BASE_PORT ? port - VNC_BASE_PORT : port;
    if (d.tls) {
      out.push({
        flag: "-object",
        props: props(implied("qom-type", "tls-creds-x509"), [
          ["id", DISPLAY_TLS_ID],
          ["dir", hostPath(ctx, d.tls.dir)],
          ["endpoint", "server"],
          ["verify-peer", d.tls.verifyClients ?? false],
        ]),
        path: ["display", "tls"],
      });
    }
    out.push({
      flag: "-vnc",
      props: [
        implied(
          "vnc",
          `${host}:${display}`,
          d.listen !== undefined ? ["display", "listen"] : d.port !== undefined ? ["display", "port"] : undefined,
        ),
        ...props(null, [["password", d.password ? true : undefined]]).map((p) => ({ ...p, path: ["display", "password"] })),
        ...props(null, [["password-secret", secret, ["display", "passwordFile"]]]),
        ...props(null, [["tls-creds", d.tls ? DISPLAY_TLS_ID : undefined]]).map((p) => ({ ...p, path: ["display", "tls"] })),
        ...props(null, [["websocket", d.websocket, ["display", "websocket"]]]),
      ],
      path: ["display"],
    });
  } else if (d.type === "spice") {
    // Without a password, ticketing is off: with the loopback default that is the usual local
    // set-up; the rulebook reports an unauthenticated SPICE server on any other address. With
    // `password`, ticketing stays on and nobody connects until QMP set_password sets one. With
    // `tls`, the port is the TLS port and there is no plain-text one.
    const port = d.port ?? 5930;
    out.push({
      flag: "-spice",
      props: props(null, [
        ["addr", listen, ifSet(d.listen, ["display", "listen"])],
        [d.tls ? "tls-port" : "port", port, ifSet(d.port, ["display", "port"])],
        ["x509-dir", d.tls ? hostPath(ctx, d.tls.dir) : undefined, ["display", "tls", "dir"]],
        ["disable-ticketing", d.password || secret ? undefined : true, ifSet(d.password, ["display", "password"])],
        ["password-secret", secret, ["display", "passwordFile"]],
      ]),
      path: ["display"],
    });
  } else {
    out.push({ flag: "-display", props: [implied("type", d.type)], path: ["display", "type"] });
  }
  // VGA is the supported default (the statement lists VGA and qxl; virtio-gpu is unsupported).
  const video = d.video ?? "std";
  out.push({
    flag: "-device",
    // The x86 VGA BIOS is never run on aarch64 (UEFI drives the card itself), and Debian ships it
    // outside QEMU's data folder: load no option ROM rather than fail to find one.
    props: props(implied("driver", VIDEO_DRIVER[video]), [
      ["id", VIDEO_ID],
      ["romfile", video === "std" ? "" : undefined],
    ]),
    path: d.video ? ["display", "video"] : ["display"],
  });
  return out;
}
