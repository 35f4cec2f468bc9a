// `-blockdev` chains back to disks, CD-ROMs and UEFI firmware under storage.backend blockdev, as
// vmspec writes them (compiler/sections/blockdev.ts) and as libvirt 9.x does (JSON, with node
// names `libvirt-1-storage`/`libvirt-1-format`, `libvirt-pflash0-format`). First the chains'
// node names become vmspec's (renameBlockdevNodes: node names are not seen by the guest, and
// equivalence.ts already reads ids as names only); then each chain is proposed as a field, kept
// by claim() (map.ts) only when the spec compiles to exactly its options.
import { prop, type Prop, type QemuOption } from "../qemu/options.js";
import { CACHE_MODES } from "../compiler/sections/blockdev.js";
import {
  formatNodeId,
  MAX_NODE_NAME,
  pflashFileNodeId,
  pflashNodeId,
  protocolNodeId,
  throttleGroupId,
  throttleNodeId,
} from "../compiler/ids.js";
import { diskBusOf, field, inPlace, items, specPath, sub, withBoot, type Proposal, type Spec } from "./groups.js";

const PROTOCOLS = new Set(["file", "host_device", "host_cdrom"]);
const FORMATS = new Set(["qcow2", "qed", "raw"]);
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
/** The throttle-group limits vmspec writes (x-iops-total, ...) and the DiskThrottle field of each. */
const GROUP_LIMITS: [string, string][] = [
  ["x-iops-total", "iopsTotal"],
  ["x-iops-read", "iopsRead"],
  ["x-iops-write", "iopsWrite"],
  ["x-bps-total", "bpsTotal"],
  ["x-bps-read", "bpsRead"],
  ["x-bps-write", "bpsWrite"],
];

const node = (options: QemuOption[], name: string | undefined) =>
  name === undefined ? undefined : options.find((o) => o.flag === "-blockdev" && prop(o, "node-name") === name);

/** The chain under a device's drive=: [throttle filter?, format node, protocol node], or undefined. */
interface Chain {
  throttle?: QemuOption;
  group?: QemuOption;
  format: QemuOption;
  protocol: QemuOption;
}

function chainOf(options: QemuOption[], top: string | undefined): Chain | undefined {
  let n = node(options, top);
  let throttle: QemuOption | undefined;
  let group: QemuOption | undefined;
  if (n && prop(n, "driver") === "throttle") {
    throttle = n;
    const g = prop(n, "throttle-group");
    group = options.find((o) => o.flag === "-object" && prop(o, "qom-type") === "throttle-group" && prop(o, "id") === g);
    if (!group) return undefined;
    n = node(options, prop(n, "file"));
  }
  if (!n || !FORMATS.has(prop(n, "driver") ?? "")) return undefined;
  const protocol = node(options, prop(n, "file"));
  if (!protocol || !PROTOCOLS.has(prop(protocol, "driver") ?? "") || prop(protocol, "filename") === undefined) return undefined;
  return { throttle, group, format: n, protocol };
}

/** How many properties of all options name `value` under one of `keys`. */
function references(options: QemuOption[], value: string, keys: string[]): number {
  let n = 0;
  for (const o of options) for (const p of o.props ?? []) if (p.value === value && keys.includes(p.key)) n++;
  return n;
}

/**
 * The options with each -blockdev chain that a named device (or -machine pflash0=/pflash1=) uses
 * renamed to vmspec's node names: `file-<name>`, `drive-<name>`, `throttle-<name>` (and the
 * throttle group `throttle-<name>` when only this disk uses it), `pflash<n>-file`, `pflash<n>`.
 * A chain is renamed only when each of its nodes is named once, by the node above it, and the new
 * names are free, and none of its names is in `skip` (a chain that stayed raw when renamed: its
 * options keep the input's spelling). Renamed options are new objects (their input words no
 * longer apply).
 */
