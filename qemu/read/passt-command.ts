// A passt command read from a script (`passt --socket /run/vm/passt.sock -t 127.0.0.1/2222:22 &`),
// as passt's getopt_long reads it (passt(1), Debian 12's passt 2023): the socket QEMU's
// `-netdev stream` connects to, the port forwards (`-t`/`-u`), the options about how passt runs,
// and the ones that change the guest's network, which a spec cannot say. `attachPasst` hangs it on
// the -netdev stream whose addr.path is that socket, for lint's rules and import.
import type { PasstForward, PasstPeer, QemuOption } from "../options.js";
import { prop } from "../options.js";
import type { Word } from "../parse-options.js";

/** A passt command of a file: its socket (absent when passt probes one) and what it does. */
export interface PasstCommand extends PasstPeer {
  socket?: string;
}

/** Options about how passt runs, not what the guest's network is: [short, long, takes a value]. */
const RUNNING: [string | undefined, string, boolean][] = [
  ["f", "foreground", false],
  ["q", "quiet", false],
  ["d", "debug", false],
  [undefined, "trace", false],
  ["e", "stderr", false],
  ["l", "log-file", true],
  [undefined, "log-size", true],
  ["P", "pid", true],
  [undefined, "runas", true],
  ["1", "one-off", false],
];

/** Options that change the guest's network or passt's reach, which a spec cannot say. */
const NETWORK: [string | undefined, string, boolean][] = [
  ["p", "pcap", true],
  ["m", "mtu", true],
  ["a", "address", true],
  ["n", "netmask", true],
  ["M", "mac-addr", true],
  ["g", "gateway", true],
  ["i", "interface", true],
  ["o", "outbound", true],
  [undefined, "outbound-if4", true],
  [undefined, "outbound-if6", true],
  ["D", "dns", true],
  [undefined, "dns-forward", true],
  ["S", "search", true],
  [undefined, "no-dhcp-dns", true],
  [undefined, "dhcp-dns", true],
  [undefined, "no-dhcp-search", true],
  [undefined, "dhcp-search", true],
  [undefined, "no-tcp", false],
  [undefined, "no-udp", false],
  [undefined, "no-icmp", false],
  [undefined, "no-dhcp", false],
  [undefined, "no-ndp", false],
  [undefined, "no-dhcpv6", false],
  [undefined, "no-ra", false],
  [undefined, "no-map-gw", false],
  ["4", "ipv4-only", false],
  ["6", "ipv6-only", false],
  ["F", "fd", true],
];

type Kind = "running" | "network" | "socket" | "tcp" | "udp";
const OPTIONS = new Map<string, { kind: Kind; long: string; value: boolean }>();
for (const [short, long, value] of RUNNING) for (const k of [short, long]) if (k) OPTIONS.set(k, { kind: "running", long, value });
for (const [short, long, value] of NETWORK) for (const k of [short, long]) if (k) OPTIONS.set(k, { kind: "network", long, value });
for (const [k, long, kind] of [
  ["s", "socket", "socket"],
  ["t", "tcp-ports", "tcp"],
  ["u", "udp-ports", "udp"],
] as const) {
  OPTIONS.set(k, { kind, long, value: true });
  OPTIONS.set(long, { kind, long, value: true });
}

const PORT = /^(\d{1,5})$/;
/** The socket passt binds without --socket when no other passt runs (passt(1), -s). */
const PROBED = "/tmp/passt_1.socket";

/**
 * One `-t`/`-u` spec: `none`, `all`, or `[address[%interface]/]ports` where ports are a
 * comma-separated list of `N`, `N:M`, ranges `N-M[:A-B]` and exclusions `~N[-M]`. Single ports
 * become forwards; the rest is a reason (a spec forward is one port from one address).
 */
function forwardsOf(flag: string, spec: string, range: [number, number] | undefined, peer: PasstPeer): void {
  const protocol = flag === "-u" || flag === "--udp-ports" ? "udp" : "tcp";
  const why = (reason: string): void => {
    peer.unmapped.push({ text: `${flag} ${spec}`, why: reason, range });
  };
  if (spec === "none") return;
  if (spec === "all") return why("forwards every free port of the host, and a spec's forwards name each port");
  const slash = spec.lastIndexOf("/");
  let address = slash >= 0 ? spec.slice(0, slash) : "";
  if (address.includes("%"))
    return why(`binds the forward to the host interface ${address.slice(address.indexOf("%") + 1)}, which a spec's forward cannot name`);
  if (slash >= 0 && address === "") return why("has an empty address before /");
  address = address.replace(/^\[(.*)\]$/, "$1");
  const items = spec.slice(slash + 1).split(",");
  for (const item of items) {
    const m = /^([^:]+)(?::(.+))?$/.exec(item);
    if (!m || !PORT.test(m[1]) || (m[2] !== undefined && !PORT.test(m[2]))) {
      if (/^~/.test(item) || /-/.test(item))
        return why(`holds the port range or exclusion ${item}: a spec's forward is one port (write one forward per port)`);
      return why(`holds ${JSON.stringify(item)}, which is not a port passt reads`);
    }
    const hostPort = Number(m[1]);
    const guestPort = Number(m[2] ?? m[1]);
    if (hostPort < 1 || hostPort > 65535 || guestPort < 1 || guestPort > 65535) return why(`holds port ${item} out of 1-65535`);
    const single = items.length === 1 ? spec : `${address ? `${address}/` : ""}${item}`;
    const f: PasstForward = { key: flag, value: single, protocol, address, hostPort, guestPort };
    if (range) f.range = range;
    peer.forwards.push(f);
  }
}

