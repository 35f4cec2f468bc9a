// The VM as a graph, from the compiled option list: the machine and its firmware, the PCIe root
// and what hangs off it, the controllers (USB, SCSI, virtio-serial) with their disks, CD-ROMs and
// ports, each device's back end (drive, network and its forwarded ports, chardev and the socket it
// listens on, share, RNG source, TPM), the display, and the monitors. Every QEMU id of the options
// is exactly one node. Emitters: DOT (rendered to SVG by Graphviz in WebAssembly) and Mermaid.
import { prop, type QemuOption } from "../qemu/options.js";

export type NodeKind = "machine" | "firmware" | "bus" | "controller" | "device" | "backend" | "port" | "display" | "monitor";

export interface GraphNode {
  /** Unique; the QEMU id where the option has one. */
  id: string;
  kind: NodeKind;
  /** First line: what it is (`virtio-blk-pci root`); the rest: its main settings. */
  label: string[];
  /** The index of the option it comes from, if any (findings are marked through it). */
  option?: number;
  /** Set by the caller: the worst finding on it and the rule ids. */
  finding?: { severity: "error" | "warning" | "info"; ids: string[] };
}

export interface GraphEdge {
  from: string;
  to: string;
  /** `bus` (plugged into), `backend` (uses), `listens`, `forward`. */
  kind: "bus" | "backend" | "listens" | "forward";
}

