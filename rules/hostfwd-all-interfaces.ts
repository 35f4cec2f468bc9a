// A user-network port forward bound to all host addresses ("tcp::2222-:22" or 0.0.0.0).
import { optionRule } from "./rule.js";

export default optionRule(
  { id: "hostfwd-all-interfaces", defaultSeverity: "warning", description: "a port forward that listens on every host address" },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-netdev" && o.flag !== "-net") continue;
      for (const p of o.props ?? []) {
        if (p.key !== "hostfwd") continue;
        const m = /^(?:(tcp|udp):)?([^:]*):(\d+)-/.exec(p.value);
        if (m && (m[2] === "" || m[2] === "0.0.0.0" || m[2] === "::")) {
          report(o, { message: `hostfwd ${p.value} listens on every host address: bind it to 127.0.0.1 (hostfwd=${m[1] ?? "tcp"}:127.0.0.1:${m[3]}-...) unless the guest must be reachable from the network`, prop: "hostfwd" });
        }
      }
    }
  },
);