/** Reads a passt command's words (those after the program). */
export function readPasst(words: Word[], range?: [number, number]): PasstCommand {
  const peer: PasstCommand = { forwards: [], unmapped: [], running: [], ...(range ? { range } : {}) };
  const take = (i: number, long: string, name: string, value: string, at: [number, number] | undefined) => {
    const o = OPTIONS.get(long)!;
    if (o.kind === "socket") peer.socket = value;
    else if (o.kind === "tcp" || o.kind === "udp") forwardsOf(name, value, at, peer);
    else if (o.kind === "running") peer.running.push(o.value ? `${name} ${value}` : name);
    else
      peer.unmapped.push({
        text: o.value ? `${name} ${value}` : name,
        why:
          long === "fd"
            ? "hands passt a socket that is already connected, so there is no socket for a spec to name"
            : long === "pcap"
              ? "writes a capture of the guest's packets, which a spec's network cannot ask for"
              : "changes the guest's network in a way a spec's network cannot say",
        range: at,
      });
    return i;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const text = w.text;
    const long = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(text);
    if (long) {
      const o = OPTIONS.get(long[1]);
      if (!o || o.long !== long[1]) {
        peer.unmapped.push({ text, why: `is not an option of passt's that vmspec knows`, range: w.range });
        continue;
      }
      let value = long[2] ?? "";
      let at = w.range;
      if (o.value && long[2] === undefined) {
        const next = words[++i];
        if (!next) {
          peer.unmapped.push({ text, why: "has no value", range: w.range });
          break;
        }
        value = next.text;
        at = next.range;
      }
      take(i, long[1], `--${long[1]}`, value, at);
      continue;
    }
    if (!/^-[^-]/.test(text)) {
      peer.unmapped.push({ text, why: "is not an option (passt takes no arguments)", range: w.range });
      continue;
    }
    // Short options, as getopt reads them: clustered (-fq), a value attached (-t22) or next.
    for (let k = 1; k < text.length; k++) {
      const o = OPTIONS.get(text[k]);
      if (!o) {
        peer.unmapped.push({ text: `-${text[k]}`, why: "is not an option of passt's that vmspec knows", range: w.range });
        break;
      }
      if (!o.value) {
        take(i, o.long, `-${text[k]}`, "", w.range);
        continue;
      }
      let value = text.slice(k + 1);
      let at = w.range;
      if (value === "") {
        const next = words[++i];
        if (!next) {
          peer.unmapped.push({ text, why: "has no value", range: w.range });
          break;
        }
        value = next.text;
        at = next.range;
      }
      take(i, o.long, `-${text[k]}`, value, at);
      break;
    }
  }
  return peer;
}

/**
 * Hangs each passt command on the `-netdev stream` (a unix socket client) whose addr.path is its
 * `--socket` path. With several passt commands on one socket the last one written is taken (the
 * others could not bind it while it runs).
 */
export function attachPasst(options: QemuOption[], commands: PasstCommand[]): void {
  // passt without --socket (or --fd) binds the first free of /tmp/passt_1.socket ... _64: with one
  // such command in the file, that is /tmp/passt_1.socket, as passt's manual pairs it with QEMU.
  const probing = commands.filter((x) => x.socket === undefined && !x.unmapped.some((u) => /^--?(F|fd)\b/.test(u.text)));
  for (const o of options) {
    if (o.flag !== "-netdev" || prop(o, "type") !== "stream" || prop(o, "addr.type") !== "unix") continue;
    const path = prop(o, "addr.path");
    const c =
      [...commands].reverse().find((x) => x.socket !== undefined && x.socket === path) ??
      (path === PROBED && probing.length === 1 && !commands.some((x) => x.socket === PROBED) ? probing[0] : undefined);
    if (c) {
      const { socket: _, ...peer } = c;
      o.passt = peer;
    }
  }
}
