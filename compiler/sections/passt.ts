// A user network run by passt (networks[].backend passt): QEMU connects with -netdev stream to
// passt's socket. build starts nothing: the preparation step stops with the passt command that
// must be running when its socket is missing (as for swtpm).
import type { Network } from "../../spec/types.js";
import type { CompileContext } from "../context.js";
import { implied, type PasstPeer, type PrepareStep, type Prop } from "../../qemu/options.js";
import { defaultSocket } from "./chardevs.js";
import { hostPath, safeStem } from "../context.js";

/** A dotted-quad IPv4 address (no leading zeros, as passt and inet_pton read it). */
function isIpv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/**
 * An IPv6 address as inet_pton reads it: eight groups of 1–4 hex digits, one `::` for a run of
 * zero groups, an IPv4 address for the last two. Written here rather than taken from node:net,
 * which the browser playground does not have and a cold start should not load.
 */
function isIpv6(s: string): boolean {
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  let count = groups.length;
  if (count > 0 && groups[count - 1].includes(".")) {
    if (!isIpv4(groups.pop()!)) return false;
    count += 1;
  }
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** An IPv4 or IPv6 address passt can bind. */
export function isIpAddress(s: string): boolean {
  return isIpv4(s) || isIpv6(s);
}

/**
 * The passt command that serves `socket` with the network's forwards (passtPeer's `-t`/`-u`
 * `<address>/<host port>:<guest port>`: passt takes an IPv6 address bare, without brackets; the
 * schema allows only address characters, so no `,` or `/` reaches passt's list syntax). One
 * client (`--one-off`): passt quits when QEMU does.
 */
function passtCommand(socket: string, n: Network, i: number, runAs?: string): string[] {
  const argv = ["passt", ...(runAs !== undefined ? ["--runas", runAs] : []), "--socket", socket, "--one-off"];
  for (const f of passtPeer(n, i).forwards) argv.push(f.key, f.value);
  return argv;
}

/** What the passt command gives network `i` (on its -netdev stream, for the rules that judge forwards). */
export function passtPeer(n: Network, i: number): PasstPeer {
  const forwards = (n.forwards ?? []).map((f, j) => {
    const udp = (f.protocol ?? "tcp") === "udp";
    const address = f.hostAddress ?? "127.0.0.1";
    return {
      key: udp ? "-u" : "-t",
      value: `${address}/${f.hostPort}:${f.guestPort}`,
      path: ["networks", i, "forwards", j],
      protocol: udp ? ("udp" as const) : ("tcp" as const),
      address,
      hostPort: f.hostPort,
      guestPort: f.guestPort,
    };
  });
  return { forwards, unmapped: [], running: ["--one-off"] };
}

/** The -netdev stream properties for network `i`; the passt step goes into `prepare`. */
export function passtBackend(ctx: CompileContext, n: Network, i: number, id: string, prepare: PrepareStep[]): Prop[] {
  if (!ctx.target.netdevStream)
    ctx.unsupported?.push({
      id: "target-unsupported",
      message: `backend passt needs QEMU 7.2 or later (-netdev stream); QEMU ${ctx.target.version.join(".")} has no way to reach passt: target a newer QEMU (--qemu) or use backend slirp`,
      path: ["networks", i, "backend"],
    });
  if (n.restrict !== undefined)
    ctx.unsupported?.push({
      id: "target-unsupported",
      message: "passt has no restrict (it always gives the guest the host's network): drop restrict or use backend slirp",
      path: ["networks", i, "restrict"],
    });
  (n.forwards ?? []).forEach((f, j) => {
    if (f.hostAddress !== undefined && !isIpAddress(f.hostAddress))
      ctx.unsupported?.push({
        id: "target-unsupported",
        message: `${JSON.stringify(f.hostAddress)} is not an IP address passt can bind (such as 127.0.0.1 or ::1)`,
        path: ["networks", i, "forwards", j, "hostAddress"],
      });
  });
  const socket =
    n.socket !== undefined ? hostPath(ctx, n.socket) : defaultSocket(ctx, `passt-${safeStem(n.name)}`, prepare, ["networks", i]);
  // Started as root, passt binds its socket only after it has dropped to another user (nobody by
  // default), who cannot write the owner-only runtime folder: it exits 0 and leaves no socket. A
  // spec with runAs is started as root (QEMU's -runas needs it): passt runs as that user
  // (--runas) and the runtime folder is created owned by it (install -d -o), so the step works as
  // printed (a socket the spec names lies in a folder of the user's choosing). QEMU connects as root, before it drops to the same user. Without runAs, passt is
  // started by the user who starts QEMU and owns the folder (docs/spec.md).
  const runAs = ctx.spec.runAs;
  if (runAs !== undefined) {
    const dir = socket.slice(0, socket.lastIndexOf("/"));
    const step = prepare.find((p) => p.creates === dir && p.argv[0] === "mkdir");
    if (step) step.argv = ["install", "-d", "-m", "0700", "-o", runAs, "--", dir];
  }
  prepare.push({ creates: socket, argv: passtCommand(socket, n, i, runAs), path: ["networks", i, "backend"], mustRun: true });
  return [
    implied("type", "stream", ["networks", i, "backend"]),
    { key: "id", value: id },
    { key: "server", value: "off" },
    { key: "addr.type", value: "unix" },
    { key: "addr.path", value: socket, ...(n.socket !== undefined ? { path: ["networks", i, "socket"] } : {}) },
  ];
}
