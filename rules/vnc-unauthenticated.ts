// A VNC or SPICE server on a non-loopback address without a password or TLS.
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";
import { firstValue, isLoopback } from "./option-helpers.js";

/** The host part of a -vnc display ("host:display", "[::]:1", ":0", "unix:/path"). */
function vncHost(display: string): string {
  if (display.startsWith("unix:") || display === "none") return "unix:";
  const i = display.lastIndexOf(":");
  return i < 0 ? display : display.slice(0, i);
}

const DOCS: RuleDocs = {
  statement:
    "The guest UI is accessable via GTK, SDL, VNC, Spice ... Security considerations include privileged helpers and a security model which allows running guests as a non-root user.",
  details:
    "A VNC or SPICE server on an address other than loopback without a password or TLS: anyone who reaches the port gets the console. vmspec binds both to 127.0.0.1 unless `display.listen` says otherwise.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc, listen: 0.0.0.0}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc, listen: 127.0.0.1}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
display: {type: vnc, listen: 0.0.0.0, password: true}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -vnc :0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -vnc 0.0.0.0:0,password=on
`,
    },
  ],
  fix: "Listen on 127.0.0.1 and tunnel (ssh -L), or require a password or TLS: in a spec `display.password: true` (then set the password through QMP `set_password`) and/or `display.tls: {dir: <folder with ca-cert.pem, server-cert.pem, server-key.pem>}`; on a command line `password=on` / `tls-creds=<a tls-creds-x509 object>` on `-vnc`, `password-secret=` / `tls-port=` on `-spice`.",
};

export default optionRule(
  {
    id: "vnc-unauthenticated",
    reads: ["-vnc", "-spice"],
    defaultSeverity: "error",
    description: "a VNC or SPICE server reachable from the network without a password or TLS",
    docs: DOCS,
    messages: {
      vncOpen:
        "VNC listens on {{host}} without a password or TLS: bind it to 127.0.0.1 (and tunnel), or require a password or TLS (spec: display.password: true / display.tls: {dir: ...}; command line: password=on / tls-creds=)",
      spiceOpen:
        "SPICE listens on {{host}} without a password or TLS: set addr=127.0.0.1 (and tunnel), or require a password or TLS (spec: display.password: true / display.tls: {dir: ...}; command line: no disable-ticketing, password-secret= / tls-port=)",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag === "-vnc") {
        const display = firstValue(o, "vnc") ?? "";
        const host = vncHost(display);
        const secured = ["password", "password-secret", "tls-creds", "tls", "sasl", "x509", "x509verify"].some((k) => {
          const v = prop(o, k);
          return v !== undefined && v !== "off";
        });
        if (!isLoopback(host) && host !== "unix:" && !secured) {
          report(o, { messageId: "vncOpen", data: { host: host || "all addresses" }, prop: o.props?.[0]?.key });
        }
      } else if (o.flag === "-spice") {
        const addr = prop(o, "addr");
        const unix = prop(o, "unix") === "on";
        // Without disable-ticketing, SPICE requires a ticket (password) and refuses every client
        // until one is set (QMP set_password), so only disable-ticketing leaves it open.
        const open = prop(o, "disable-ticketing") === "on";
        const tls = prop(o, "tls-port") !== undefined && prop(o, "port") === undefined;
        if (!unix && !isLoopback(addr) && open && !tls) {
          report(o, { messageId: "spiceOpen", data: { host: addr ?? "all addresses" }, prop: addr !== undefined ? "addr" : undefined });
        }
      }
    }
  },
);
