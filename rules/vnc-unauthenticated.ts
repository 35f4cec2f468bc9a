// A VNC or SPICE server on a non-loopback address without a password or TLS.
import { optionRule } from "./rule.js";
import { prop } from "../compiler/options.js";
import { firstValue, isLoopback } from "./option-helpers.js";

/** The host part of a -vnc display ("host:display", "[::]:1", ":0", "unix:/path"). */
function vncHost(display: string): string {
  if (display.startsWith("unix:") || display === "none") return "unix:";
  const i = display.lastIndexOf(":");
  return i < 0 ? display : display.slice(0, i);
}

export default optionRule(
  { id: "vnc-unauthenticated", defaultSeverity: "error", description: "a VNC or SPICE server reachable from the network without a password or TLS" },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag === "-vnc") {
        const display = firstValue(o, "vnc") ?? "";
        const host = vncHost(display);
        const secured = ["password", "tls-creds", "tls", "sasl", "x509", "x509verify"].some((k) => { const v = prop(o, k); return v !== undefined && v !== "off"; });
        if (!isLoopback(host) && host !== "unix:" && !secured) {
          report(o, { message: `VNC listens on ${host || "all addresses"} without a password or TLS: bind it to 127.0.0.1 (and tunnel), or add password=on / tls-creds=`, prop: o.props?.[0]?.key });
        }
      } else if (o.flag === "-spice") {
        const addr = prop(o, "addr");
        const unix = prop(o, "unix") === "on";
        const open = prop(o, "disable-ticketing") === "on" || (prop(o, "password") === undefined && prop(o, "password-secret") === undefined);
        const tls = prop(o, "tls-port") !== undefined && prop(o, "port") === undefined;
        if (!unix && !isLoopback(addr) && open && !tls) {
          report(o, { message: `SPICE listens on ${addr ?? "all addresses"} without a password or TLS: set addr=127.0.0.1, or a password-secret= and tls-port=`, prop: addr !== undefined ? "addr" : undefined });
        }
      }
    }
  },
);
