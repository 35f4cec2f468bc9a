// A QMP or HMP monitor on TCP (or telnet): anyone who reaches the port controls the VM and the
// host files QEMU can open.
import { optionRule } from "./rule.js";
import { prop, type QemuOption } from "../compiler/options.js";
import { firstValue } from "./option-helpers.js";

export default optionRule(
  { id: "monitor-on-network", defaultSeverity: "error", description: "a QMP or HMP monitor on a TCP socket" },
  ({ options, report }) => {
    const tcpChardevs = new Map<string, QemuOption>();
    for (const o of options) {
      if (o.flag === "-chardev" && ["socket", "tcp", "telnet"].includes(firstValue(o, "backend") ?? "") && prop(o, "host") !== undefined && prop(o, "path") === undefined) {
        const id = prop(o, "id");
        if (id) tcpChardevs.set(id, o);
      }
    }
    for (const o of options) {
      if (o.flag === "-mon") {
        const dev = tcpChardevs.get(prop(o, "chardev") ?? firstValue(o, "chardev") ?? "");
        if (dev) report(dev, { message: `the monitor on chardev ${prop(dev, "id")} listens on TCP ${prop(dev, "host")}:${prop(dev, "port")}: use a unix socket (path=) with owner-only permissions`, prop: "host" });
      } else if ((o.flag === "-qmp" || o.flag === "-monitor" || o.flag === "-qmp-pretty") && o.raw && /^(tcp|telnet|udp|websocket):/.test(o.raw)) {
        report(o, { message: `${o.flag} ${o.raw} puts the monitor on the network: use unix:<path>,server=on,wait=off` });
      }
    }
  },
);
