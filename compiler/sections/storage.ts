// Disks and CD-ROMs: controllers first, then each image as `-drive if=none` + a `-device`.
import type { CompileContext } from "../context.js";
import { hostPath, needsScsi } from "../context.js";
import { deviceId, driveId, iothreadId, SCSI_BUS, SCSI_CONTROLLER_ID, USB_BUS } from "../ids.js";
import type { Cdrom, Disk, DiskThrottle } from "../../spec/types.js";
import type { SpecPath } from "../../spec/nodes.js";
import { implied, props, put, type ImageInfo, type PrepareStep, type Prop, type QemuOption } from "../../qemu/options.js";
import { bootIndex } from "../bootorder.js";
import { alignUp, formatSize, parseSize, SECTOR } from "../../spec/size.js";
import { blockdevAllowed, CACHE_MODES, cdromNodes, diskNodes } from "./blockdev.js";

/** The throttling.* property of each DiskThrottle field, in the order vmspec writes them. */
export const THROTTLE_PROPS: readonly [keyof DiskThrottle, string][] = [
  ["iopsTotal", "throttling.iops-total"],
  ["iopsRead", "throttling.iops-read"],
  ["iopsWrite", "throttling.iops-write"],
  ["bpsTotal", "throttling.bps-total"],
  ["bpsRead", "throttling.bps-read"],
  ["bpsWrite", "throttling.bps-write"],
  ["group", "throttling.group"],
];

/** Whether a disk's bus can run in an I/O thread (virtio-blk on its device, virtio-scsi on the controller). */
const iothreadBus = (d: Disk) => (d.bus ?? "virtio-blk") !== "usb-storage";

/**
 * The I/O threads the disks name, once each in the order first named (`-object iothread`), before
 * the controllers and devices that use them.
 */
export function iothreadOptions(ctx: CompileContext): QemuOption[] {
  const seen = new Set<string>();
  const out: QemuOption[] = [];
  (ctx.spec.disks ?? []).forEach((d, i) => {
    if (d.iothread === undefined || !iothreadBus(d) || seen.has(d.iothread)) return;
    seen.add(d.iothread);
    out.push({
      flag: "-object",
      props: [implied("qom-type", "iothread"), { key: "id", value: iothreadId(d.iothread), path: ["disks", i, "iothread"] }],
      path: ["disks", i, "iothread"],
    });
  });
  return out;
}

export function storageControllerOptions(ctx: CompileContext): QemuOption[] {
  if (!needsScsi(ctx.spec)) return [];
  const first = ctx.spec.disks?.findIndex((d) => d.bus === "virtio-scsi") ?? -1;
  // virtio-scsi disks share the controller: the first that names an I/O thread puts it there.
  const threaded = ctx.spec.disks?.findIndex((d) => d.bus === "virtio-scsi" && d.iothread !== undefined) ?? -1;
  return [
    {
      flag: "-device",
      props: props(implied("driver", "virtio-scsi-pci"), [
        ["id", SCSI_CONTROLLER_ID],
        ["iothread", threaded >= 0 ? iothreadId(ctx.spec.disks![threaded].iothread!) : undefined, ["disks", threaded, "iothread"]],
      ]),
      path: first >= 0 ? ["disks", first, "bus"] : ["cdroms"],
    },
  ];
}

