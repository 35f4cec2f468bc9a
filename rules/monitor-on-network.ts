// A QMP or HMP monitor on TCP (or telnet): anyone who reaches the port controls the VM and the
// host files QEMU can open.
import { optionRule, type RuleDocs } from "./rule.js";
import { prop, type QemuOption } from "../qemu/options.js";
import { firstValue } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement:
    'The runtime control of a VM is effected either through the Human Monitor "Protocol" (HMP), or the JSON based programmatical QEMU Monitor Protocol (QMP) interface.',
  details:
    "A QMP or HMP monitor on TCP or telnet: the monitor has no authentication, and controls the VM and every host file QEMU may open.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
monitors: {qmp: {tcp: "0.0.0.0:4444"}}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
monitors: {qmp: {socket: web.qmp}}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -qmp tcp:0.0.0.0:4444,server=on,wait=off
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -qmp unix:/run/web.qmp,server=on,wait=off
`,
    },
  ],
  fix: "Use a unix socket with owner-only permissions.",
};

export default optionRule(
  {
    id: "monitor-on-network",
    reads: ["-chardev", "-mon", "-qmp", "-monitor", "-qmp-pretty"],
    defaultSeverity: "error",
    description: "a QMP or HMP monitor on a TCP socket",
    docs: DOCS,
    messages: {
      chardevOnTcp: "the monitor on chardev {{id}} listens on TCP {{host}}:{{port}}: use a unix socket (path=) with owner-only permissions",
      onNetwork: "{{flag}} {{value}} puts the monitor on the network: use unix:<path>,server=on,wait=off",
    },
  },
  ({ options, report }) => {
    const tcpChardevs = new Map<string, QemuOption>();
    for (const o of options) {
      if (
        o.flag === "-chardev" &&
        ["socket", "tcp", "telnet"].includes(firstValue(o, "backend") ?? "") &&
        prop(o, "host") !== undefined &&
        prop(o, "path") === undefined
      ) {
        const id = prop(o, "id");
        if (id) tcpChardevs.set(id, o);
      }
    }
    for (const o of options) {
      // -monitor chardev:<id> and -qmp chardev:<id> put a monitor on a chardev as -mon does.
      const onChardev =
        (o.flag === "-qmp" || o.flag === "-monitor" || o.flag === "-qmp-pretty") && o.raw?.startsWith("chardev:")
          ? o.raw.slice(8)
          : undefined;
      if (o.flag === "-mon" || onChardev !== undefined) {
        const dev = tcpChardevs.get(onChardev ?? prop(o, "chardev") ?? firstValue(o, "chardev") ?? "");
        if (dev)
          report(dev, {
            messageId: "chardevOnTcp",
            data: { id: String(prop(dev, "id")), host: String(prop(dev, "host")), port: String(prop(dev, "port")) },
            prop: "host",
          });
      } else if (
        (o.flag === "-qmp" || o.flag === "-monitor" || o.flag === "-qmp-pretty") &&
        o.raw &&
        /^(tcp|telnet|udp|websocket):/.test(o.raw)
      ) {
        report(o, { messageId: "onNetwork", data: { flag: o.flag, value: String(o.raw) } });
      }
    }
  },
);
