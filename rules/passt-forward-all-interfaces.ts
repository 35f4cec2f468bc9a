// A port forward of a passt user network bound to every host address (0.0.0.0, ::, or none given
// in a script's passt command). passt's forwards are on its own command line, not QEMU's, so
// hostfwd-all-interfaces cannot see them: they come with the -netdev stream (QemuOption.passt),
// from a spec's `backend: passt` or from the script's passt command on that socket.
import { optionRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    "A port forward of a user network run by passt (`backend: passt`) that listens on every host address: `hostAddress: 0.0.0.0` (all IPv4 addresses) or `::` (all IPv6 addresses; passt binds it IPv6-only). The guest's port is then reachable from the network. vmspec binds forwards to 127.0.0.1 unless `hostAddress` says otherwise. In a script, the `passt` command whose `--socket` is the `-netdev stream`'s `addr.path` is read: a forward written without an address (`-t 2222:22`, as in passt's manual) listens on every address too. (`hostfwd-all-interfaces` is the same finding for QEMU's own user network, whose forwards are on QEMU's command line.)",
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
    {
      lang: "sh",
      kind: "incorrect",
      qemu: "7.2",
      text: `passt --socket /run/web/passt.sock -t 2222:22
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev stream,id=n0,server=off,addr.type=unix,addr.path=/run/web/passt.sock -device virtio-net-pci,netdev=n0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      qemu: "7.2",
      text: `passt --socket /run/web/passt.sock -t 127.0.0.1/2222:22
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev stream,id=n0,server=off,addr.type=unix,addr.path=/run/web/passt.sock -device virtio-net-pci,netdev=n0
`,
    },
  ],
  fix: "Bind the forward to 127.0.0.1 or ::1.",
};

export default optionRule(
  {
    id: "passt-forward-all-interfaces",
    reads: ["-netdev"],
    defaultSeverity: "warning",
    description: "a passt port forward that listens on every host address",
    docs: DOCS,
    messages: {
      allInterfaces:
        "passt forwards {{protocol}} port {{port}} from every host address ({{address}}): bind it to 127.0.0.1 or ::1 unless the guest must be reachable from the network",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      for (const f of o.passt?.forwards ?? []) {
        if (f.address !== "" && !/^(0\.0\.0\.0|(0{0,4}:){2,7}0{0,4})$/.test(f.address)) continue;
        report(o, {
          messageId: "allInterfaces",
          data: { protocol: f.protocol.toUpperCase(), port: f.hostPort, address: f.address || `no address: passt ${f.key} ${f.value}` },
          // A spec's forward: at its hostAddress.
          at: f.path ? { ...f, path: [...f.path, "hostAddress"] } : f,
        });
      }
    }
  },
);
