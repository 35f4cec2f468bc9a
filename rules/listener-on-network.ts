// A serial port, console or other chardev, a gdb stub or an incoming migration listening on a
// network address: whoever reaches the port gets the guest's console (often a root shell), the
// guest's memory and registers, or feeds QEMU a VM state of their making. No password guards any
// of them. Monitors are monitor-on-network's; this rule is its sibling for every other listener
// (docs/decisions.md says why two rules).
import { optionRule, type RuleDocs } from "./rule.js";
import { prop, type QemuOption } from "../qemu/options.js";
import { firstValue, isLoopback } from "./option-helpers.js";
import { chardevOfArg } from "../compiler/ids.js";

const ON = ["on", "yes", "true", "y"];

/** Every host address: an empty host, 0, 0.0.0.0 or the IPv6 any address. */
export function isAnyAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "" || h === "0" || h === "0.0.0.0" || h === "::" || /^(0+:){7}0+$/.test(h);
}

/** `host:port` (host may be empty or [v6]) of a legacy tcp:/telnet: spec, with the flags after it. */
function hostPort(rest: string): { host: string; port: string; flags: string[] } | undefined {
  const [addr, ...flags] = rest.split(",");
  const m = /^(\[[^\]]*\]|[^:]*|.*)(?::([^:\]]*))$/.exec(addr);
  return m ? { host: m[1], port: m[2], flags } : undefined;
}

const isServerFlag = (f: string) => f === "server" || ON.some((v) => f === `server=${v}`);

interface Listener {
  what: string;
  host: string;
  port: string;
  gives: string;
}

/** A legacy character device spec (`tcp:0.0.0.0:4444,server,nowait`, `telnet::4444,server`) that listens. */
function legacyListener(spec: string, alwaysServer: boolean): { host: string; port: string; mux: boolean } | undefined {
  const mux = spec.startsWith("mon:");
  const m = /^(tcp|telnet|tn3270|websocket):(.*)$/s.exec(mux ? spec.slice(4) : spec);
  if (!m) return undefined;
  const hp = hostPort(m[2]);
  if (!hp || !(alwaysServer || m[1] === "websocket" || hp.flags.some(isServerFlag))) return undefined;
  return { host: hp.host, port: hp.port, mux };
}

const DOCS: RuleDocs = {
  statement: "The following command line options are supported: ... -chardev .. -gdb ... -incoming ... -serial ... -virtioconsole ...",
  details:
    "A listening socket into the VM on a network address: a `-serial`, `-parallel`, `-virtioconsole` or `-debugcon` written `tcp:`/`telnet:`/`websocket:` with `server`, a `-chardev socket` with `host=` and `server=on` (telnet or not, whatever uses it: a serial port, a `virtconsole`, a TPM, or nothing), a gdb stub (`-gdb tcp:...`, and `-s`, which is `-gdb tcp::1234`), and an incoming migration (`-incoming tcp:` or `rdma:`). None of them asks for a password: the console is often a root shell, the gdb stub reads and writes guest memory, and a migration stream is loaded as trusted VM state. An empty host, `0`, `0.0.0.0`, `::` and `[::]` mean every host address; a specific address other than loopback (`127.0.0.1`, `::1`, `localhost`) is reported too, since its network reaches the port. A chardev a monitor uses (`-mon`, `-monitor chardev:<id>`, `-qmp chardev:<id>`) is `monitor-on-network`'s. Client sockets (no `server`) connect out and are not reported.",
  examples: [
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -serial telnet::4444,server,nowait
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -serial telnet:127.0.0.1:4444,server,nowait
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -chardev socket,id=con0,host=0.0.0.0,port=4555,server=on,wait=off \\
  -device virtio-serial-pci -device virtconsole,chardev=con0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -chardev socket,id=con0,path=/run/web/console.sock,server=on,wait=off \\
  -device virtio-serial-pci -device virtconsole,chardev=con0
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -incoming tcp:0:4444
`,
    },
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
incoming: "tcp:0.0.0.0:4444"
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
incoming: "unix:/run/web/migrate.sock"
`,
    },
  ],
  fix: "Use a unix socket (`path=` / `unix:`) with owner-only permissions, or bind to 127.0.0.1 and reach it through an SSH tunnel.",
};

