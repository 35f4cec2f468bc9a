// Issue 20: `vmspec import` maps the new spec fields back from a command line written by hand in
// vmspec's id shapes (properties in a person's order, the -object after the device that uses it):
// each option is claimed by its field, none stays in extraArgs, and the spec builds back to the
// same options.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { optionDifference, originalOptions, roundTrip } from "./helpers/import-corpus.js";

function imported(text: string) {
  const r = roundTrip(text, "launch.sh");
  expect(r.buildErrors).toEqual([]);
  expect(optionDifference(r.rebuilt!, originalOptions(text))).toEqual({ onlyA: [], onlyB: [], order: [] });
  return { spec: parse(r.yaml) as Record<string, any>, kept: r.result.kept };
}

describe("import maps issue 20's fields back", () => {
  it("storage: an empty CD-ROM tray, detect-zeroes, throttling.* with a group, I/O threads", () => {
    const { spec, kept } = imported(`#!/bin/sh
qemu-system-aarch64 -name db -machine virt,accel=kvm -cpu host -m 4G \\
  -device virtio-scsi-pci,id=scsi0,iothread=iothread1 \\
  -drive if=none,id=drive-root,file=/srv/vms/db/root.qcow2,format=qcow2,cache=none,aio=native,discard=unmap,detect-zeroes=unmap \\
  -device virtio-blk-pci,id=root,drive=drive-root,iothread=iothread0 \\
  -drive if=none,id=drive-data,file=/dev/vg0/data,format=raw,cache=none,throttling.bps-read=52428800,throttling.bps-write=26214400,throttling.group=capped \\
  -device scsi-hd,bus=scsi0.0,id=data,drive=drive-data \\
  -drive if=none,id=drive-install,media=cdrom,readonly=on \\
  -device scsi-cd,bus=scsi0.0,drive=drive-install,id=install \\
  -object iothread,id=iothread0 -object iothread,id=iothread1
`);
    expect(kept).toEqual([]);
    expect(spec.disks).toEqual([
      {
        name: "root",
        file: "/srv/vms/db/root.qcow2",
        format: "qcow2",
        cache: "none",
        aio: "native",
        discard: true,
        detectZeroes: "unmap",
        iothread: "iothread0",
      },
      {
        name: "data",
        file: "/dev/vg0/data",
        format: "raw",
        bus: "virtio-scsi",
        cache: "none",
        throttle: { bpsRead: 52428800, bpsWrite: 26214400, group: "capped" },
        iothread: "iothread1",
      },
    ]);
    expect(spec.cdroms).toEqual([{ name: "install" }]);
  });
});
