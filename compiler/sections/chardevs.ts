// Character devices: serial port, virtio console, guest agent channel and the monitors.
import type { CharBackend, Monitor } from "../../spec/types.js";
import type { SpecPath } from "../../spec/nodes.js";
import type { CompileContext } from "../context.js";
import { hostPath, needsVirtioSerial, vmFileStem } from "../context.js";
import { ifSet, implied, props, type PrepareStep, type Prop, type QemuOption } from "../../qemu/options.js";
import {
  AGENT_CHARDEV_ID,
  AGENT_DEVICE_ID,
  CONSOLE_CHARDEV_ID,
  CONSOLE_DEVICE_ID,
  monitorId,
  SERIAL_ARG,
  SERIAL_CHARDEV_ID,
  VIRTIO_SERIAL_ID,
} from "../ids.js";

function chardev(ctx: CompileContext, id: string, b: CharBackend, path: SpecPath): QemuOption {
  // tcp and telnet are QEMU's socket backend with host= and port= (telnet=on for telnet).
  const network = b.type === "tcp" || b.type === "telnet";
  const typePath = path.length ? [...path, "type"] : undefined;
  const p: Prop[] = [implied("backend", network ? "socket" : b.type, typePath), { key: "id", value: id }];
  if (b.type === "file" || b.type === "socket")
    p.push({
      key: "path",
      value: hostPath(ctx, b.path ?? `${vmFileStem(ctx)}.${id}`),
      ...(b.path !== undefined && path.length ? { path: [...path, "path"] } : {}),
    });
  if (network)
    p.push(
      ...props(null, [
        ["host", b.host ?? "127.0.0.1", ifSet(b.host, [...path, "host"])],
        ["port", b.port, [...path, "port"]],
      ]),
    );
  if (b.type === "socket" || network) {
    const server = b.wait ? ctx.target.serverWaitProps : ctx.target.serverProps;
    p.push(
      ...props(
        null,
        server.map(([k, v]): [string, string, SpecPath | undefined] => [k, v, k === "wait" ? ifSet(b.wait, [...path, "wait"]) : undefined]),
      ),
    );
  }
  if (b.type === "telnet") p.push({ key: "telnet", value: "on", ...(typePath ? { path: typePath } : {}) });
  if (b.logfile !== undefined) {
    p.push(
      ...props(null, [
        ["logfile", hostPath(ctx, b.logfile), [...path, "logfile"]],
        ["logappend", b.logAppend, [...path, "logAppend"]],
      ]),
    );
  }
  return { flag: "-chardev", props: p, path };
}

/**
 * Where sockets the spec does not name go: a folder of this VM's own, created owner-only (0700)
 * before QEMU starts, so nobody else can reach its monitor or agent whatever the umask.
 */
export function runtimeDir(ctx: CompileContext): string {
  return hostPath(ctx, `${vmFileStem(ctx)}.run`);
}

export function defaultSocket(ctx: CompileContext, name: string, prepare: PrepareStep[], path: SpecPath): string {
  const dir = runtimeDir(ctx);
  if (!prepare.some((p) => p.creates === dir)) prepare.push({ creates: dir, argv: ["mkdir", "-m", "0700", "--", dir], path });
  return `${dir}/${name}.sock`;
}

function monitor(
  ctx: CompileContext,
  id: string,
  m: Monitor,
  mode: "control" | "readline",
  path: SpecPath,
  prepare: PrepareStep[],
): QemuOption[] {
  let dev: QemuOption;
  if (m.tcp) {
    const at = m.tcp.lastIndexOf(":");
    dev = {
      flag: "-chardev",
      props: [
        implied("backend", "socket"),
        { key: "id", value: id },
        ...props(null, [
          ["host", m.tcp.slice(0, at), [...path, "tcp"]],
          ["port", m.tcp.slice(at + 1), [...path, "tcp"]],
          ...ctx.target.serverProps,
        ]),
      ],
      path,
    };
  } else {
    dev = chardev(ctx, id, { type: "socket", path: m.socket ?? defaultSocket(ctx, id, prepare, path) }, path);
  }
  return [
    dev,
    {
      flag: "-mon",
      props: props(null, [
        ["chardev", id],
        ["mode", mode],
      ]),
      path,
    },
  ];
}

export function chardevOptions(ctx: CompileContext, prepare: PrepareStep[]): QemuOption[] {
  const { spec } = ctx;
  const out: QemuOption[] = [];
  if (spec.serial) {
    out.push(chardev(ctx, SERIAL_CHARDEV_ID, spec.serial, ["serial"]));
    out.push({ flag: "-serial", raw: SERIAL_ARG, path: ["serial"] });
  }
  if (needsVirtioSerial(spec)) {
    out.push({
      flag: "-device",
      props: [implied("driver", "virtio-serial-pci"), { key: "id", value: VIRTIO_SERIAL_ID }],
      path: spec.console ? ["console"] : ["guestAgent"],
    });
  }
  if (spec.console) {
    out.push(chardev(ctx, CONSOLE_CHARDEV_ID, spec.console, ["console"]));
    out.push({
      flag: "-device",
      props: props(implied("driver", "virtconsole"), [
        ["chardev", CONSOLE_CHARDEV_ID],
        ["id", CONSOLE_DEVICE_ID],
      ]),
      path: ["console"],
    });
  }
  if (spec.guestAgent) {
    out.push(
      chardev(
        ctx,
        AGENT_CHARDEV_ID,
        { type: "socket", path: spec.guestAgent.socket ?? defaultSocket(ctx, "qga", prepare, ["guestAgent"]) },
        ["guestAgent"],
      ),
    );
    out.push({
      flag: "-device",
      props: props(implied("driver", "virtserialport"), [
        ["chardev", AGENT_CHARDEV_ID],
        ["name", "org.qemu.guest_agent.0"],
        ["id", AGENT_DEVICE_ID],
      ]),
      path: ["guestAgent"],
    });
  }
  const qmp = spec.monitors?.qmp;
  if (qmp !== false && (qmp !== undefined || ctx.defaults))
    out.push(...monitor(ctx, monitorId("qmp"), qmp ?? {}, "control", qmp ? ["monitors", "qmp"] : [], prepare));
  if (spec.monitors?.hmp) out.push(...monitor(ctx, monitorId("hmp"), spec.monitors.hmp, "readline", ["monitors", "hmp"], prepare));
  return out;
}