export function storageOptions(ctx: CompileContext, prepare: PrepareStep[], images: ImageInfo[]): QemuOption[] {
  const { spec } = ctx;
  const out: QemuOption[] = [];
  // storage.backend blockdev: -blockdev node chains (blockdev.ts) instead of -drive.
  const blockdev = blockdevAllowed(ctx);
  const groups = new Map<string, QemuOption>();
  (spec.disks ?? []).forEach((d, i) => {
    const at: SpecPath = ["disks", i];
    const file = hostPath(ctx, d.file);
    const drive = driveId(d.name);
    // qemu-img rounds a size up to whole sectors itself; written rounded, the size shown is the image's.
    const parsed = d.size ? parseSize(d.size) : undefined;
    const sizeBytes = parsed === undefined ? undefined : alignUp(parsed, SECTOR);
    images.push({ path: file, format: d.format, ...(sizeBytes !== undefined ? { size: formatSize(sizeBytes) } : {}) });
    if (sizeBytes !== undefined) {
      prepare.push({
        creates: file,
        argv: ["qemu-img", "create", "-f", d.format, file, formatSize(sizeBytes)],
        path: [...at, "size"],
      });
    }
    const nodes = blockdev ? diskNodes(ctx, d, i, file, groups) : undefined;
    if (nodes) out.push(...nodes.options);
    else {
      const p: Prop[] = [];
      put(p, "file", file, at, "file");
      put(p, "format", d.format, at, "format");
      put(p, "if", "none");
      put(p, "id", drive);
      put(p, "cache", d.cache, at, "cache");
      put(p, "aio", d.aio, at, "aio");
      put(p, "discard", d.discard === undefined ? undefined : d.discard ? "unmap" : "ignore", at, "discard");
      put(p, "readonly", d.readonly ? true : undefined, at, "readonly");
      put(p, "detect-zeroes", d.detectZeroes, at, "detectZeroes");
      const t = d.throttle;
      if (t !== undefined)
        for (let k = 0; k < THROTTLE_PROPS.length; k++)
          put(p, THROTTLE_PROPS[k][1], t[THROTTLE_PROPS[k][0]], at, "throttle", THROTTLE_PROPS[k][0]);
      out.push({ flag: "-drive", props: p, path: at });
    }
    const bus = d.bus ?? "virtio-blk";
    const driver = bus === "virtio-blk" ? "virtio-blk-pci" : bus === "virtio-scsi" ? "scsi-hd" : "usb-storage";
    // The bus and the boot index point at the spec only where it sets them (a default has no node).
    const busAt = d.bus === undefined ? undefined : at;
    const p: Prop[] = [busAt === undefined ? implied("driver", driver) : implied("driver", driver, [...at, "bus"])];
    put(p, "bus", bus === "virtio-scsi" ? SCSI_BUS : bus === "usb-storage" ? USB_BUS : undefined, busAt, "bus");
    put(p, "drive", nodes?.top ?? drive);
    put(p, "id", deviceId(d.name), at, "name");
    put(p, "serial", d.serial, at, "serial");
    // -blockdev: the cache mode's write-back half is the device's (libvirt's write-cache=).
    put(p, "write-cache", nodes && d.cache !== undefined ? CACHE_MODES[d.cache][0] : undefined, at, "cache");
    put(p, "iothread", bus === "virtio-blk" && d.iothread !== undefined ? iothreadId(d.iothread) : undefined, at, "iothread");
    put(p, "bootindex", bootIndex(spec, d.name, d.bootindex), d.bootindex === undefined ? undefined : at, "bootindex");
    out.push({ flag: "-device", props: p, path: at });
  });
  (spec.cdroms ?? []).forEach((c, i) => {
    // Without a file, the drive is an empty tray that takes media later (blockdev-change-medium).
    const at: SpecPath = ["cdroms", i];
    const file = c.file === undefined ? undefined : hostPath(ctx, c.file);
    const drive = driveId(c.name);
    if (file !== undefined) images.push({ path: file, format: "raw" });
    const usb = c.bus === "usb-storage";
    if (blockdev) {
      // An empty tray is a scsi-cd with no drive: blockdev-change-medium id=<name> fills it. A
      // usb-storage device cannot be without a drive ("drive property not set").
      if (file === undefined && usb)
        ctx.unsupported?.push({
          id: "target-unsupported",
          message: `an empty usb-storage CD-ROM cannot be written as -blockdev (QEMU: "drive property not set"): give it a file, put it on virtio-scsi, or use storage.backend drive`,
          path: ["cdroms", i, "bus"],
        });
      const nodes = file === undefined ? undefined : cdromNodes(ctx, c.name, i, file);
      if (nodes) out.push(...nodes.options);
      out.push({ flag: "-device", props: cdromDevice(spec, c, at, usb, nodes?.top), path: at });
      return;
    }
    const p: Prop[] = [];
    put(p, "file", file, at, "file");
    put(p, "format", file === undefined ? undefined : "raw");
    put(p, "if", "none");
    put(p, "id", drive);
    put(p, "media", "cdrom");
    put(p, "readonly", true);
    out.push({ flag: "-drive", props: p, path: at });
    out.push({ flag: "-device", props: cdromDevice(spec, c, at, usb, drive), path: at });
  });
  return out;
}

/** The -device of a CD-ROM; its bus and boot index point at the spec only where it sets them. */
function cdromDevice(spec: CompileContext["spec"], c: Cdrom, at: SpecPath, usb: boolean, drive: string | undefined): Prop[] {
  const busAt = c.bus === undefined ? undefined : at;
  const driver = usb ? "usb-storage" : "scsi-cd";
  const p: Prop[] = [busAt === undefined ? implied("driver", driver) : implied("driver", driver, [...at, "bus"])];
  put(p, "bus", usb ? USB_BUS : SCSI_BUS, busAt, "bus");
  put(p, "drive", drive);
  put(p, "id", deviceId(c.name), at, "name");
  put(p, "bootindex", bootIndex(spec, c.name, c.bootindex), c.bootindex === undefined ? undefined : at, "bootindex");
  return p;
}
