// A user-network port forward bound to all host addresses ("tcp::2222-:22" or 0.0.0.0).
import { optionRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  statement: "A built-in user-mode network (SLIRP) stack is available.",
  details:
    "A user-network port forward that listens on every host address (`hostfwd=tcp::2222-:22` or `0.0.0.0`). vmspec binds forwards to 127.0.0.1 unless `hostAddress` says otherwise.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
networks: [{name: lan, type: user, forwards: [{hostAddress: 0.0.0.0, hostPort: 2222, guestPort: 22}]}]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
networks: [{name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev user,id=n,hostfwd=tcp::2222-:22
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev user,id=n,hostfwd=tcp:127.0.0.1:2222-:22
`,
    },
  ],
  fix: "Bind the forward to 127.0.0.1.",
};

export default optionRule(
  {
    id: "hostfwd-all-interfaces",
    reads: ["-netdev", "-net"],
    defaultSeverity: "warning",
    description: "a port forward that listens on every host address",
    docs: DOCS,
    messages: {
      allInterfaces:
        "hostfwd {{forward}} listens on every host address: bind it to 127.0.0.1 (hostfwd={{protocol}}:127.0.0.1:{{port}}-...) unless the guest must be reachable from the network",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-netdev" && o.flag !== "-net") continue;
      for (const p of o.props ?? []) {
        if (p.key !== "hostfwd") continue;
        // QEMU's syntax is [tcp|udp]:[hostaddr]:hostport-...: the protocol field may be empty
        // (`::2222-:22` is TCP on every address) but not left out (`127.0.0.1:2222-:22` is refused).
        const m = /^(tcp|udp)?:([^:]*):(\d+)-/.exec(p.value);
        if (m && (m[2] === "" || m[2] === "0.0.0.0" || m[2] === "::")) {
          report(o, { messageId: "allInterfaces", data: { forward: p.value, protocol: m[1] ?? "tcp", port: m[3] }, prop: p });
        }
      }
    }
  },
);
