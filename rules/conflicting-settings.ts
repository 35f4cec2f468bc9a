// Settings that cannot go together: QEMU would refuse them, or silently ignore one of them.
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    "Settings that cannot be used together: QEMU would refuse them, or silently ignore one of them.\nIt covers UEFI together with `-bios`, backend-specific network fields on the wrong backend\n(`forwards` or `restrict` on tap, `ifname` on user, `vhost` outside tap and bridge, `queues` outside tap: QEMU\nrefuses `queues=` with the bridge helper), multi-queue on a non-virtio\nNIC, a CPU topology whose product differs from the vCPU\ncount, `listen`/`port`/`password`/`passwordFile`/`websocket`/`tls` on a local display, `websocket` or `tls.verifyClients` on SPICE, `password`\nwith `passwordFile`, a file or socket character device without a path, a host USB device chosen by\nneither vendor and product nor bus and address, and\na monitor with both a socket and a TCP endpoint.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
networks:
  - {name: lan, type: user, ifname: tap0}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
networks:
  - {name: lan, type: tap, ifname: tap0}
`,
    },
  ],
  fix: "Keep the setting that matches what you mean and remove the other.",
};

export default specRule(
  {
    id: "conflicting-settings",
    defaultSeverity: "error",
    description: "settings that cannot be used together",
    docs: DOCS,
    messages: {
      twoFirmwares: "firmware.uefi and firmware.bios both load firmware: keep one",
      networkTypeOnly: "{{key}} applies to {{type}} networks only; network {{name}} is {{actual}}",
      queuesBridgeHelper:
        "network {{name}}: QEMU refuses queues= with the bridge helper, which hands over a single-queue tap: create a multi_queue tap on the bridge (ip tuntap add dev tap0 mode tap multi_queue; ip link set tap0 master br0) and make this a tap network",
      queuesNeedVirtio: "multi-queue needs the virtio model; network {{name}} uses {{model}}",
      topologyMismatch: "sockets x cores x threads is {{product}}, but the VM may have {{max}} vCPUs: QEMU needs them equal",
      countOverMax: "cpu.count {{count}} is more than cpu.maxCount {{maxCount}}",
      displayRemoteOnly: "display.{{key}} applies to vnc and spice only; this display is {{type}}",
      videoNeverShown: "a video device with display type none is never shown: set a display type or remove video",
      websocketVncOnly: "display.websocket applies to VNC only: SPICE has no WebSocket listener",
      twoPasswords:
        "display.password and display.passwordFile both ask for a password, and QEMU refuses the pair ('password' flag is redundant with 'password-secret'): keep passwordFile",
      verifyClientsVncOnly: "display.tls.verifyClients applies to VNC only: QEMU's SPICE server does not ask clients for certificates",
      pathMissing: "a {{type}} {{key}} needs a path",
      pathNotApplicable: "path applies to file and socket backends only; this {{key}} is {{type}}",
      usbHostSelector:
        "usb.host {{name}} needs vendor and product (the device wherever it is plugged in), or bus and address (where it is now): QEMU would otherwise take the first device that matches the rest",
      twoMonitorEndpoints: "monitors.{{key}} has both a socket and a tcp endpoint: keep one",
    },
  },
  ({ spec, report }) => {
    if (spec.firmware?.uefi && spec.firmware.bios) {
      report({ path: ["firmware", "bios"], messageId: "twoFirmwares" });
    }
    (spec.networks ?? []).forEach((n, i) => {
      const only: [keyof typeof n, string][] = [
        ["forwards", "user"],
        ["restrict", "user"],
        ["ifname", "tap"],
        ["bridge", "bridge"],
        ["helper", "bridge"],
        ["vhost", "tap and bridge"],
        ["queues", "tap"],
      ];
      for (const [key, type] of only) {
        if (key === "queues" && n.type === "bridge" && n.queues !== undefined) {
          report({ path: ["networks", i, key], messageId: "queuesBridgeHelper", data: { name: JSON.stringify(n.name) } });
          continue;
        }
        if (n[key] !== undefined && !type.split(" and ").includes(n.type))
          report({
            path: ["networks", i, key],
            messageId: "networkTypeOnly",
            data: { key, type, name: JSON.stringify(n.name), actual: String(n.type) },
          });
      }
      if (n.queues !== undefined && n.queues > 1 && (n.model ?? "virtio") !== "virtio") {
        report({
          path: ["networks", i, "queues"],
          messageId: "queuesNeedVirtio",
          data: { name: JSON.stringify(n.name), model: String(n.model) },
        });
      }
    });
    const cpu = spec.cpu;
    if (cpu && (cpu.sockets || cpu.cores || cpu.threads)) {
      const product = (cpu.sockets ?? 1) * (cpu.cores ?? 1) * (cpu.threads ?? 1);
      const max = cpu.maxCount ?? cpu.count ?? product;
      if (product !== max) report({ path: ["cpu"], messageId: "topologyMismatch", data: { product, max } });
    }
    if (cpu?.maxCount !== undefined && cpu.count !== undefined && cpu.count > cpu.maxCount) {
      report({ path: ["cpu", "count"], messageId: "countOverMax", data: { count: cpu.count, maxCount: cpu.maxCount } });
    }
    const d = spec.display;
    if (d && (d.type === "none" || d.type === "gtk" || d.type === "sdl")) {
      for (const key of ["listen", "port", "password", "passwordFile", "websocket", "tls"] as const) {
        if (d[key] !== undefined) report({ path: ["display", key], messageId: "displayRemoteOnly", data: { key, type: d.type } });
      }
      if (d.type === "none" && d.video) report({ path: ["display", "video"], messageId: "videoNeverShown" });
    }
    if (d?.type === "spice" && d.websocket !== undefined) report({ path: ["display", "websocket"], messageId: "websocketVncOnly" });
    if (d?.password && d.passwordFile !== undefined) report({ path: ["display", "password"], messageId: "twoPasswords" });
    if (d?.type === "spice" && d.tls?.verifyClients !== undefined) {
      report({ path: ["display", "tls", "verifyClients"], messageId: "verifyClientsVncOnly" });
    }
    for (const key of ["serial", "console"] as const) {
      const c = spec[key];
      if (c && (c.type === "file" || c.type === "socket") && !c.path)
        report({ path: [key], messageId: "pathMissing", data: { type: c.type, key } });
      if (c && c.path && c.type !== "file" && c.type !== "socket")
        report({ path: [key, "path"], messageId: "pathNotApplicable", data: { key, type: String(c.type) } });
    }
    (spec.usb?.host ?? []).forEach((h, i) => {
      const byId = h.vendor !== undefined && h.product !== undefined;
      const byPlace = h.bus !== undefined && h.address !== undefined;
      const half = [h.vendor, h.product, h.bus, h.address].filter((v) => v !== undefined).length % 2 === 1;
      if ((!byId && !byPlace) || half)
        report({ path: ["usb", "host", i], messageId: "usbHostSelector", data: { name: JSON.stringify(h.name) } });
    });
    for (const key of ["qmp", "hmp"] as const) {
      const m = spec.monitors?.[key];
      if (m && m.socket && m.tcp) report({ path: ["monitors", key, "tcp"], messageId: "twoMonitorEndpoints", data: { key } });
    }
  },
);
