// Disks and CD-ROMs: controllers first, then each image as `-drive if=none` + a `-device`.
import type { CompileContext } from "../context.js";
import { hostPath, needsScsi } from "../context.js";
import { deviceId, driveId, SCSI_BUS, SCSI_CONTROLLER_ID, USB_BUS } from "../ids.js";
import { ifSet, implied, props, type ImageInfo, type PrepareStep, type QemuOption } from "../../qemu/options.js";
import { bootIndex } from "../bootorder.js";
import { alignUp, formatSize, parseSize, SECTOR } from "../../spec/size.js";

export function storageControllerOptions(ctx: CompileContext): QemuOption[] {
  if (!needsScsi(ctx.spec)) return [];
  const first = ctx.spec.disks?.findIndex((d) => d.bus === "virtio-scsi") ?? -1;
  return [
    {
      flag: "-device",
      props: [implied("driver", "virtio-scsi-pci"), { key: "id", value: SCSI_CONTROLLER_ID }],
      path: first >= 0 ? ["disks", first, "bus"] : ["cdroms"],
    },
  ];
}

export function storageOptions(ctx: CompileContext, prepare: PrepareStep[], images: ImageInfo[]): QemuOption[] {
  const { spec } = ctx;
  const out: QemuOption[] = [];
  (spec.disks ?? []).forEach((d, i) => {
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
        path: ["disks", i, "size"],
      });
    }
    out.push({
      flag: "-drive",
      props: props(null, [
        ["file", file, ["disks", i, "file"]],
        ["format", d.format, ["disks", i, "format"]],
        ["if", "none"],
        ["id", drive],
        ["cache", d.cache, ["disks", i, "cache"]],
        ["aio", d.aio, ["disks", i, "aio"]],
        ["discard", d.discard === undefined ? undefined : d.discard ? "unmap" : "ignore", ["disks", i, "discard"]],
        ["readonly", d.readonly ? true : undefined, ["disks", i, "readonly"]],
      ]),
      path: ["disks", i],
    });
    const bus = d.bus ?? "virtio-blk";
    const driver = bus === "virtio-blk" ? "virtio-blk-pci" : bus === "virtio-scsi" ? "scsi-hd" : "usb-storage";
    out.push({
      flag: "-device",
      props: props(implied("driver", driver, ifSet(d.bus, ["disks", i, "bus"])), [
        ["bus", bus === "virtio-scsi" ? SCSI_BUS : bus === "usb-storage" ? USB_BUS : undefined, ifSet(d.bus, ["disks", i, "bus"])],
        ["drive", drive],
        ["id", deviceId(d.name), ["disks", i, "name"]],
        ["serial", d.serial, ["disks", i, "serial"]],
        ["bootindex", bootIndex(spec, d.name, d.bootindex), ifSet(d.bootindex, ["disks", i, "bootindex"])],
      ]),
      path: ["disks", i],
    });
  });
  (spec.cdroms ?? []).forEach((c, i) => {
    const file = hostPath(ctx, c.file);
    const drive = driveId(c.name);
    images.push({ path: file, format: "raw" });
    out.push({
      flag: "-drive",
      props: props(null, [
        ["file", file, ["cdroms", i, "file"]],
        ["format", "raw"],
        ["if", "none"],
        ["id", drive],
        ["media", "cdrom"],
        ["readonly", true],
      ]),
      path: ["cdroms", i],
    });
    const usb = c.bus === "usb-storage";
    out.push({
      flag: "-device",
      props: props(implied("driver", usb ? "usb-storage" : "scsi-cd", ifSet(c.bus, ["cdroms", i, "bus"])), [
        ["bus", usb ? USB_BUS : SCSI_BUS, ifSet(c.bus, ["cdroms", i, "bus"])],
        ["drive", drive],
        ["id", deviceId(c.name), ["cdroms", i, "name"]],
        ["bootindex", bootIndex(spec, c.name, c.bootindex), ifSet(c.bootindex, ["cdroms", i, "bootindex"])],
      ]),
      path: ["cdroms", i],
    });
  });
  return out;
}
