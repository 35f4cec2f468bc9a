// The terminal QEMU was started from can serve one character device, and none once QEMU has
// detached from it: QEMU refuses "cannot use stdio by multiple character devices" and
// "cannot use stdio with -daemonize".
import { optionRule, type RuleDocs } from "./rule.js";
import { firstValue } from "./option-helpers.js";
import type { Prop, QemuOption } from "../qemu/options.js";

/** Where to point: a -chardev's backend (the spec's `type: stdio`), else the option. */
const where = (o: QemuOption): { at?: Prop } => {
  const backend = o.flag === "-chardev" ? o.props?.find((p) => p.implied) : undefined;
  return backend ? { at: backend } : {};
};

const DOCS: RuleDocs = {
  details:
    'Standard input and output serve one character device: a second one (`serial` and `console` both\n`type: stdio`, `-serial stdio` with `-monitor stdio`, two `-chardev stdio`) makes QEMU refuse to\nstart with "cannot use stdio by multiple character devices"; and with `-daemonize` QEMU leaves the\nterminal, so any stdio device is refused: "cannot use stdio with -daemonize" (both checked on QEMU\n7.2). `mon:stdio` (the serial port and the monitor multiplexed) counts once. `-nographic` only\nsends the serial port to stdio when nothing else does, so it is not counted.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nserial: {type: stdio}\nconsole: {type: stdio}\n",
    },
    { lang: "yaml", kind: "correct", text: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nserial: {type: stdio}\nconsole: {type: pty}\n" },
    { lang: "yaml", kind: "incorrect", text: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nserial: {type: stdio}\ndaemonize: true\n" },
    {
      lang: "sh",
      kind: "incorrect",
      text: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -serial stdio -monitor stdio\n",
    },
    {
      lang: "sh",
      kind: "correct",
      text: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -serial mon:stdio -nographic\n",
    },
  ],
  fix: "Give stdio to one device (the serial console, usually; `mon:stdio` shares it with the monitor), and a `pty`, file or socket to the others; with `daemonize: true`, none.",
};

/** Whether an option puts a character device on stdio. */
function onStdio(o: QemuOption): boolean {
  if (o.flag === "-chardev") return firstValue(o, "backend") === "stdio";
  if (["-serial", "-monitor", "-qmp", "-parallel", "-virtioconsole", "-debugcon"].includes(o.flag))
    return o.raw === "stdio" || o.raw === "mon:stdio";
  return false;
}

export default optionRule(
  {
    id: "stdio-conflict",
    reads: ["-chardev", "-serial", "-monitor", "-qmp", "-parallel", "-virtioconsole", "-debugcon", "-daemonize"],
    defaultSeverity: "error",
    description: "stdio used by two character devices, or with -daemonize, which QEMU refuses",
    docs: DOCS,
    messages: {
      daemonize:
        '{{flag}} on stdio with -daemonize (daemonize: true): QEMU leaves the terminal and refuses to start ("cannot use stdio with -daemonize"). Use a pty, file or socket',
      twice:
        '{{flag}} on stdio, which {{first}} already uses: QEMU refuses to start ("cannot use stdio by multiple character devices"). Give this one a pty, file or socket',
    },
  },
  ({ options, report }) => {
    const users = options.filter(onStdio);
    const daemon = options.some((o) => o.flag === "-daemonize");
    if (daemon) for (const o of users) report(o, { ...where(o), messageId: "daemonize", data: { flag: o.flag } });
    else for (const o of users.slice(1)) report(o, { ...where(o), messageId: "twice", data: { flag: o.flag, first: users[0].flag } });
  },
);
