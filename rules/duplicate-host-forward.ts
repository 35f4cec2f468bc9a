// The same host port forwarded twice (in one user network or across several): QEMU cannot bind it
// twice and refuses to start ("Could not set up host forwarding rule ..."). The forwards of passt
// (a -netdev stream's passt, from the spec or the script's passt command) take host ports too.
import type { Prop } from "../qemu/options.js";
import { optionRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    "Two user-network port forwards (`hostfwd=`) on the same protocol, host address and host port, in one\nnetwork or in two. QEMU binds each forward's port when it starts and refuses to start when one is\ntaken: \"Could not set up host forwarding rule 'tcp:127.0.0.1:2222-:22'\". An empty address and\n`0.0.0.0` take the port on every address, so they clash with any other address on that port.\nThe forwards of passt (`backend: passt`, or a script's `passt -t`/`-u` for the `-netdev stream` on\nits socket) take host ports too: passt refuses to start on a port another passt holds (\"Failed to bind any\nport for '-t 127.0.0.1/2222:22'\"), and QEMU on one passt, started first, holds. In passt, no address takes the port on every IPv4 and IPv6 address, `0.0.0.0` on every IPv4 one and `::` on every IPv6 one only (passt binds it IPv6-only); an IPv4 and an IPv6 address never clash.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
  - {name: mgmt, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
  - {name: mgmt, type: user, forwards: [{hostPort: 2223, guestPort: 22}]}
`,
    },
    {
      lang: "yaml",
      kind: "incorrect",
      qemu: "7.2",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}
  - {name: v6, type: user, backend: passt, forwards: [{hostPort: 2222, guestPort: 22}]}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev user,id=n0,hostfwd=tcp:127.0.0.1:2222-:22,hostfwd=tcp:127.0.0.1:2222-:80
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev user,id=n0,hostfwd=tcp:127.0.0.1:2222-:22,hostfwd=tcp:127.0.0.1:8080-:80
`,
    },
  ],
  fix: "Give each forward its own host port (the guest ports may repeat).",
};

/** One host port taken: its protocol, address ("" for every address) and port, and how it is written. */
interface Taken {
  protocol: string;
  /** The address families it binds: IPv4, IPv6, or both (passt with no address). */
  family: "4" | "6" | "46";
  /** The address; "" for every address of its families. */
  address: string;
  port: string;
  label: string;
  /** The option whose passt command it belongs to; undefined for QEMU's hostfwd. */
  passt?: object;
}

/** Two forwards want one socket: same protocol and port, a family in common, and one address or every address. */
const clashes = (a: Taken, b: Taken) =>
  a.protocol === b.protocol &&
  a.port === b.port &&
  // A family in common: the same, or either is both ("46").
  (a.family === b.family || a.family === "46" || b.family === "46") &&
  (a.address === b.address || a.address === "" || b.address === "");

/** protocol, host address ("" for every address) and host port of a hostfwd value. */
function forward(value: string): { protocol: string; address: string; port: string } | undefined {
  // QEMU's syntax is [tcp|udp]:[hostaddr]:hostport-...: the protocol field may be empty
  // (`::2222-:22` is TCP on every address) but not left out (`127.0.0.1:2222-:22` is refused).
  const m = /^(tcp|udp)?:([^:]*):(\d+)-/.exec(value);
  if (!m) return undefined;
  const address = m[2] === "0.0.0.0" ? "" : m[2];
  return { protocol: m[1] ?? "tcp", address, port: String(Number(m[3])) };
}

export default optionRule(
  {
    id: "duplicate-host-forward",
    reads: ["-netdev", "-net", "-nic"],
    defaultSeverity: "error",
    description: "the same host port forwarded twice, which QEMU refuses",
    docs: DOCS,
    messages: {
      portTaken:
        'hostfwd {{forward}} takes host {{protocol}} port {{port}}, which hostfwd {{other}} already takes: QEMU refuses to start ("Could not set up host forwarding rule"). Give each forward its own host port',
      passtTaken:
        "{{forward}} takes host {{protocol}} port {{port}}, which {{other}} already takes: {{who}}. Give each forward its own host port",
    },
  },
  ({ options, report }) => {
    const seen: Taken[] = [];
    for (const o of options) {
      // Most options forward nothing: the list is made only for one that does.
      let forwards: [Prop, Taken][] | undefined;
      if (o.props !== undefined)
        for (const p of o.props) {
          if (p.key !== "hostfwd") continue;
          const f = forward(p.value);
          // One shape for every forward taken (the passt ones below too), without a spread.
          if (f)
            (forwards ??= []).push([
              p,
              { protocol: f.protocol, family: "4", address: f.address, port: f.port, label: `hostfwd ${p.value}`, passt: undefined },
            ]);
        }
      if (o.passt !== undefined)
        for (const f of o.passt.forwards) {
          // passt: no address binds every IPv4 and IPv6 address (`*`), `0.0.0.0` every IPv4 one, and
          // `::` every IPv6 one only (passt 2023 binds it IPv6-only: 127.0.0.1 stays free).
          const family = f.address === "" ? "46" : f.address.includes(":") ? "6" : "4";
          const address = f.address === "0.0.0.0" || /^(0{0,4}:){2,7}0{0,4}$/.test(f.address) ? "" : f.address;
          const label = `passt ${f.key} ${f.value}`;
          (forwards ??= []).push([f, { protocol: f.protocol, family, address, port: String(f.hostPort), label, passt: o }]);
        }
      if (forwards === undefined) continue;
      for (let i = 0; i < forwards.length; i++) {
        const [p, f] = forwards[i];
        const passt = f.passt !== undefined;
        let clash: Taken | undefined;
        for (let j = 0; j < seen.length; j++)
          if (clashes(seen[j], f)) {
            clash = seen[j];
            break;
          }
        if (!clash) {
          seen.push(f);
          continue;
        }
        if (!passt && clash.passt === undefined)
          report(o, {
            messageId: "portTaken",
            data: { forward: p.value, protocol: f.protocol, port: f.port, other: clash.label.slice("hostfwd ".length) },
            at: p,
          });
        else
          report(o, {
            messageId: "passtTaken",
            data: {
              forward: f.label,
              protocol: f.protocol,
              port: f.port,
              other: clash.label,
              who:
                passt && clash.passt === o
                  ? `passt refuses to start ("Failed to bind any port for '${f.label.slice("passt ".length)}'")`
                  : passt && clash.passt
                    ? `the passt started second refuses to start ("Failed to bind any port for '${f.label.slice("passt ".length)}'")`
                    : 'passt, started before QEMU, takes it and QEMU refuses to start ("Could not set up host forwarding rule")',
            },
            at: p,
          });
      }
    }
  },
);
