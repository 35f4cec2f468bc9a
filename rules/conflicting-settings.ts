// Settings that cannot go together: QEMU would refuse them, or silently ignore one of them.
import { specRule, type RuleDocs, type SpecRuleContext } from "./rule.js";
import type { VmSpec } from "../spec/types.js";
import { alignUp, formatSize, parseSize, RAM_ALIGN } from "../spec/size.js";

const DOCS: RuleDocs = {
  details:
    "Settings that cannot be used together: QEMU would refuse them, or silently ignore one of them.\nIt covers UEFI together with `-bios`, backend-specific network fields on the wrong backend\n(`forwards`, `restrict`, `backend` or `socket` on tap, `socket` on a user network without `backend: passt`, `ifname` on user, `vhost` outside tap and bridge, `queues` outside tap: QEMU\nrefuses `queues=` with the bridge helper), multi-queue on a non-virtio\nNIC, a CPU topology whose product differs from the vCPU\ncount, `listen`/`port`/`password`/`passwordFile`/`websocket`/`tls` on a local display, `websocket` or `tls.verifyClients` on SPICE, `password`\nwith `passwordFile`, a file or socket character device without a path, a host USB device chosen by\nneither vendor and product nor bus and address, and\na monitor with both a socket and a TCP endpoint; for disks, `detectZeroes: unmap` without `discard: true`, a total throttle limit\nwith a read or write one, an I/O thread on `usb-storage`, and `virtio-scsi` disks naming different I/O threads (they share one controller); for NUMA nodes, memory that does not add up to\n`memory.size`, a vCPU in two nodes, in none, or beyond the VM's vCPUs, and distances QEMU refuses (not 10 to itself, to a node\nthat does not exist, outside 10-255, or a pair of nodes without one once any is given); for a serial port or console, tcp or telnet without a port,\n`host`/`port` on other backends, `wait` on a backend that is no server, and `logAppend` without `logfile`.",
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
      unmapNeedsDiscard:
        "detectZeroes unmap needs discard: true on disk {{name}}: QEMU 2.9 refuses detect-zeroes=unmap without discard=unmap, and without discard no zero write becomes a discard",
      throttleTotalAndSplit:
        "throttle.{{total}} cannot be combined with throttle.{{split}} on disk {{name}}: QEMU refuses a total limit together with a read or write one",
      iothreadNotOnUsb:
        "disk {{name}} is on usb-storage, which cannot run in an I/O thread: remove iothread or use virtio-blk or virtio-scsi",
      iothreadScsiMismatch:
        "virtio-scsi disks share one controller and one I/O thread: disk {{name}} names {{thread}}, but the controller runs in {{first}}",
      numaMemoryMismatch: "the NUMA nodes' memory adds up to {{sum}}, but memory.size is {{size}}: QEMU needs them equal",
      numaCpuOutOfRange: "vCPU {{cpu}} of numa[{{node}}] does not exist: the VM has vCPUs 0 to {{last}}",
      numaCpuTwice: "vCPU {{cpu}} is in numa[{{first}}] and numa[{{node}}]: QEMU refuses a vCPU in two nodes",
      numaCpuMissing: "vCPUs {{cpus}} are in no NUMA node: QEMU warns that a partial NUMA mapping is obsolete; put every vCPU in a node",
      numaLocalDistance: "numa[{{node}}]'s distance to itself must be 10, not {{value}}",
      numaDistanceNode: "numa[{{node}}] gives a distance to node {{to}}, but there are only {{count}} nodes",
      numaDistanceRange: "a NUMA distance is a whole number from 10 to 255; numa[{{node}}] gives {{value}} to node {{to}}",
      portMissing: "a {{type}} {{key}} needs a port to listen on",
      tcpOnly: "{{field}} applies to tcp and telnet backends only; this {{key}} is {{type}}",
      waitServerOnly: "wait applies to servers (socket, tcp, telnet) only; this {{key}} is {{type}}",
      logAppendWithoutLogfile: "{{key}}.logAppend without a logfile: there is nothing to append to",
      numaDistanceMissing:
        "no distance between NUMA nodes {{a}} and {{b}}: once distances are given, QEMU needs one for every pair (in numa[{{a}}] or numa[{{b}}])",
    },
  },
  ({ spec, report }) => {
    if (spec.firmware?.uefi && spec.firmware.bios) {
      report({ path: ["firmware", "bios"], messageId: "twoFirmwares" });
    }
    (spec.networks ?? []).forEach((n, i) => {
      for (const [key, type, types] of NETWORK_ONLY) {
        if (key === "queues" && n.type === "bridge" && n.queues !== undefined) {
          report({ path: ["networks", i, key], messageId: "queuesBridgeHelper", data: { name: JSON.stringify(n.name) } });
          continue;
        }
        if (n[key] !== undefined && !types.includes(n.type))
          report({
            path: ["networks", i, key],
            messageId: "networkTypeOnly",
            data: { key, type, name: JSON.stringify(n.name), actual: String(n.type) },
          });
      }
      if (n.socket !== undefined && n.type === "user" && n.backend !== "passt")
        report({
          path: ["networks", i, "socket"],
          messageId: "networkTypeOnly",
          data: { key: "socket", type: "passt (backend: passt)", name: JSON.stringify(n.name), actual: "slirp" },
        });
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
    // Character devices served over TCP, and their log files.
    for (const key of ["serial", "console"] as const) {
      const c = spec[key];
      if (!c) continue;
      const network = c.type === "tcp" || c.type === "telnet";
      if (network && c.port === undefined) report({ path: [key], messageId: "portMissing", data: { type: c.type, key } });
      for (const field of ["host", "port"] as const)
        if (!network && c[field] !== undefined)
          report({ path: [key, field], messageId: "tcpOnly", data: { field, key, type: String(c.type) } });
      if (c.wait !== undefined && !network && c.type !== "socket")
        report({ path: [key, "wait"], messageId: "waitServerOnly", data: { key, type: String(c.type) } });
      if (c.logAppend !== undefined && c.logfile === undefined)
        report({ path: [key, "logAppend"], messageId: "logAppendWithoutLogfile", data: { key } });
    }
    if (spec.numa?.length) checkNuma(spec, report);
    // Storage: settings QEMU refuses together (spec.disks: detectZeroes, throttle, iothread).
    let scsiThread: string | undefined;
    (spec.disks ?? []).forEach((disk, i) => {
      // The disk's name as messages quote it, made only for a report.
      const name = () => JSON.stringify(disk.name);
      if (disk.detectZeroes === "unmap" && disk.discard !== true)
        report({ path: ["disks", i, "detectZeroes"], messageId: "unmapNeedsDiscard", data: { name: name() } });
      const t = disk.throttle;
      if (t)
        for (const [total, split1, split2] of THROTTLE_PAIRS) {
          const split = t[split1] !== undefined ? split1 : t[split2] !== undefined ? split2 : undefined;
          if (t[total] !== undefined && split)
            report({ path: ["disks", i, "throttle", split], messageId: "throttleTotalAndSplit", data: { total, split, name: name() } });
        }
      if (disk.iothread === undefined) return;
      if (disk.bus === "usb-storage") report({ path: ["disks", i, "iothread"], messageId: "iothreadNotOnUsb", data: { name: name() } });
      else if (disk.bus === "virtio-scsi") {
        if (scsiThread === undefined) scsiThread = disk.iothread;
        else if (disk.iothread !== scsiThread)
          report({
            path: ["disks", i, "iothread"],
            messageId: "iothreadScsiMismatch",
            data: { name: name(), thread: JSON.stringify(disk.iothread), first: JSON.stringify(scsiThread) },
          });
      }
    });
  },
);

type Report = SpecRuleContext["report"];

type Network = NonNullable<VmSpec["networks"]>[number];

/** Network settings that apply to some types only: the key, the types as messages say them, and as a list. Made once, not per network. */
const NETWORK_ONLY: [keyof Network, string, readonly unknown[]][] = (
  [
    ["forwards", "user"],
    ["restrict", "user"],
    ["backend", "user"],
    ["socket", "user"],
    ["ifname", "tap"],
    ["bridge", "bridge"],
    ["helper", "bridge"],
    ["vhost", "tap and bridge"],
    ["queues", "tap"],
  ] as [keyof Network, string][]
).map(([key, type]) => [key, type, type.split(" and ")]);

/** A total throttle limit and the read and write limits QEMU refuses beside it. */
const THROTTLE_PAIRS = [
  ["iopsTotal", "iopsRead", "iopsWrite"],
  ["bpsTotal", "bpsRead", "bpsWrite"],
] as const;

/** The vCPU indexes of a `cpus` list such as `0-2,4`. */
function cpuIndexes(cpus: string): number[] {
  const out: number[] = [];
  for (const range of cpus.split(",")) {
    const [a, b = a] = range.split("-").map(Number);
    for (let c = a; c <= b && out.length <= 4096; c++) out.push(c);
  }
  return out;
}

/** NUMA nodes: memory that adds up to memory.size, each vCPU in one node, distances QEMU accepts. */
function checkNuma(spec: VmSpec, report: Report): void {
  const nodes = spec.numa ?? [];
  const size = alignUp(parseSize(spec.memory.size) ?? 0, RAM_ALIGN);
  const sum = nodes.reduce((n, node) => n + (parseSize(node.memory) ?? 0), 0);
  if (sum !== size) report({ path: ["numa"], messageId: "numaMemoryMismatch", data: { sum: formatSize(sum), size: formatSize(size) } });
  const cpu = spec.cpu ?? {};
  const vcpus = cpu.maxCount ?? cpu.count ?? (cpu.sockets ?? 1) * (cpu.cores ?? 1) * (cpu.threads ?? 1);
  const owner = new Map<number, number>();
  nodes.forEach((node, i) => {
    for (const c of cpuIndexes(node.cpus)) {
      if (c >= vcpus) report({ path: ["numa", i, "cpus"], messageId: "numaCpuOutOfRange", data: { cpu: c, node: i, last: vcpus - 1 } });
      else if (owner.has(c))
        report({ path: ["numa", i, "cpus"], messageId: "numaCpuTwice", data: { cpu: c, first: owner.get(c)!, node: i } });
      else owner.set(c, i);
    }
  });
  const missing = [...Array(Math.min(vcpus, 4096)).keys()].filter((c) => !owner.has(c));
  if (missing.length > 0) report({ path: ["numa"], messageId: "numaCpuMissing", data: { cpus: missing.join(", ") } });
  const has = (a: number, b: number) => nodes[a]?.distances?.[String(b)] !== undefined;
  nodes.forEach((node, i) => {
    for (const [key, value] of Object.entries(node.distances ?? {})) {
      const to = Number(key);
      const path = ["numa", i, "distances", key];
      if (to >= nodes.length) report({ path, messageId: "numaDistanceNode", data: { node: i, to, count: nodes.length } });
      else if (to === i && value !== 10) report({ path, messageId: "numaLocalDistance", data: { node: i, value } });
      else if (!Number.isInteger(value) || value < 10 || value > 255)
        report({ path, messageId: "numaDistanceRange", data: { node: i, to, value } });
    }
  });
  if (!nodes.some((n) => n.distances && Object.keys(n.distances).length > 0)) return;
  for (let a = 0; a < nodes.length; a++)
    for (let b = a + 1; b < nodes.length; b++)
      if (!has(a, b) && !has(b, a)) report({ path: ["numa", a], messageId: "numaDistanceMissing", data: { a, b } });
}
