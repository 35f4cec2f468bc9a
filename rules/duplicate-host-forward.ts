// The same host port forwarded twice (in one user network or across several): QEMU cannot bind it
// twice and refuses to start ("Could not set up host forwarding rule ...").
import { optionRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    "Two user-network port forwards (`hostfwd=`) on the same protocol, host address and host port, in one\nnetwork or in two. QEMU binds each forward's port when it starts and refuses to start when one is\ntaken: \"Could not set up host forwarding rule 'tcp:127.0.0.1:2222-:22'\". An empty address and\n`0.0.0.0` take the port on every address, so they clash with any other address on that port.",
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
    },
  },
  ({ options, report }) => {
    const seen: { protocol: string; address: string; port: string; value: string }[] = [];
    for (const o of options) {
      for (const p of o.props ?? []) {
        if (p.key !== "hostfwd") continue;
        const f = forward(p.value);
        if (!f) continue;
        const clash = seen.find(
          (s) => s.protocol === f.protocol && s.port === f.port && (s.address === f.address || s.address === "" || f.address === ""),
        );
        if (clash) {
          report(o, {
            messageId: "portTaken",
            data: { forward: p.value, protocol: f.protocol, port: f.port, other: clash.value },
            at: p,
          });
        } else seen.push({ ...f, value: p.value });
      }
    }
  },
);