export interface VmGraph {
  name: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function driver(o: QemuOption): string | undefined {
  return o.props?.find((p) => p.implied)?.value ?? o.props?.[0]?.value;
}

const USB = /^(usb-|u2f-)/;
const SCSI = /^scsi-/;
const SERIAL_PORT = /^(virtserialport|virtconsole)$/;
const USB_CONTROLLER = /^(qemu-xhci|nec-usb-xhci|usb-ehci|ich9-usb-ehci\d|piix3-usb-uhci|pci-ohci)$/;
const SCSI_CONTROLLER = /^(virtio-scsi-pci|virtio-scsi-device|megasas|lsi53c895a|mptsas1068)$/;
const SERIAL_CONTROLLER = /^virtio-serial(-pci|-device)?$/;
// Devices on the virt board's system bus, not on PCI.
const SYSBUS = /^(tpm-tis-device|virtio-\w+-device|ramfb|platform-bus-device)$/;

/** A back end's node key: its kind and QEMU id (QEMU keeps one id space per kind). */
const key = (kind: string, id: string | number | undefined): string => `${kind}/${String(id)}`;

export function vmGraph(options: QemuOption[], o: { baseDir?: string } = {}): VmGraph {
  // Paths inside the spec's folder are shown relative to it: shorter, and the same on every machine.
  const base = o.baseDir ? o.baseDir.replace(/[/\\]+$/, "") + "/" : undefined;
  const short = (p: string | undefined) => (p && base && p.startsWith(base) ? p.slice(base.length) : p);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const byId = new Map<string, GraphNode>();
  const add = (n: GraphNode) => {
    let id = n.id;
    // Ids are unique in a valid option list; a duplicate (a finding of its own) still gets its node.
    for (let i = 2; byId.has(id); i++) id = `${n.id}#${i}`;
    const node = { ...n, id };
    nodes.push(node);
    byId.set(id, node);
    return node;
  };
  const nameOpt = options.find((o) => o.flag === "-name");
  const name = nameOpt ? (driver(nameOpt) ?? nameOpt.raw) : undefined;
  const machineOpt = options.findIndex((o) => o.flag === "-machine" || o.flag === "-M");
  const cpu = options.find((o) => o.flag === "-cpu");
  const smp = options.find((o) => o.flag === "-smp");
  const mem = options.find((o) => o.flag === "-m");
  const machine = add({
    id: "machine",
    kind: "machine",
    label: [
      `${name ?? "vm"}: ${machineOpt >= 0 ? (driver(options[machineOpt]) ?? "machine") : "machine"}`,
      ...(machineOpt >= 0 && prop(options[machineOpt], "accel") ? [`accel ${prop(options[machineOpt], "accel")}`] : []),
      ...(cpu ? [`cpu ${driver(cpu) ?? cpu.raw ?? ""}`] : []),
      ...(smp ? [`smp ${driver(smp) ?? prop(smp, "cpus") ?? smp.raw ?? ""}`] : []),
      ...(mem ? [`memory ${driver(mem) ?? prop(mem, "size") ?? mem.raw ?? ""}`] : []),
    ],
    option: machineOpt >= 0 ? machineOpt : undefined,
  });
  const root = add({ id: "pcie.0", kind: "bus", label: ["pcie.0", "PCIe root"] });
  edges.push({ from: machine.id, to: root.id, kind: "bus" });

  // Back ends first, so that devices can point at them.
  const backendIds = new Map<string, string>(); // "drive:drive-root" -> node id
  options.forEach((o, i) => {
    const id = prop(o, "id");
    if (o.flag === "-drive") {
      const iface = prop(o, "if");
      const file = short(prop(o, "file"));
      if (iface === "pflash") {
        const n = add({
          id: `pflash${prop(o, "unit") ?? i}`,
          kind: "firmware",
          label: [`pflash ${prop(o, "unit") ?? ""}`.trim(), ...(file ? [file] : [])],
          option: i,
        });
        edges.push({ from: machine.id, to: n.id, kind: "backend" });
        return;
      }
      const n = add({
        id: key("drive", id ?? i),
        kind: "backend",
        label: [
          `drive ${id ?? ""}`.trim(),
          ...(file ? [file] : []),
          [prop(o, "format"), prop(o, "media"), prop(o, "readonly") === "on" ? "read-only" : undefined].filter(Boolean).join(" "),
        ].filter(Boolean),
        option: i,
      });
      backendIds.set(key("drive", id), n.id);
      // A drive with an interface of its own (if=virtio, ...) is its own device: plug it in.
      if (iface && iface !== "none") edges.push({ from: root.id, to: n.id, kind: "bus" });
    } else if (o.flag === "-blockdev") {
      // A node of a -blockdev chain (storage.backend blockdev, libvirt): it points at its child
      // (file=, a node defined earlier) and at its throttle group; -machine pflash0= names a node.
      const name = prop(o, "node-name");
      const file = short(prop(o, "filename"));
      const n = add({
        id: key("drive", name ?? i),
        kind: "backend",
        label: [
          `blockdev ${prop(o, "driver") ?? ""} ${name ?? ""}`.replace(/\s+/g, " ").trim(),
          ...(file ? [file] : []),
          prop(o, "read-only") === "on" ? "read-only" : "",
        ].filter(Boolean),
        option: i,
      });
      backendIds.set(key("drive", name), n.id);
      for (const [ref, kind] of [
        [prop(o, "file"), "drive"],
        [prop(o, "throttle-group"), "object"],
      ] as const) {
        const target = ref ? backendIds.get(key(kind, ref)) : undefined;
        if (target) edges.push({ from: n.id, to: target, kind: "backend" });
      }
      for (const unit of ["pflash0", "pflash1"])
        if (machineOpt >= 0 && prop(options[machineOpt], unit) === name) edges.push({ from: machine.id, to: n.id, kind: "backend" });
    } else if (o.flag === "-netdev" || o.flag === "-nic") {
      const type = driver(o) ?? "net";
      const n = add({
        id: key("netdev", id ?? i),
        kind: "backend",
        label: [
          `${o.flag === "-nic" ? "nic" : "netdev"} ${type} ${id ?? ""}`.trim(),
          ...[prop(o, "br"), prop(o, "ifname")].filter((x): x is string => Boolean(x)),
        ],
        option: i,
      });
      backendIds.set(key("netdev", id), n.id);
      (o.props ?? [])
        .filter((p) => p.key === "hostfwd" || p.key === "guestfwd")
        .forEach((p, k) => {
          const port = add({
            id: `${n.id}:${p.key}${k}`,
            kind: "port",
            label: [`${p.key === "hostfwd" ? "forward" : "guest forward"} ${p.value}`],
            option: i,
          });
          edges.push({ from: n.id, to: port.id, kind: "forward" });
        });
      if (o.flag === "-nic") edges.push({ from: root.id, to: n.id, kind: "bus" });
    } else if (o.flag === "-chardev") {
      const type = driver(o) ?? "chardev";
      const where = short(prop(o, "path")) ?? (prop(o, "port") ? `${prop(o, "host") ?? ""}:${prop(o, "port")}` : undefined);
      const n = add({
        id: key("chardev", id ?? i),
        kind: "backend",
        label: [`chardev ${type} ${id ?? ""}`.trim(), ...(where ? [where] : [])],
        option: i,
      });
      backendIds.set(key("chardev", id), n.id);
      if (type === "socket" && prop(o, "server") === "on" && where) {
        const l = add({ id: `${n.id}:listen`, kind: "port", label: [`listens on ${where}`], option: i });
        edges.push({ from: n.id, to: l.id, kind: "listens" });
      }
    } else if (o.flag === "-fsdev") {
      const n = add({
        id: key("fsdev", id ?? i),
        kind: "backend",
        label: [`fsdev ${driver(o) ?? ""} ${id ?? ""}`.replace(/\s+/g, " ").trim(), ...(prop(o, "path") ? [short(prop(o, "path"))!] : [])],
        option: i,
      });
      backendIds.set(key("fsdev", id), n.id);
    } else if (o.flag === "-object") {
      const n = add({
        id: key("object", id ?? i),
        kind: "backend",
        label: [`${driver(o) ?? "object"} ${id ?? ""}`.trim(), ...(prop(o, "filename") ? [prop(o, "filename")!] : [])],
        option: i,
      });
      backendIds.set(key("object", id), n.id);
    } else if (o.flag === "-tpmdev") {
      const n = add({
        id: key("tpmdev", id ?? i),
        kind: "backend",
        label: [`tpmdev ${driver(o) ?? ""} ${id ?? ""}`.replace(/\s+/g, " ").trim(), ...(prop(o, "path") ? [short(prop(o, "path"))!] : [])],
        option: i,
      });
      backendIds.set(key("tpmdev", id), n.id);
    } else if (o.flag === "-kernel" || o.flag === "-initrd" || o.flag === "-bios") {
      const n = add({ id: o.flag.slice(1), kind: "firmware", label: [o.flag.slice(1), short(o.raw) ?? ""], option: i });
      edges.push({ from: machine.id, to: n.id, kind: "backend" });
    }
  });

  // Devices, each under the bus it is plugged into.
  const controllers = { usb: [] as string[], scsi: [] as string[], serial: [] as string[] };
  options.forEach((o, i) => {
    if (o.flag !== "-device") return;
    const drv = driver(o) ?? "device";
    const id = prop(o, "id") ?? `${drv}${i}`;
    const isController = USB_CONTROLLER.test(drv) || SCSI_CONTROLLER.test(drv) || SERIAL_CONTROLLER.test(drv);
    const extra = [
      prop(o, "mac"),
      prop(o, "name"),
      prop(o, "mount_tag") && `tag ${prop(o, "mount_tag")}`,
      prop(o, "host") && `host ${prop(o, "host")}`,
      prop(o, "bootindex") && `boot ${prop(o, "bootindex")}`,
    ].filter((x): x is string => Boolean(x));
    const bus = prop(o, "bus");
    const busOwner = bus ? bus.replace(/\.\d+$/, "") : undefined;
    // A controller is a PCI device itself; a USB, SCSI or virtio-serial device without a bus= sits on the first controller of its kind.
    const onController = isController
      ? undefined
      : USB.test(drv)
        ? controllers.usb[0]
        : SCSI.test(drv)
          ? controllers.scsi[0]
          : SERIAL_PORT.test(drv)
            ? controllers.serial[0]
            : undefined;
    const parent = (busOwner && byId.has(busOwner) ? busOwner : undefined) ?? onController ?? (SYSBUS.test(drv) ? machine.id : root.id);
    const n = add({ id, kind: isController ? "controller" : "device", label: [`${drv} ${id}`, ...extra], option: i });
    if (USB_CONTROLLER.test(drv)) controllers.usb.push(n.id);
    if (SCSI_CONTROLLER.test(drv)) controllers.scsi.push(n.id);
    if (SERIAL_CONTROLLER.test(drv)) controllers.serial.push(n.id);
    edges.push({ from: parent, to: n.id, kind: "bus" });
    for (const [refProp, kind] of [
      ["drive", "drive"],
      ["netdev", "netdev"],
      ["chardev", "chardev"],
      ["fsdev", "fsdev"],
      ["rng", "object"],
      ["memdev", "object"],
      ["tpmdev", "tpmdev"],
      ["iothread", "object"],
    ] as const) {
      const ref = prop(o, refProp);
      const target = ref ? backendIds.get(key(kind, ref)) : undefined;
      if (target) edges.push({ from: n.id, to: target, kind: "backend" });
    }
  });

  // Serial ports, monitors and displays hang off the machine.
  options.forEach((o, i) => {
    if (o.flag === "-serial" || o.flag === "-mon" || o.flag === "-monitor" || o.flag === "-qmp") {
      const ref = o.flag === "-mon" ? prop(o, "chardev") : o.raw?.startsWith("chardev:") ? o.raw.slice(8) : undefined;
      const label =
        o.flag === "-mon"
          ? `monitor ${prop(o, "mode") === "control" ? "QMP" : "HMP"}`
          : `${o.flag.slice(1)} ${ref ? "" : (o.raw ?? "")}`.trim();
      const n = add({ id: `${o.flag.slice(1)}${i}`, kind: o.flag === "-serial" ? "device" : "monitor", label: [label], option: i });
      edges.push({ from: machine.id, to: n.id, kind: "bus" });
      const target = ref ? backendIds.get(key("chardev", ref)) : undefined;
      if (target) edges.push({ from: n.id, to: target, kind: "backend" });
    } else if (o.flag === "-vnc" || o.flag === "-spice" || o.flag === "-display") {
      const where =
        o.flag === "-vnc"
          ? (driver(o) ?? o.raw)
          : o.flag === "-spice"
            ? `${prop(o, "addr") ?? ""}:${prop(o, "port") ?? ""}`
            : (driver(o) ?? o.raw);
      const n = add({ id: o.flag.slice(1), kind: "display", label: [`${o.flag.slice(1)} ${where ?? ""}`.trim()], option: i });
      edges.push({ from: machine.id, to: n.id, kind: "bus" });
      for (const ref of [prop(o, "password-secret"), prop(o, "tls-creds")]) {
        const target = ref ? backendIds.get(key("object", ref)) : undefined;
        if (target) edges.push({ from: n.id, to: target, kind: "backend" });
      }
    }
  });
  return { name: name ?? "vm", nodes, edges };
}

const FILL: Record<NodeKind, string> = {
  machine: "#dbe8f6",
  firmware: "#eeeeee",
  bus: "#cfe3cf",
  controller: "#e4f1e4",
  device: "#ffffff",
  backend: "#fff7e0",
  port: "#fde9d9",
  display: "#ece4f6",
  monitor: "#ece4f6",
};
const MARK = { error: "#c62828", warning: "#ef8f00", info: "#1e6fbf" } as const;

/** A DOT string literal: every character literal (quotes, backslashes, newlines escaped). */
function dotString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

/** DOT (Graphviz), deterministic: the order of the option list. */
export function toDot(g: VmGraph): string {
  const lines = [
    `digraph ${dotString(g.name)} {`,
    "  rankdir=LR;",
    '  node [shape=box, style="rounded,filled", fontname="Helvetica,Arial,sans-serif", fontsize=10, margin="0.2,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#666666"];',
  ];
  for (const n of g.nodes) {
    const label = [...n.label, ...(n.finding ? [`⚠ ${n.finding.ids.join(", ")}`] : [])].join("\n");
    const attrs = [`label=${dotString(label)}`, `fillcolor=${dotString(FILL[n.kind])}`, `id=${dotString(`node-${n.id}`)}`];
    if (n.finding) attrs.push(`color=${dotString(MARK[n.finding.severity])}`, "penwidth=2.5");
    lines.push(`  ${dotString(n.id)} [${attrs.join(", ")}];`);
  }
  for (const e of g.edges) {
    const style =
      e.kind === "backend" ? ' [style=dashed, label="uses"]' : e.kind === "listens" || e.kind === "forward" ? " [style=dotted]" : "";
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${style};`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** Mermaid `flowchart` text for READMEs and pull requests; labels escaped as Mermaid entities. */
export function toMermaid(g: VmGraph): string {
  const key = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  const text = (s: string) => s.replace(/[&"<>#]/g, (c) => `#${c.charCodeAt(0)};`);
  const lines = ["flowchart LR"];
  for (const n of g.nodes) {
    const label = [...n.label, ...(n.finding ? [`⚠ ${n.finding.ids.join(", ")}`] : [])].map(text).join("<br/>");
    lines.push(`  ${key.get(n.id)}["${label}"]`);
  }
  for (const e of g.edges)
    lines.push(`  ${key.get(e.from)} ${e.kind === "backend" ? "-.->|uses|" : e.kind === "bus" ? "-->" : "-.->"} ${key.get(e.to)}`);
  for (const kind of Object.keys(FILL) as NodeKind[]) lines.push(`  classDef ${kind} fill:${FILL[kind]},stroke:#555`);
  for (const n of g.nodes) lines.push(`  class ${key.get(n.id)} ${n.kind}`);
  for (const sev of ["error", "warning", "info"] as const) {
    const marked = g.nodes.filter((n) => n.finding?.severity === sev).map((n) => key.get(n.id));
    if (marked.length) lines.push(`  classDef ${sev} stroke:${MARK[sev]},stroke-width:3px`, `  class ${marked.join(",")} ${sev}`);
  }
  return lines.join("\n") + "\n";
}
