// Issue 20's spec fields made of several options, proposed like those of groups.ts (and checked
// the same way, by claim() in map.ts): guest NUMA nodes (a memory backend per node, -numa node,
// -numa dist), and a serial port or virtio console served over TCP or telnet, or with a log file.
import { prop, type QemuOption } from "../qemu/options.js";
import { CONSOLE_CHARDEV_ID, numaMemdevId, SERIAL_ARG, SERIAL_CHARDEV_ID } from "../compiler/ids.js";
import { formatSize } from "../spec/size.js";
import { specPath, type Proposal, type Spec } from "./groups.js";

const UNIT: Record<string, number> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** A memory backend's `size=` (bytes unless a suffix says otherwise) as a spec size, e.g. `2GiB`. */
function backendSize(v: string | undefined): string | undefined {
  const m = /^(\d+)([kKmMgGtT]?)$/.exec(v ?? "");
  if (!m) return undefined;
  const text = formatSize(Number(m[1]) * UNIT[m[2].toLowerCase()]);
  return /[KMGT]$/.test(text) ? `${text}iB` : `${text}B`;
}

/**
 * Guest NUMA nodes, when every `-numa node` is one vmspec writes: `nodeid` its place in order,
 * `memdev` the backend vmspec names for it (`ram-node<i>`), held in a `memory-backend-ram`, or a
 * `memory-backend-file` on a hugepages mount; and the `-numa dist` of those nodes.
 */
function numaProposal(raw: QemuOption[], baseDir: string): Proposal | undefined {
  const nodes = raw.filter((o) => o.flag === "-numa" && prop(o, "type") === "node");
  if (nodes.length === 0) return undefined;
  const out: Spec[] = [];
  for (const [i, node] of nodes.entries()) {
    const cpus = (node.props ?? []).filter((p) => p.key === "cpus").map((p) => p.value);
    const memdev = prop(node, "memdev");
    const backend = raw.find((o) => o.flag === "-object" && prop(o, "id") === memdev);
    const kind = backend && prop(backend, "qom-type");
    const memory = backend && backendSize(prop(backend, "size"));
    if (prop(node, "nodeid") !== String(i) || memdev !== numaMemdevId(i) || cpus.length === 0 || !memory) return undefined;
    const spec: Spec = { cpus: cpus.join(","), memory };
    if (kind === "memory-backend-file") {
      const path = prop(backend, "mem-path");
      if (path === undefined) return undefined;
      spec.hugepages = path === "/dev/hugepages" ? true : specPath(path, baseDir);
    } else if (kind !== "memory-backend-ram") return undefined;
    out.push(spec);
  }
  for (const d of raw.filter((o) => o.flag === "-numa" && prop(o, "type") === "dist")) {
    const [src, dst, val] = ["src", "dst", "val"].map((k) => prop(d, k));
    const node = out[Number(src)];
    if (!node || !/^\d+$/.test(dst ?? "") || !/^\d+$/.test(val ?? "")) return undefined;
    node.distances = { ...(node.distances as Spec | undefined), [String(Number(dst))]: Number(val) };
  }
  return { what: "NUMA nodes", apply: (s) => (s.numa = structuredClone(out)) };
}

/**
 * The spec backend of the chardev with id `id`, as vmspec writes serial and console: a socket with
 * host= and port= is `tcp`, or `telnet` with telnet=on; `wait`, `logfile` and `logAppend` as set.
 */
function charBackend(raw: QemuOption[], id: string, baseDir: string): Spec | undefined {
  const c = raw.find((o) => o.flag === "-chardev" && prop(o, "id") === id);
  const type = c && prop(c, "backend");
  if (!c || !type) return undefined;
  const out: Spec = { type };
  const path = prop(c, "path");
  const port = Number(prop(c, "port"));
  if (type === "socket" && prop(c, "host") !== undefined && Number.isInteger(port)) {
    out.type = prop(c, "telnet") === "on" ? "telnet" : "tcp";
    if (prop(c, "host") !== "127.0.0.1") out.host = prop(c, "host");
    out.port = port;
  } else if (path !== undefined) out.path = specPath(path, baseDir);
  if (prop(c, "wait") === "on") out.wait = true;
  const logfile = prop(c, "logfile");
  if (logfile !== undefined) out.logfile = specPath(logfile, baseDir);
  const append = prop(c, "logappend");
  if (append === "on" || append === "off") out.logAppend = append === "on";
  return out;
}

export function extraProposals(raw: QemuOption[], baseDir: string): Proposal[] {
  const out: Proposal[] = [];
  const numa = numaProposal(raw, baseDir);
  if (numa) out.push(numa);
  const serial = charBackend(raw, SERIAL_CHARDEV_ID, baseDir);
  if (serial && raw.some((o) => o.flag === "-serial" && o.raw === SERIAL_ARG))
    out.push({ what: "serial port", apply: (s) => (s.serial = serial) });
  const console_ = charBackend(raw, CONSOLE_CHARDEV_ID, baseDir);
  if (console_ && raw.some((o) => o.flag === "-device" && prop(o, "driver") === "virtconsole"))
    out.push({ what: "console", apply: (s) => (s.console = console_) });
  return out;
}
