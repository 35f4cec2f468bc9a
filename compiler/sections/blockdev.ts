// storage.backend blockdev: each disk, CD-ROM and UEFI pflash as a chain of -blockdev nodes, as
// libvirt writes them for QEMU 4.2 and later (qemuBlockStorageSourceGetBackendProps and
// ...GetBlockdevFormatProps): a protocol node (`driver=file`, or `host_device` for a path under
// /dev/, as QEMU's own probing picks for -drive) that always has `auto-read-only=on` and
// `discard=unmap` (the format node decides), a format node with `read-only=`, the disk's
// `discard`, `detect-zeroes` and the cache mode's `cache.direct`/`cache.no-flush`, a `throttle`
// filter node over it when the disk has limits, and the device's `write-cache=`. Written as
// `key=value` (keyval, with commas doubled by serializeProps like every other option), so a file
// name can never add a property.
import type { CompileContext } from "../context.js";
import type { Disk, DiskThrottle } from "../../spec/types.js";
import type { SpecPath } from "../../spec/nodes.js";
import { props, type Prop, type QemuOption } from "../../qemu/options.js";
import { formatNodeId, MAX_NODE_NAME, pflashFileNodeId, pflashNodeId, protocolNodeId, throttleGroupId, throttleNodeId } from "../ids.js";

/** The `-object throttle-group` property of each DiskThrottle limit: `-object` key=value cannot say
 * `limits.iops-total` in QEMU 7.2 ("Invalid parameter"), so the `x-` spelling every QEMU since 2.11 takes. */
const GROUP_LIMITS: readonly [Exclude<keyof DiskThrottle, "group">, string][] = [
  ["iopsTotal", "x-iops-total"],
  ["iopsRead", "x-iops-read"],
  ["iopsWrite", "x-iops-write"],
  ["bpsTotal", "x-bps-total"],
  ["bpsRead", "x-bps-read"],
  ["bpsWrite", "x-bps-write"],
];

type Cache = NonNullable<Disk["cache"]>;

/**
 * What each cache mode means for -blockdev, as libvirt maps it (qemuDomainDiskCachemodeFlags):
 * [device write-cache, cache.direct, cache.no-flush].
 */
export const CACHE_MODES: Record<Cache, [writeCache: boolean, direct: boolean, noFlush: boolean]> = {
  none: [true, true, false],
  writeback: [true, false, false],
  writethrough: [false, false, false],
  directsync: [false, true, false],
  unsafe: [true, false, true],
};

/** Whether the spec writes its storage as -blockdev nodes. */
const usesBlockdev = (ctx: CompileContext): boolean => ctx.spec.storage?.backend === "blockdev";

/**
 * Whether the target can take the spec's storage as -blockdev: otherwise one target-unsupported
 * problem at storage.backend, and the caller writes -drive.
 */
export function blockdevAllowed(ctx: CompileContext): boolean {
  if (!usesBlockdev(ctx)) return false;
  if (ctx.target.blockdev) return true;
  if (!(ctx.unsupported ?? []).some((p) => p.path?.join(".") === "storage.backend"))
    ctx.unsupported?.push({
      id: "target-unsupported",
      message: `storage.backend blockdev needs QEMU 4.1 or later (the virt board's -machine pflash0=/pflash1=, auto-read-only); QEMU ${ctx.target.version.join(".")} cannot take it: remove storage.backend (-drive) or target a newer QEMU`,
      path: ["storage", "backend"],
    });
  return false;
}

/** A node name QEMU accepts (at most 31 characters), else a problem at `path`. */
function nodeName(ctx: CompileContext, name: string, path: SpecPath): string {
  if (name.length > MAX_NODE_NAME)
    ctx.unsupported?.push({
      id: "target-unsupported",
      message: `the -blockdev node name ${JSON.stringify(name)} has ${name.length} characters; QEMU takes at most ${MAX_NODE_NAME} ("Node name too long"): shorten the name`,
      path,
    });
  return name;
}

const cacheProps = (cache: Cache | undefined, path: SpecPath): [string, boolean | undefined, SpecPath][] => [
  ["cache.direct", cache && CACHE_MODES[cache][1], path],
  ["cache.no-flush", cache && CACHE_MODES[cache][2], path],
];

/** The protocol node of an image: `file` or, for a path under /dev/, `host_device` (`host_cdrom` for a CD-ROM). */
function protocolNode(
  file: string,
  node: string,
  opts: { cdrom?: boolean; aio?: string; cache?: Cache; at: SpecPath; filePath: SpecPath; cachePath?: SpecPath; aioPath?: SpecPath },
): QemuOption {
  const driver = file.startsWith("/dev/") ? (opts.cdrom ? "host_cdrom" : "host_device") : "file";
  return {
    flag: "-blockdev",
    props: props(null, [
      ["driver", driver],
      ["filename", file, opts.filePath],
      ["node-name", node],
      ["aio", opts.aio, opts.aioPath],
      ...cacheProps(opts.cache, opts.cachePath ?? opts.at),
      ["auto-read-only", true],
      ["discard", "unmap"],
    ]),
    path: opts.at,
  };
}

