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

  it("NUMA: libvirt's spelling of memory backends (JSON, sizes in bytes), -numa node and -numa dist", () => {
    const { spec, kept } = imported(`#!/bin/sh
qemu-system-aarch64 -name guest=QEMUGuest1 -machine virt,accel=kvm -cpu host -m 4096 \
  -smp 4,sockets=4,cores=1,threads=1 \
  -object '{"qom-type":"memory-backend-ram","id":"ram-node0","size":2147483648}' \
  -numa node,nodeid=0,cpus=0-1,memdev=ram-node0 \
  -object '{"qom-type":"memory-backend-file","id":"ram-node1","mem-path":"/dev/hugepages","size":2147483648}' \
  -numa node,nodeid=1,cpus=2-3,memdev=ram-node1 \
  -numa dist,src=0,dst=0,val=10 -numa dist,src=0,dst=1,val=21 \
  -numa dist,src=1,dst=0,val=21 -numa dist,src=1,dst=1,val=10
`);
    expect(kept).toEqual([]);
    expect(spec.numa).toEqual([
      { cpus: "0-1", memory: "2GiB", distances: { 0: 10, 1: 21 } },
      { cpus: "2-3", memory: "2GiB", hugepages: true, distances: { 0: 21, 1: 10 } },
    ]);
  });

  it("consoles: a telnet serial port that waits with a log file, a TCP virtio console on another address", () => {
    const { spec, kept } = imported(`#!/bin/sh
qemu-system-aarch64 -name web -machine virt,accel=kvm -cpu host -m 2G \
  -chardev socket,id=serial0,port=4555,host=127.0.0.1,server=on,wait=on,telnet=on,logfile=/var/log/vms/web-serial.log \
  -serial chardev:serial0 \
  -device virtio-serial-pci,id=virtio-serial0 \
  -chardev socket,id=console0,host=10.0.0.5,port=4556,server=on,wait=off,logfile=/var/log/vms/web-console.log,logappend=on \
  -device virtconsole,chardev=console0,id=virtconsole0
`);
    expect(kept).toEqual([]);
    expect(spec.serial).toEqual({ type: "telnet", port: 4555, wait: true, logfile: "/var/log/vms/web-serial.log" });
    expect(spec.console).toEqual({ type: "tcp", host: "10.0.0.5", port: 4556, logfile: "/var/log/vms/web-console.log", logAppend: true });
  });
});