export function renameBlockdevNodes(options: QemuOption[], skip: ReadonlySet<string> = new Set()): QemuOption[] {
  if (!options.some((o) => o.flag === "-blockdev")) return options;
  const renames = new Map<string, string>();
  const groupRenames = new Map<string, string>();
  const taken = new Set(options.flatMap((o) => (o.props ?? []).filter((p) => p.key === "id" || p.key === "node-name").map((p) => p.value)));
  const free = (pairs: [string | undefined, string][]) =>
    pairs.every(([from, to]) => from !== undefined && (from === to || !taken.has(to)) && to.length <= MAX_NODE_NAME);
  const tops: [string | undefined, (c: Chain) => [string | undefined, string][]][] = [];
  for (const dev of options.filter((o) => o.flag === "-device")) {
    const name = prop(dev, "id");
    if (name === undefined || !NAME.test(name)) continue;
    tops.push([
      prop(dev, "drive"),
      (c) => [
        ...(c.throttle ? [[prop(c.throttle, "node-name"), throttleNodeId(name)] as [string | undefined, string]] : []),
        [prop(c.format, "node-name"), formatNodeId(name)],
        [prop(c.protocol, "node-name"), protocolNodeId(name)],
      ],
    ]);
  }
  const machine = options.find((o) => o.flag === "-machine");
  for (const unit of [0, 1] as const)
    tops.push([
      machine && prop(machine, `pflash${unit}`),
      (c) =>
        c.throttle
          ? []
          : [
              [prop(c.format, "node-name"), pflashNodeId(unit)],
              [prop(c.protocol, "node-name"), pflashFileNodeId(unit)],
            ],
    ]);
  for (const [top, names] of tops) {
    const c = chainOf(options, top);
    if (!c) continue;
    const pairs = names(c);
    if (pairs.length === 0 || !free(pairs)) continue;
    if (pairs.some(([from]) => skip.has(from!)) || (c.group && skip.has(prop(c.group, "id") ?? ""))) continue;
    // Each node is named once: by the device (or -machine), or by the node above it.
    if (pairs.some(([from]) => references(options, from!, ["drive", "file", "pflash0", "pflash1"]) !== 1)) continue;
    for (const [from, to] of pairs) {
      renames.set(from!, to);
      taken.add(to);
    }
    // A group only this disk's filter uses becomes the disk's own group (no throttle.group).
    const gid = c.group && prop(c.group, "id");
    const disk = c.throttle && pairs[0][1].slice(throttleNodeId("").length);
    if (gid !== undefined && disk !== undefined && references(options, gid, ["throttle-group"]) === 1) {
      const to = throttleGroupId(disk, undefined);
      if (to === gid || !taken.has(to)) {
        groupRenames.set(gid, to);
        taken.add(to);
      }
    }
  }
  if (renames.size === 0) return options;
  const REFS: Record<string, string[]> = {
    "-blockdev": ["node-name", "file"],
    "-device": ["drive"],
    "-machine": ["pflash0", "pflash1"],
  };
  return options.map((o) => {
    const keys = REFS[o.flag];
    const isGroup = o.flag === "-object" && prop(o, "qom-type") === "throttle-group" && groupRenames.has(prop(o, "id") ?? "");
    if (!keys && !isGroup) return o;
    let changed = false;
    const props: Prop[] = (o.props ?? []).map((p) => {
      const to =
        keys?.includes(p.key) && renames.has(p.value)
          ? renames.get(p.value)
          : (isGroup && p.key === "id") || (o.flag === "-blockdev" && p.key === "throttle-group")
            ? groupRenames.get(p.value)
            : undefined;
      if (to === undefined || to === p.value) return p;
      changed = true;
      return { ...p, value: to };
    });
    return changed ? { ...o, props } : o;
  });
}

/** The spec's cache mode for a chain's cache.direct / cache.no-flush and the device's write-cache, or undefined. */
function cacheMode(format: QemuOption, dev: QemuOption): string | undefined {
  const direct = prop(format, "cache.direct");
  const noFlush = prop(format, "cache.no-flush");
  const wc = prop(dev, "write-cache");
  if (direct === undefined && noFlush === undefined && wc === undefined) return undefined;
  for (const [mode, [w, d, n]] of Object.entries(CACHE_MODES))
    if ((wc ?? "on") === (w ? "on" : "off") && (direct ?? "off") === (d ? "on" : "off") && (noFlush ?? "off") === (n ? "on" : "off"))
      return mode;
  return undefined;
}