/** The -blockdev options of disk `i` and the node its device takes (`drive=`). */
export function diskNodes(
  ctx: CompileContext,
  d: Disk,
  i: number,
  file: string,
  seenGroups: Map<string, QemuOption>,
): { options: QemuOption[]; top: string } {
  const at: SpecPath = ["disks", i];
  const namePath: SpecPath = ["disks", i, "name"];
  const file0 = nodeName(ctx, protocolNodeId(d.name), namePath);
  const format = nodeName(ctx, formatNodeId(d.name), namePath);
  const out: QemuOption[] = [
    protocolNode(file, file0, {
      aio: d.aio,
      cache: d.cache,
      at,
      filePath: ["disks", i, "file"],
      cachePath: ["disks", i, "cache"],
      aioPath: ["disks", i, "aio"],
    }),
    {
      flag: "-blockdev",
      props: props(null, [
        ["node-name", format],
        ["read-only", d.readonly === true, ["disks", i, "readonly"]],
        ["discard", d.discard === undefined ? undefined : d.discard ? "unmap" : "ignore", ["disks", i, "discard"]],
        ["detect-zeroes", d.detectZeroes, ["disks", i, "detectZeroes"]],
        ...cacheProps(d.cache, ["disks", i, "cache"]),
        ["driver", d.format, ["disks", i, "format"]],
        ["file", file0],
      ]),
      path: at,
    },
  ];
  const t = d.throttle;
  const limits = t ? GROUP_LIMITS.filter(([k]) => t[k] !== undefined) : [];
  if (!t || (limits.length === 0 && t.group === undefined)) return { options: out, top: format };
  const group = throttleGroupId(d.name, t.group);
  const groupProps: Prop[] = props(null, [
    ["qom-type", "throttle-group"],
    ["id", group, t.group !== undefined ? ["disks", i, "throttle", "group"] : undefined],
    ...limits.map(([k, key]): [string, number | undefined, SpecPath] => [key, t[k], ["disks", i, "throttle", k]]),
  ]);
  groupProps[0] = { ...groupProps[0], implied: true };
  const object: QemuOption = { flag: "-object", props: groupProps, path: ["disks", i, "throttle"] };
  const earlier = seenGroups.get(group);
  if (earlier) {
    // A group shared by disks is one object; as with -drive, the limits given last are the group's.
    if (limits.length > 0) earlier.props = groupProps;
  } else {
    seenGroups.set(group, object);
    out.unshift(object);
  }
  const top = nodeName(ctx, throttleNodeId(d.name), namePath);
  out.push({
    flag: "-blockdev",
    props: props(null, [
      ["driver", "throttle"],
      ["node-name", top],
      ["throttle-group", group],
      ["file", format],
      // A filter over a read-only node must be read-only itself ("Block node is read-only").
      ["read-only", d.readonly ? true : undefined, ["disks", i, "readonly"]],
    ]),
    path: ["disks", i, "throttle"],
  });
  return { options: out, top };
}

/** The -blockdev options of CD-ROM `i` with an image, and its format node. */
export function cdromNodes(ctx: CompileContext, name: string, i: number, file: string): { options: QemuOption[]; top: string } {
  const at: SpecPath = ["cdroms", i];
  const file0 = nodeName(ctx, protocolNodeId(name), ["cdroms", i, "name"]);
  const format = nodeName(ctx, formatNodeId(name), ["cdroms", i, "name"]);
  return {
    options: [
      protocolNode(file, file0, { cdrom: true, at, filePath: ["cdroms", i, "file"] }),
      {
        flag: "-blockdev",
        props: props(null, [
          ["node-name", format],
          ["read-only", true],
          ["driver", "raw"],
          ["file", file0],
        ]),
        path: at,
      },
    ],
    top: format,
  };
}

/** UEFI pflash unit `unit` as -blockdev nodes; the -machine property goes on -machine (machinePflashProps). */
export function pflashNodes(unit: 0 | 1, file: string, at: SpecPath): QemuOption[] {
  return [
    protocolNode(file, pflashFileNodeId(unit), { at, filePath: at }),
    {
      flag: "-blockdev",
      props: props(null, [
        ["node-name", pflashNodeId(unit)],
        ["read-only", unit === 0],
        ["driver", "raw"],
        ["file", pflashFileNodeId(unit)],
      ]),
      path: at,
    },
  ];
}

/**
 * `-machine pflash0=pflash0,pflash1=pflash1` for UEFI under storage.backend blockdev, on the
 * -machine vmspec wrote (or one of its own when the spec turns defaults off and names no machine).
 */
export function addPflashMachineProps(ctx: CompileContext, options: QemuOption[]): void {
  if (!ctx.spec.firmware?.uefi || !usesBlockdev(ctx) || !ctx.target.blockdev) return;
  const pflash: Prop[] = [
    { key: "pflash0", value: pflashNodeId(0), path: ["firmware", "uefi", "code"] },
    { key: "pflash1", value: pflashNodeId(1), path: ["firmware", "uefi", "vars"] },
  ];
  const machine = options.find((o) => o.flag === "-machine" && !o.extra);
  if (machine) machine.props = [...(machine.props ?? []), ...pflash];
  else options.splice(1, 0, { flag: "-machine", props: pflash, path: ["firmware", "uefi"] });
}