const CHARDEV_FLAGS = ["-serial", "-parallel", "-virtioconsole", "-debugcon"];
const MONITOR_FLAGS = ["-monitor", "-qmp", "-qmp-pretty"];

export default optionRule(
  {
    id: "listener-on-network",
    reads: ["-chardev", "-mon", ...MONITOR_FLAGS, ...CHARDEV_FLAGS, "-gdb", "-s", "-incoming"],
    defaultSeverity: "error",
    description: "a serial port, console, chardev, gdb stub or incoming migration listening on a network address",
    docs: DOCS,
    messages: {
      anyAddress:
        "{{what}} listens on port {{port}} of every host address ({{host}}): whoever connects gets {{gives}}, with no password; use a unix socket, or bind it to 127.0.0.1",
      reachable:
        "{{what}} listens on port {{port}} of {{host}}, an address other hosts can reach: whoever connects gets {{gives}}, with no password; use a unix socket, or bind it to 127.0.0.1",
    },
  },
  ({ options, report }) => {
    // Chardevs a monitor uses (-mon, -monitor chardev:<id>, -qmp chardev:<id>) are monitor-on-network's.
    // The chardevs a monitor uses, gathered when a listening chardev is first met.
    let monitors: Set<string | undefined> | undefined;
    const monitorsOf = (): Set<string | undefined> =>
      (monitors ??= new Set(
        options.flatMap((o) => {
          if (o.flag === "-mon") return [prop(o, "chardev") ?? firstValue(o, "chardev")];
          const ref = MONITOR_FLAGS.includes(o.flag) && o.raw !== undefined ? chardevOfArg(o.raw) : undefined;
          return ref !== undefined ? [ref] : [];
        }),
      ));
    const say = (o: QemuOption, l: Listener, at?: string): void => {
      if (isLoopback(l.host)) return;
      const any = isAnyAddress(l.host);
      const host = any && l.host === "" ? "no host given" : l.host;
      report(o, { messageId: any ? "anyAddress" : "reachable", data: { what: l.what, port: l.port, host, gives: l.gives }, prop: at });
    };
    for (const o of options) {
      if (o.flag === "-chardev") {
        const backend = firstValue(o, "backend");
        const host = prop(o, "host");
        const server = o.props?.some((p) => p.key === "server" && ON.includes(p.value));
        if (
          !["socket", "tcp", "telnet", "websocket"].includes(backend ?? "") ||
          host === undefined ||
          prop(o, "path") !== undefined ||
          !server
        )
          continue;
        const id = prop(o, "id");
        if (id !== undefined && monitorsOf().has(id)) continue;
        const telnet = ON.includes(prop(o, "telnet") ?? "") || ON.includes(prop(o, "tn3270") ?? "");
        say(
          o,
          {
            what: `chardev ${id ?? ""}${telnet ? " (telnet)" : ""}`.replace("chardev  ", "chardev "),
            host,
            port: prop(o, "port") ?? "?",
            gives: "the character device (the guest's console when a serial port or console uses it)",
          },
          "host",
        );
      } else if (CHARDEV_FLAGS.includes(o.flag) && o.raw) {
        const l = legacyListener(o.raw, false);
        if (l)
          say(o, {
            what: `${o.flag} ${o.raw}`,
            host: l.host,
            port: l.port,
            gives: l.mux ? "the guest's console and the monitor multiplexed on it (control of QEMU)" : "the guest's console",
          });
      } else if (o.flag === "-gdb" && o.raw) {
        const l = legacyListener(o.raw, true);
        if (l) say(o, { what: `the gdb stub (-gdb ${o.raw})`, host: l.host, port: l.port, gives: "the guest's memory and registers" });
      } else if (o.flag === "-s") {
        say(o, { what: "the gdb stub (-s, which is -gdb tcp::1234)", host: "", port: "1234", gives: "the guest's memory and registers" });
      } else if (o.flag === "-incoming" && o.raw) {
        const m = /^(tcp|rdma):(.*)$/s.exec(o.raw);
        const hp = m && hostPort(m[2]);
        if (hp)
          say(o, {
            what: `-incoming ${o.raw}`,
            host: hp.host,
            port: hp.port,
            gives: "to load a VM state of their making into this QEMU (a migration stream is trusted)",
          });
      }
    }
  },
);
