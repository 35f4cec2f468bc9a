// A port forward of a passt user network bound to every host address (0.0.0.0 or ::). passt's
// forwards are on its own command line, not QEMU's, so hostfwd-all-interfaces cannot see them.
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    "A port forward of a user network run by passt (`backend: passt`) that listens on every host address: `hostAddress: 0.0.0.0` (all IPv4 addresses) or `::` (all IPv6 addresses, and on Linux usually IPv4 too). The guest's port is then reachable from the network. vmspec binds forwards to 127.0.0.1 unless `hostAddress` says otherwise. (`hostfwd-all-interfaces` is the same finding for QEMU's own user network, whose forwards are on QEMU's command line.)",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      qemu: "7.2",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
networks: [{name: lan, type: user, backend: passt, forwards: [{hostAddress: "::", hostPort: 2222, guestPort: 22}]}]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      qemu: "7.2",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
networks: [{name: lan, type: user, backend: passt, forwards: [{hostAddress: "::1", hostPort: 2222, guestPort: 22}]}]
`,
    },
  ],
  fix: "Bind the forward to 127.0.0.1 or ::1.",
};

export default specRule(
  {
    id: "passt-forward-all-interfaces",
    defaultSeverity: "warning",
    description: "a passt port forward that listens on every host address",
    docs: DOCS,
    messages: {
      allInterfaces:
        "passt forwards {{protocol}} port {{port}} from every host address ({{address}}): bind it to 127.0.0.1 or ::1 unless the guest must be reachable from the network",
    },
  },
  ({ spec, report }) => {
    (spec.networks ?? []).forEach((n, i) => {
      if (n.type !== "user" || n.backend !== "passt") return;
      (n.forwards ?? []).forEach((f, j) => {
        const address = f.hostAddress;
        if (address === undefined || !/^(0\.0\.0\.0|(0{0,4}:){2,7}0{0,4})$/.test(address)) return;
        report({
          path: ["networks", i, "forwards", j, "hostAddress"],
          messageId: "allInterfaces",
          data: { protocol: (f.protocol ?? "tcp").toUpperCase(), port: f.hostPort, address },
        });
      });
    });
  },
);