/** The storage.backend blockdev fields the chains of `raw` can be: disks, CD-ROMs (empty trays too) and UEFI. */
export function blockdevProposals(raw: QemuOption[], baseDir: string, place: Map<string, number>, all: QemuOption[] = raw): Proposal[] {
  const out: Proposal[] = [];
  const backend = (s: Spec) => (field(s, "storage").backend = "blockdev");
  // -machine (which names the pflash nodes) is usually mapped already.
  const machine = all.find((o) => o.flag === "-machine");
  const code = chainOf(raw, machine && prop(machine, "pflash0"));
  const vars = chainOf(raw, machine && prop(machine, "pflash1"));
  if (code && vars && !code.throttle && !vars.throttle && prop(code.format, "node-name") === pflashNodeId(0)) {
    out.push({
      what: "UEFI firmware (-blockdev)",
      apply: (s) => {
        backend(s);
        // -machine mapped first holds pflash0=/pflash1= as qemuProperties: the firmware gives them now.
        const machine = sub(sub(s, "qemuProperties") ?? {}, "machine");
        if (machine) {
          delete machine.pflash0;
          delete machine.pflash1;
          if (Object.keys(machine).length === 0) delete sub(s, "qemuProperties")!.machine;
          if (Object.keys(sub(s, "qemuProperties")!).length === 0) delete s.qemuProperties;
        }
        s.firmware = {
          uefi: { code: specPath(prop(code.protocol, "filename")!, baseDir), vars: specPath(prop(vars.protocol, "filename")!, baseDir) },
        };
      },
    });
  }
  const scsiController = raw.find((o) => o.flag === "-device" && prop(o, "driver") === "virtio-scsi-pci");
  for (const dev of raw.filter((o) => o.flag === "-device")) {
    const name = prop(dev, "id");
    const driver = prop(dev, "driver");
    if (name === undefined || !NAME.test(name)) continue;
    const top = prop(dev, "drive");
    if (top === undefined && driver === "scsi-cd") {
      // An empty tray: a scsi-cd with no drive.
      withBoot(
        out,
        `CD-ROM ${name}`,
        prop(dev, "bootindex"),
        (s, own) => {
          backend(s);
          items(s, "cdroms").push({ name, ...(own !== undefined ? { bootindex: own } : {}) });
          inPlace(items(s, "cdroms"), (i) => String(i.name), place);
        },
        name,
      );
      continue;
    }
    const c = chainOf(raw, top);
    if (!c || prop(c.format, "node-name") !== formatNodeId(name)) continue;
    const file = specPath(prop(c.protocol, "filename")!, baseDir);
    // A scsi-cd is a CD-ROM. A usb-storage CD-ROM compiles to what a read-only raw usb-storage disk
    // with no settings does: proposed as a CD-ROM first (claim() takes it only when exact), then as a disk.
    if (driver === "scsi-cd" || (driver === "usb-storage" && prop(c.format, "driver") === "raw" && prop(c.format, "read-only") === "on")) {
      withBoot(
        out,
        `CD-ROM ${name}`,
        prop(dev, "bootindex"),
        (s, own) => {
          backend(s);
          items(s, "cdroms").push({
            name,
            file,
            ...(driver === "usb-storage" ? { bus: driver } : {}),
            ...(own !== undefined ? { bootindex: own } : {}),
          });
          inPlace(items(s, "cdroms"), (i) => String(i.name), place);
        },
        name,
      );
      if (driver === "scsi-cd") continue;
    }
    const bus = diskBusOf(driver);
    if (!bus) continue;
    const disk: Spec = { name, file, format: prop(c.format, "driver") };
    if (bus !== "virtio-blk") disk.bus = bus;
    const cache = cacheMode(c.format, dev);
    if (cache !== undefined) disk.cache = cache;
    const aio = prop(c.protocol, "aio");
    if (aio !== undefined) disk.aio = aio;
    const serial = prop(dev, "serial");
    if (serial !== undefined) disk.serial = serial;
    const discard = prop(c.format, "discard");
    if (discard !== undefined) disk.discard = discard === "unmap";
    if (prop(c.format, "read-only") === "on") disk.readonly = true;
    const zeroes = prop(c.format, "detect-zeroes");
    if (zeroes !== undefined) disk.detectZeroes = zeroes;
    if (c.group) {
      const throttle: Spec = {};
      for (const [key, f] of GROUP_LIMITS) {
        const v = prop(c.group, key);
        if (v !== undefined) throttle[f] = /^\d+$/.test(v) ? Number(v) : v;
      }
      const gid = prop(c.group, "id")!;
      if (gid !== throttleGroupId(name, undefined)) throttle.group = gid;
      disk.throttle = throttle;
    }
    const threaded = bus === "virtio-scsi" ? scsiController : bus === "virtio-blk" ? dev : undefined;
    const thread = threaded && prop(threaded, "iothread");
    if (thread !== undefined) disk.iothread = thread;
    withBoot(
      out,
      `disk ${name}`,
      prop(dev, "bootindex"),
      (s, own) => {
        backend(s);
        items(s, "disks").push(own !== undefined ? { ...disk, bootindex: own } : disk);
        inPlace(items(s, "disks"), (i) => String(i.name), place);
      },
      name,
    );
  }
  return out;
}

/** The input names of the renamed options (`renamed[i]` against `input[i]`) that stayed raw: the chains not to rename. */
export function rawRenamed(input: QemuOption[], renamed: QemuOption[], raw: QemuOption[]): Set<string> {
  const rawSet = new Set(raw);
  const out = new Set<string>();
  renamed.forEach((o, i) => {
    if (o === input[i] || !rawSet.has(o) || o.flag === "-device" || o.flag === "-machine") return;
    for (const p of input[i].props ?? []) if (p.key === "node-name" || p.key === "id") out.add(p.value);
  });
  return out;
}
