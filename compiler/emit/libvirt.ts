// A spec → a libvirt domain XML (`vmspec build --format libvirt`), for libvirt 9.0's QEMU driver on
// aarch64. Built with an XML library (xmlbuilder2), never by concatenating strings: every value is
// text or an attribute value, so a name with quotes, "<", "&" or "]]>" stays one literal value.
// What libvirt's domain XML cannot say goes into <qemu:commandline> (the compiled QEMU options of
// that part of the spec, as QEMU reads them) with a `libvirt-passthrough` note at its YAML line;
// what libvirt says differently (its own monitor, qemu.conf's user) gets a `libvirt-changed` note.
// Nothing is dropped silently. docs/targets.md describes the mapping.
import { needsUsb } from "../context.js";
import { AGENT_CHARDEV_ID, BALLOON_ID, CONSOLE_CHARDEV_ID, SERIAL_CHARDEV_ID, shareId, usbInputId, VIDEO_ID, WATCHDOG_ID } from "../ids.js";
import { qemuOverrideProperty, pciAddressOf } from "./libvirt-admin.js";
import { libvirtPassesThrough, libvirtUnmappedFields } from "./engine-gaps.js";
import { isAbsolute, resolve } from "node:path";
import { createRequire } from "node:module";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { CharBackend, VmSpec } from "../../spec/types.js";
import type { SpecPath } from "../../spec/nodes.js";
import { prop, type QemuOption } from "../../qemu/options.js";
import type { TargetChoices } from "../../qemu/targets.js";
import { alignUp, parseSize, RAM_ALIGN } from "../../spec/size.js";
import { bootIndex } from "../bootorder.js";
import { EmitError, optionWords } from "./argv.js";

export const LIBVIRT_QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

/** Something the libvirt output says differently from the command line, with the spec path behind it. */
export interface LibvirtNote {
  ruleId: "libvirt-passthrough" | "libvirt-changed";
  message: string;
  path: SpecPath;
}

export interface LibvirtOutput {
  xml: string;
  notes: LibvirtNote[];
}

export interface LibvirtInput {
  /** The spec, with --accel/--cpu applied. */
  spec: VmSpec;
  /** The compiled QEMU options of the same spec: the source of what goes into <qemu:commandline>. */
  options: QemuOption[];
  target: TargetChoices;
  baseDir: string;
}

/** The characters libvirt allows in a disk serial (domaincommon.rng diskSerial). */
const DISK_SERIAL = /^[A-Za-z0-9_.+\- ]+$/;
/** A user alias libvirt passes to QEMU as the device id: `ua-` and letters, digits, '_' or '-'. */
const ALIAS_CHARS = /[^A-Za-z0-9_-]/g;

/** `vda`, `vdb`, ..., `vdz`, `vdaa`: the target names libvirt expects. */
function targetDev(prefix: string, n: number): string {
  let s = "";
  let i = n;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return prefix + s;
}

/**
 * xmlbuilder2 leaves "&amp;", "&lt;" and the other predefined entities in a value as they are
 * (its "no double encoding"), so a value holding "&lt;" would be read back as "<". Every "&" of a
 * value is therefore written as a private-use character the serializer leaves alone, and turned
 * into "&amp;" in the serialized document (where no other such character can be).
 */
const AMP = "\uE000";
function lit(value: string): string {
  return value.replace(/&/g, AMP);
}

/** An XML attribute value cannot hold a tab or line break literally (a parser turns them into spaces). */
function checkAttr(value: string, path: SpecPath): string {
  if (/[\t\n\r]/.test(value)) throw new EmitError(`libvirt XML cannot hold a tab or line break in ${JSON.stringify(value)}`, path);
  return lit(value);
}

export function emitLibvirt(input: LibvirtInput): LibvirtOutput {
  const { spec, options, target } = input;
  const odd = JSON.stringify(spec).includes(AMP) || (spec.extraArgs ?? []).some((a) => a.includes(AMP));
  if (odd) throw new EmitError("libvirt output cannot hold the private-use character U+E000");
  const gap = libvirtUnmappedFields(spec)[0];
  if (gap) throw new EmitError(gap.message, gap.path);
  const notes: LibvirtNote[] = [];
  const passthrough: { words: string[]; path: SpecPath }[] = [];
  const file = (p: string) => (isAbsolute(p) ? p : resolve(input.baseDir, p));
  const aliases = new Set<string>();
  // The alias of each device the spec names, for qemuProperties.devices (<qemu:override>).
  const aliasOf = new Map<string, string>();
  const alias = (name: string) => {
    let a = `ua-${name.replace(ALIAS_CHARS, "_")}`;
    for (let i = 2; aliases.has(a); i++) a = `ua-${name.replace(ALIAS_CHARS, "_")}-${i}`;
    aliases.add(a);
    if (!aliasOf.has(name)) aliasOf.set(name, a);
    return a;
  };
  // qemuProperties.devices: bus/addr become the device's <address> (PCI devices), the rest
  // <qemu:override> properties of the device libvirt creates.
  const devProps = spec.qemuProperties?.devices ?? {};
  const rootPorts = spec.pci?.rootPorts ?? 0;
  // A root port that a device going through <qemu:commandline> names (bus: rp<i>) goes through
  // too, before that device: QEMU creates command-line devices before libvirt's, so the port must
  // be there first. libvirt fills its PCI index with a port of its own.
  const passedPorts = new Map<string, number>();
  for (const [name, map] of Object.entries(devProps)) {
    const m = /^rp([1-9][0-9]*)$/.exec(map?.bus ?? "");
    if (m && libvirtPassesThrough(spec, name)) passedPorts.set(name, Number(m[1]));
  }
  const portFor = (name: string): QemuOption[] => {
    const k = passedPorts.get(name);
    const port = options.find((o) => o.flag === "-device" && prop(o, "id") === `rp${k}`);
    if (k === undefined || !port) return [];
    // On a slot of its own, with a chassis number clear of libvirt's (1, 2, ... by PCI index).
    const keep = (port.props ?? []).filter((p) => !["chassis", "bus", "addr", "multifunction"].includes(p.key));
    const at = { key: "bus", value: "pcie.0" };
    return [
      {
        ...port,
        props: [...keep, { key: "chassis", value: String(255 - k) }, at, { key: "addr", value: `0x${(nextSlot--).toString(16)}` }],
      },
    ];
  };
  const placed = (d: XMLBuilder, name: string, pci: boolean) => {
    const a = pciAddressOf(devProps[name], name, rootPorts, pci);
    if (a) el(d, "address", a.attrs, a.path);
  };
  const pass = (message: string, path: SpecPath, opts: QemuOption[]) => {
    notes.push({ ruleId: "libvirt-passthrough", message, path });
    for (const o of opts) passthrough.push({ words: optionWords(o), path: o.path });
  };
  // A PCI device that goes through gets a fixed slot on pcie.0, counting down from 0x1f: QEMU
  // creates command-line devices before libvirt's JSON ones, so without an address it would take
  // slot 1, where libvirt puts its first PCIe root port. libvirt fills slots from 1 upwards.
  let nextSlot = 0x1f;
  const onOwnSlot = (opts: QemuOption[]): QemuOption[] =>
    opts.map((o) =>
      o.flag === "-device" && o.props
        ? { ...o, props: [...o.props, { key: "bus", value: "pcie.0" }, { key: "addr", value: `0x${(nextSlot--).toString(16)}` }] }
        : o,
    );
  const changed = (message: string, path: SpecPath) => notes.push({ ruleId: "libvirt-changed", message, path });
  const startsWith = (p: SpecPath, prefix: SpecPath) => prefix.every((k, i) => p[i] === k);
  const optionsAt = (prefix: SpecPath) => options.filter((o) => !o.extra && startsWith(o.path, prefix));

  const accel = spec.accel ?? "kvm";
  // Loaded on first use (it and its DOM are a third of the CLI's code): every other command starts without it.
  const { create } = createRequire(import.meta.url)("xmlbuilder2") as typeof import("xmlbuilder2");
  const root = create({ version: "1.0" }).ele("domain", { type: accel === "kvm" ? "kvm" : "qemu" });
  const el = (parent: XMLBuilder, name: string, attrs: Record<string, string | number | undefined> = {}, path: SpecPath = []) => {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = checkAttr(String(v), path);
    return parent.ele(name, clean);
  };
  if (spec.name.includes("/")) throw new EmitError(`libvirt refuses a domain name with "/": ${JSON.stringify(spec.name)}`, ["name"]);
  root.ele("name").txt(lit(spec.name));
  if (spec.uuid) root.ele("uuid").txt(lit(spec.uuid.toLowerCase()));

  // Memory: what QEMU makes of the size (whole bytes, up to 8 KiB), in KiB.
  const bytes = alignUp(parseSize(spec.memory.size) ?? 0, RAM_ALIGN);
  el(root, "memory", { unit: "KiB" }).txt(lit(String(bytes / 1024)));
  // With NUMA nodes every node has the same mount (libvirtUnmappedFields refuses the rest): node 0's.
  const numaHuge = spec.numa?.length ? (spec.numa[0].hugepages ?? spec.memory.hugepages) : spec.memory.hugepages;
  const hugePath: SpecPath = spec.numa?.[0]?.hugepages !== undefined ? ["numa", 0, "hugepages"] : ["memory", "hugepages"];
  if (numaHuge || spec.memory.prealloc) {
    const mb = root.ele("memoryBacking");
    if (numaHuge) {
      mb.ele("hugepages");
      if (numaHuge !== true && numaHuge !== "/dev/hugepages")
        changed(
          `libvirt takes the hugetlbfs mount from qemu.conf (hugetlbfs_mount), not from the domain: set it to ${JSON.stringify(numaHuge)} there`,
          hugePath,
        );
    }
    if (spec.memory.prealloc) el(mb, "allocation", { mode: "immediate" });
  }

  // vCPUs and topology.
  const cpu = spec.cpu ?? {};
  const topo = (cpu.sockets ?? 1) * (cpu.cores ?? 1) * (cpu.threads ?? 1);
  const count = cpu.count ?? topo;
  const max = cpu.maxCount ?? count;
  el(root, "vcpu", { placement: "static", current: max !== count ? count : undefined }).txt(lit(String(max)));
  // I/O threads: libvirt numbers them (QEMU ids iothread1, iothread2, ...), in the spec's order.
  const iothreads = new Map<string, number>();
  for (const dk of spec.disks ?? [])
    if (dk.iothread !== undefined && !iothreads.has(dk.iothread)) iothreads.set(dk.iothread, iothreads.size + 1);
  if (iothreads.size) root.ele("iothreads").txt(lit(String(iothreads.size)));

  // os: firmware, kernel, boot menu, SMBIOS.
  const os = root.ele("os");
  el(os, "type", { arch: "aarch64", machine: spec.machine?.type ?? "virt" }, ["machine", "type"]).txt(lit("hvm"));
  const uefi = spec.firmware?.uefi;
  if (uefi) {
    el(os, "loader", { readonly: "yes", type: "pflash" }, ["firmware", "uefi", "code"]).txt(lit(file(uefi.code)));
    el(os, "nvram", { template: file(uefi.varsTemplate ?? "/usr/share/AAVMF/AAVMF_VARS.fd") }, ["firmware", "uefi", "varsTemplate"]).txt(
      lit(file(uefi.vars)),
    );
  } else if (spec.firmware?.bios) {
    el(os, "loader", { readonly: "yes", type: "rom" }).txt(lit(file(spec.firmware.bios)));
  }
  if (spec.kernel) {
    os.ele("kernel").txt(lit(file(spec.kernel.path)));
    if (spec.kernel.initrd) os.ele("initrd").txt(lit(file(spec.kernel.initrd)));
    if (spec.kernel.append !== undefined) os.ele("cmdline").txt(lit(spec.kernel.append));
  }
  if (spec.boot?.menu !== undefined) el(os, "bootmenu", { enable: spec.boot.menu ? "yes" : "no" });
  if (spec.smbios) el(os, "smbios", { mode: "sysinfo" });

  // SMBIOS type 1 strings.
  if (spec.smbios) {
    const sys = el(root, "sysinfo", { type: "smbios" }).ele("system");
    for (const key of ["manufacturer", "product", "version", "serial", "sku", "family"] as const) {
      const v = spec.smbios[key];
      if (v !== undefined) el(sys, "entry", { name: key }).txt(lit(v));
    }
  }

  // libvirt puts every PCI device behind a PCIe root port, and a root port needs MSI-X: with GICv3
  // that is the ITS, which the virt board has from virt-2.8 with KVM and from virt-6.2 with TCG.
  // QEMU refuses the domain otherwise ("MSI-X is not supported by interrupt controller").
  const versioned = /^virt-(\d+)\.(\d+)$/.exec(spec.machine?.type ?? "");
  if (versioned && spec.machine?.gicVersion === "3") {
    const v = Number(versioned[1]) * 100 + Number(versioned[2]);
    if (v < 208 || (accel === "tcg" && v < 602))
      throw new EmitError(
        `libvirt puts devices behind PCIe root ports, which need MSI-X, and ${spec.machine.type} with GICv3 has no ITS${accel === "tcg" ? " under TCG" : ""}: QEMU refuses it ("MSI-X is not supported by interrupt controller"); use gicVersion 2 or a newer machine type`,
        ["machine", "gicVersion"],
      );
  }

  // features: ACPI (libvirt on aarch64 allows it only with UEFI, and writes -no-acpi without it), the GIC.
  const gic = spec.machine?.gicVersion;
  if (uefi || (gic && gic !== "max")) {
    const f = root.ele("features");
    if (uefi) f.ele("acpi");
    if (gic && gic !== "max") el(f, "gic", { version: gic });
  }
  if (gic === "max")
    pass(
      "libvirt's <gic> has no version max",
      ["machine", "gicVersion"],
      [{ flag: "-machine", props: [{ key: "gic-version", value: "max" }], path: ["machine", "gicVersion"] }],
    );

  // cpu: host-passthrough, maximum (TCG's max), or a named model; features go through as -cpu.
  const [model, ...features] = (cpu.model ?? (accel === "tcg" ? target.tcgCpu : "host")).split(",");
  const cpuEl =
    model === "host"
      ? el(root, "cpu", { mode: "host-passthrough", check: "none" })
      : model === "max"
        ? el(root, "cpu", { mode: "maximum", check: "none" })
        : el(root, "cpu", { mode: "custom", match: "exact", check: "none" });
  if (model !== "host" && model !== "max") el(cpuEl, "model", { fallback: "forbid" }).txt(lit(model));
  if (cpu.sockets !== undefined || cpu.cores !== undefined || cpu.threads !== undefined)
    el(cpuEl, "topology", { sockets: cpu.sockets ?? 1, dies: 1, cores: cpu.cores ?? 1, threads: cpu.threads ?? 1 });
  // Guest NUMA nodes: cells with their vCPUs, memory and distances (libvirt gives each a memory backend).
  if (spec.numa?.length) {
    const numa = cpuEl.ele("numa");
    spec.numa.forEach((n, i) => {
      const kib = alignUp(parseSize(n.memory) ?? 0, RAM_ALIGN) / 1024;
      const cell = el(numa, "cell", { id: i, cpus: n.cpus, memory: kib, unit: "KiB" }, ["numa", i]);
      const dist = Object.entries(n.distances ?? {});
      if (dist.length) {
        const ds = cell.ele("distances");
        for (const [to, value] of dist) el(ds, "sibling", { id: to, value }, ["numa", i, "distances", to]);
      }
    });
  }
  if (features.some(Boolean))
    pass(
      `libvirt has no spelling for the CPU features ${features.join(",")} on aarch64: QEMU reads a second -cpu, which replaces libvirt's`,
      ["cpu", "model"],
      optionsAt(["cpu", "model"]).filter((o) => o.flag === "-cpu"),
    );

  // clock.
  const rtc = spec.rtc;
  const base = rtc?.base ?? "utc";
  const clock =
    base === "utc" || base === "localtime"
      ? el(root, "clock", { offset: base })
      : el(root, "clock", {
          offset: "absolute",
          start: Math.floor(Date.parse(base.length === 10 ? `${base}T00:00:00Z` : `${base}Z`) / 1000),
        });
  if (rtc?.clock) el(clock, "timer", { name: "rtc", track: { host: "wall", rt: "realtime", vm: "guest" }[rtc.clock] });

  const devices = root.ele("devices");
  const boot = (d: XMLBuilder, name: string) => {
    if (bootRank.has(name)) el(d, "boot", { order: bootRank.get(name) });
  };
  // libvirt wants boot orders from 1, unique: the spec's bootindex values ranked.
  const bootables = [
    ...(spec.disks ?? []).map((d) => ({ name: d.name, i: bootIndex(spec, d.name, d.bootindex) })),
    ...(spec.cdroms ?? []).map((d) => ({ name: d.name, i: bootIndex(spec, d.name, d.bootindex) })),
    ...(spec.networks ?? []).map((d) => ({ name: d.name, i: bootIndex(spec, d.name, d.bootindex) })),
    ...(spec.hostDevices ?? []).map((d) => ({ name: d.name, i: bootIndex(spec, d.name, d.bootindex) })),
  ]
    .filter((b) => b.i !== undefined)
    .sort((a, b) => a.i! - b.i!);
  const bootRank = new Map(bootables.map((b, i) => [b.name, i + 1]));

  // Disks and CD-ROMs.
  let vd = 0;
  let sd = 0;
  const busOf = { "virtio-blk": "virtio", "virtio-scsi": "scsi", "usb-storage": "usb" } as const;
  (spec.disks ?? []).forEach((d, i) => {
    const path = file(d.file);
    const block = path.startsWith("/dev/");
    const disk = el(devices, "disk", { type: block ? "block" : "file", device: "disk" });
    const bus = busOf[d.bus ?? "virtio-blk"];
    el(
      disk,
      "driver",
      {
        name: "qemu",
        type: d.format,
        cache: d.cache,
        io: d.aio,
        discard: d.discard ? "unmap" : undefined,
        detect_zeroes: d.detectZeroes,
        // A virtio-scsi disk's thread is its controller's (below).
        iothread: bus === "virtio" && d.iothread !== undefined ? iothreads.get(d.iothread) : undefined,
      },
      ["disks", i],
    );
    el(disk, "source", block ? { dev: path } : { file: path }, ["disks", i, "file"]);
    el(disk, "target", { dev: bus === "virtio" ? targetDev("vd", vd++) : targetDev("sd", sd++), bus });
    if (d.throttle) {
      const t = d.throttle;
      const io = disk.ele("iotune");
      for (const [key, name] of [
        ["bpsTotal", "total_bytes_sec"],
        ["bpsRead", "read_bytes_sec"],
        ["bpsWrite", "write_bytes_sec"],
        ["iopsTotal", "total_iops_sec"],
        ["iopsRead", "read_iops_sec"],
        ["iopsWrite", "write_iops_sec"],
      ] as const)
        if (t[key] !== undefined) io.ele(name).txt(lit(String(t[key])));
      if (t.group !== undefined) io.ele("group_name").txt(lit(t.group));
    }
    if (d.serial !== undefined) {
      if (!DISK_SERIAL.test(d.serial))
        throw new EmitError(
          `libvirt allows only letters, digits, ' ', '_', '.', '+' and '-' in a disk serial: ${JSON.stringify(d.serial)}`,
          ["disks", i, "serial"],
        );
      disk.ele("serial").txt(lit(d.serial));
    }
    if (d.readonly) disk.ele("readonly");
    boot(disk, d.name);
    el(disk, "alias", { name: alias(d.name) });
    placed(disk, d.name, bus === "virtio");
  });
  (spec.cdroms ?? []).forEach((c, i) => {
    const disk = el(devices, "disk", { type: "file", device: "cdrom" });
    el(disk, "driver", { name: "qemu", type: "raw" });
    // An empty tray is a CD-ROM without <source> (media inserted later with virsh change-media).
    if (c.file !== undefined) el(disk, "source", { file: file(c.file) }, ["cdroms", i, "file"]);
    el(disk, "target", { dev: targetDev("sd", sd++), bus: c.bus === "usb-storage" ? "usb" : "scsi" });
    disk.ele("readonly");
    boot(disk, c.name);
    el(disk, "alias", { name: alias(c.name) });
    placed(disk, c.name, false);
  });

  // Controllers: exactly the ones the spec needs (libvirt would otherwise add a USB controller).
  const scsi = spec.disks?.some((d) => d.bus === "virtio-scsi") || spec.cdroms?.some((c) => (c.bus ?? "virtio-scsi") === "virtio-scsi");
  if (scsi) {
    const ctl = el(devices, "controller", { type: "scsi", index: 0, model: "virtio-scsi" });
    const thread = spec.disks?.find((x) => x.bus === "virtio-scsi" && x.iothread !== undefined)?.iothread;
    if (thread !== undefined) el(ctl, "driver", { iothread: iothreads.get(thread) });
  }
  const u = spec.usb;
  const usbNeeded = needsUsb(spec);
  const usbModel = { ehci: "ehci", ohci: "pci-ohci", xhci: target.xhciDevice === "qemu-xhci" ? "qemu-xhci" : "nec-xhci" }[
    u?.controller ?? "ehci"
  ];
  el(devices, "controller", { type: "usb", index: 0, model: usbNeeded ? usbModel : "none" });
  // pci.rootPorts: PCIe root ports of the spec's own (ua-rp1, ...), at the PCI indexes 1..n that a
  // device's `bus: rp<i>` names; libvirt adds more for its devices.
  if (rootPorts)
    changed(
      `libvirt puts each of its own PCI devices on a free root port, the spec's rp1...rp${rootPorts} first, and adds ports only beyond them: fewer than ${rootPorts} stay free for hot-plug (virsh dumpxml shows which)`,
      ["pci", "rootPorts"],
    );
  const passedIndexes = new Set(passedPorts.values());
  for (let i = 1; i <= rootPorts; i++)
    if (!passedIndexes.has(i))
      el(el(devices, "controller", { type: "pci", index: i, model: "pcie-root-port" }, ["pci", "rootPorts"]), "alias", {
        name: `ua-rp${i}`,
      });

  // Networks. User networking with port forwards cannot be said in libvirt 9.0 (<portForward> needs
  // the passt backend, which 9.0 does not have): that NIC goes through whole.
  const nicModel = { virtio: "virtio", e1000: "e1000", e1000e: "e1000e", rtl8139: "rtl8139" } as const;
  (spec.networks ?? []).forEach((n, i) => {
    if (libvirtPassesThrough(spec, n.name)) {
      const fwd = !!n.forwards?.length;
      pass(
        fwd
          ? `libvirt 9.0 cannot forward ports into user networking (<portForward> needs the passt backend)${n.restrict ? " and has no restrict for it" : ""}: this NIC goes through <qemu:commandline>`
          : "libvirt 9.0 has no restrict for user networking: this NIC goes through <qemu:commandline>",
        ["networks", i, fwd ? "forwards" : "restrict"],
        // Its bootindex takes its rank among the devices libvirt numbers, so no two collide. On a
        // root port of its own (bus: rp<i>), that port goes first; else on a slot of its own.
        (passedPorts.has(n.name) ? (o: QemuOption[]) => [...portFor(n.name), ...o] : onOwnSlot)(
          optionsAt(["networks", i]).map((o) => ({
            ...o,
            props: o.props?.map((p) => (p.key === "bootindex" ? { ...p, value: String(bootRank.get(n.name)) } : p)),
          })),
        ),
      );
      return;
    }
    const type = n.type === "tap" ? "ethernet" : n.type;
    const iface = el(devices, "interface", { type });
    if (n.mac) el(iface, "mac", { address: n.mac.toLowerCase() });
    if (n.type === "bridge") el(iface, "source", { bridge: n.bridge ?? "br0" }, ["networks", i, "bridge"]);
    if (n.type === "tap" && n.ifname) el(iface, "target", { dev: n.ifname, managed: "no" }, ["networks", i, "ifname"]);
    el(iface, "model", { type: nicModel[n.model ?? "virtio"] });
    if (n.vhost !== undefined || n.queues !== undefined)
      el(iface, "driver", { name: n.vhost === false ? "qemu" : n.vhost ? "vhost" : undefined, queues: n.queues });
    boot(iface, n.name);
    el(iface, "alias", { name: alias(n.name) });
    placed(iface, n.name, true);
    if (n.helper !== undefined)
      changed(`libvirtd creates the tap and attaches it to ${n.bridge ?? "br0"} itself: the bridge helper (${n.helper}) is not used`, [
        "networks",
        i,
        "helper",
      ]);
  });

  // Host folders over virtio-9p.
  (spec.shares ?? []).forEach((s, i) => {
    const model = s.securityModel ?? "mapped-xattr";
    if (model === "mapped-file") {
      pass(
        "libvirt has no mapped-file 9p security model: this share goes through <qemu:commandline>",
        ["shares", i, "securityModel"],
        onOwnSlot(optionsAt(["shares", i])),
      );
      return;
    }
    const fs = el(devices, "filesystem", {
      type: "mount",
      accessmode: { "mapped-xattr": "mapped", passthrough: "passthrough", none: "squash" }[model],
    });
    el(fs, "driver", { type: "path" });
    el(fs, "source", { dir: file(s.path) }, ["shares", i, "path"]);
    el(fs, "target", { dir: s.tag });
    if (s.readonly) fs.ele("readonly");
    el(fs, "alias", { name: alias(shareId(s.tag)) });
  });

  // Host PCI devices (already bound to vfio-pci, as with the command line: managed='no').
  (spec.hostDevices ?? []).forEach((h, i) => {
    const hd = el(devices, "hostdev", { mode: "subsystem", type: "pci", managed: "no" });
    const [dom, bus, slotFn] = h.address.split(":");
    const [slot, fn] = slotFn.split(".");
    el(hd.ele("source"), "address", { domain: `0x${dom}`, bus: `0x${bus}`, slot: `0x${slot}`, function: `0x${fn}` }, [
      "hostDevices",
      i,
      "address",
    ]);
    boot(hd, h.name);
    el(hd, "alias", { name: alias(h.name) });
    placed(hd, h.name, true);
  });
  // Host USB devices, by vendor and product or by bus and address.
  (u?.host ?? []).forEach((h, i) => {
    const hd = el(devices, "hostdev", { mode: "subsystem", type: "usb", managed: "no" });
    const src = hd.ele("source");
    const hex = (v: string) => `0x${v.replace(/^0x/i, "").toLowerCase()}`;
    if (h.vendor !== undefined) {
      el(src, "vendor", { id: hex(h.vendor) }, ["usb", "host", i, "vendor"]);
      changed(
        "libvirt looks a USB device up by vendor and product when the domain starts, and does not start without it (QEMU alone starts and attaches it when it appears)",
        ["usb", "host", i, "vendor"],
      );
    }
    if (h.product !== undefined) el(src, "product", { id: hex(h.product) }, ["usb", "host", i, "product"]);
    if (h.bus !== undefined || h.address !== undefined) el(src, "address", { bus: h.bus, device: h.address }, ["usb", "host", i]);
    el(hd, "alias", { name: alias(h.name) });
    placed(hd, h.name, false);
  });

  // Character devices.
  const chardev = (parent: XMLBuilder, kind: string, b: CharBackend, path: SpecPath, defaultPath: string) => {
    if (b.type === "stdio") {
      changed(
        `libvirt runs QEMU detached from any terminal: a stdio ${kind} becomes a pty (virsh console <domain>); QEMU's output is in libvirt's log`,
        [...path, "type"],
      );
      return el(parent, kind, { type: "pty" });
    }
    if (b.type === "socket") {
      const c = el(parent, kind, { type: "unix" });
      el(c, "source", { mode: "bind", path: file(b.path ?? defaultPath) }, [...path, "path"]);
      return c;
    }
    if (b.type === "tcp" || b.type === "telnet") {
      const c = el(parent, kind, { type: "tcp" });
      el(c, "source", { mode: "bind", host: b.host ?? "127.0.0.1", service: b.port }, [...path, "host"]);
      el(c, "protocol", { type: b.type === "telnet" ? "telnet" : "raw" });
      return c;
    }
    const c = el(parent, kind, { type: b.type });
    if (b.type === "file") el(c, "source", { path: file(b.path ?? defaultPath) }, [...path, "path"]);
    return c;
  };
  // What a console says beside its backend: the log file; and libvirt's answer to `wait`.
  const chardevExtras = (c: XMLBuilder, b: CharBackend, path: SpecPath) => {
    if (b.logfile !== undefined) el(c, "log", { file: file(b.logfile), append: b.logAppend ? "on" : "off" }, [...path, "logfile"]);
    if (b.wait)
      changed(
        "libvirt never lets a console server wait for its client (QEMU must answer libvirt's monitor first): start the domain paused (virsh start --paused), connect, then virsh resume",
        [...path, "wait"],
      );
  };
  const stem = spec.name.replace(/[^A-Za-z0-9_.-]/g, "_").replace(/^\.+/, "_") || "vm";
  if (spec.serial) {
    const s = chardev(devices, "serial", spec.serial, ["serial"], `${stem}.serial0`);
    chardevExtras(s, spec.serial, ["serial"]);
    el(s, "target", { port: 0 });
    el(s, "alias", { name: alias(SERIAL_CHARDEV_ID) });
  }
  if (spec.console) {
    const c = chardev(devices, "console", spec.console, ["console"], `${stem}.console0`);
    chardevExtras(c, spec.console, ["console"]);
    el(c, "target", { type: "virtio", port: spec.serial ? 1 : 0 });
    el(c, "alias", { name: alias(CONSOLE_CHARDEV_ID) });
  }
  if (spec.guestAgent) {
    const ch = el(devices, "channel", { type: "unix" });
    // Without a socket of the spec's, libvirt picks its own path (the one `virsh qemu-agent-command` uses).
    if (spec.guestAgent.socket) el(ch, "source", { mode: "bind", path: file(spec.guestAgent.socket) }, ["guestAgent", "socket"]);
    else el(ch, "source", { mode: "bind" });
    el(ch, "target", { type: "virtio", name: "org.qemu.guest_agent.0" });
    el(ch, "alias", { name: alias(AGENT_CHARDEV_ID) });
  }

  // Input devices on USB.
  for (const [key, type] of [
    ["tablet", "tablet"],
    ["keyboard", "keyboard"],
    ["mouse", "mouse"],
  ] as const)
    if (u?.[key]) el(el(devices, "input", { type, bus: "usb" }), "alias", { name: alias(usbInputId(key)) });

  // Graphics and video.
  const d = spec.display;
  if (d && d.type !== "none") {
    // A password file: libvirt takes a VNC/SPICE password only inline (passwd=), where every
    // reader of the XML sees it. The display goes through whole instead, with the secret object
    // that QEMU reads from the file at each start (docs/decisions.md).
    const secretDisplay = d.passwordFile !== undefined && (d.type === "vnc" || d.type === "spice");
    if (secretDisplay)
      pass(
        "libvirt takes a VNC/SPICE password only inline in the domain XML (passwd=): this display goes through <qemu:commandline> with the password file, which QEMU reads at each start (virsh domdisplay does not know it)",
        ["display", "passwordFile"],
        optionsAt(["display"]).filter((o) => o.flag === "-object" || o.flag === "-vnc" || o.flag === "-spice"),
      );
    else if (d.password)
      throw new EmitError(
        "libvirt sets a VNC/SPICE password only from the domain XML (passwd=), and a spec holds no secrets: leave password out here and add passwd to the domain, or set vnc_password/spice_password in qemu.conf",
        ["display", "password"],
      );
    if (d.tls)
      throw new EmitError(
        "libvirt takes VNC/SPICE TLS from qemu.conf (vnc_tls, vnc_tls_x509_cert_dir, spice_tls), not from the domain: set it there and leave display.tls out",
        ["display", "tls"],
      );
    if (secretDisplay) {
      // The display itself went through above; the video device below is libvirt's.
    } else if (d.type === "vnc" || d.type === "spice") {
      const listen = d.listen ?? "127.0.0.1";
      const port = d.port ?? (d.type === "vnc" ? 5900 : 5930);
      const g = el(devices, "graphics", { type: d.type, port, autoport: "no", websocket: d.type === "vnc" ? d.websocket : undefined }, [
        "display",
        "port",
      ]);
      el(g, "listen", { type: "address", address: listen }, ["display", "listen"]);
    } else if (d.type === "sdl") {
      el(devices, "graphics", { type: "sdl" });
    } else {
      pass(
        "libvirt 9.0 has no GTK display: -display gtk goes through <qemu:commandline>",
        ["display", "type"],
        optionsAt(["display"]).filter((o) => o.flag === "-display"),
      );
    }
    const video = el(devices, "video");
    el(video, "model", { type: { std: "vga", qxl: "qxl", "virtio-gpu": "virtio", ramfb: "ramfb" }[d.video ?? "std"], primary: "yes" });
    el(video, "alias", { name: alias(VIDEO_ID) });
  }

  // Other devices.
  if (spec.watchdog) {
    const action = spec.watchdog.action ?? "reset";
    if (action === "debug") {
      const w = el(devices, "watchdog", { model: spec.watchdog.model ?? "i6300esb" });
      el(w, "alias", { name: alias(WATCHDOG_ID) });
      pass(
        "libvirt's watchdog has no debug action: -watchdog-action debug goes through <qemu:commandline>",
        ["watchdog", "action"],
        optionsAt(["watchdog", "action"]),
      );
    } else {
      const w = el(devices, "watchdog", { model: spec.watchdog.model ?? "i6300esb", action });
      el(w, "alias", { name: alias(WATCHDOG_ID) });
    }
  }
  if (spec.rng) {
    const r = el(devices, "rng", { model: "virtio" });
    el(r, "backend", { model: "random" }, ["rng", "source"]).txt(lit(file(spec.rng.source ?? "/dev/urandom")));
    el(r, "alias", { name: alias("rng") });
  }
  if (spec.tpm?.type === "emulator") {
    // libvirt starts swtpm itself (its socket and the TPM's state are libvirt's).
    const t = el(devices, "tpm", { model: "tpm-tis" });
    el(t, "backend", { type: "emulator", version: "2.0" });
    el(t, "alias", { name: alias("tpm") });
    changed(
      "libvirtd starts and stops swtpm itself, with its own socket and the TPM's state in /var/lib/libvirt/swtpm/<uuid>/ (not <name>.tpm beside the spec): nothing to run before virsh start",
      spec.tpm.socket !== undefined ? ["tpm", "socket"] : ["tpm", "type"],
    );
  } else if (spec.tpm) {
    const t = el(devices, "tpm", { model: "tpm-tis" });
    el(el(t, "backend", { type: "passthrough" }), "device", { path: file(spec.tpm.path ?? "/dev/tpm0") }, ["tpm", "path"]);
    el(t, "alias", { name: alias("tpm") });
  }
  if (spec.balloon) {
    const b = el(devices, "memballoon", { model: "virtio", autodeflate: spec.balloon.deflateOnOom ? "on" : undefined });
    el(b, "alias", { name: alias(BALLOON_ID) });
  } else el(devices, "memballoon", { model: "none" });
  if (spec.pvpanic)
    pass(
      "libvirt 9.0 has no pvpanic model for aarch64: the panic device goes through <qemu:commandline>",
      ["pvpanic"],
      onOwnSlot(optionsAt(["pvpanic"])),
    );

  // What libvirt owns itself: the monitor, the user, the pid file, detaching, migration.
  for (const kind of ["qmp", "hmp"] as const) {
    const m = spec.monitors?.[kind];
    if (m)
      pass(
        `libvirt keeps the monitor to itself (virsh qemu-monitor-command); a second ${kind.toUpperCase()} monitor goes through <qemu:commandline>`,
        ["monitors", kind],
        optionsAt(["monitors", kind]),
      );
  }
  if (spec.runAs !== undefined)
    changed(
      `libvirt runs QEMU as qemu.conf's user and group (user = ${JSON.stringify(spec.runAs)} there), not per domain: runAs is not in the XML`,
      ["runAs"],
    );
  if (spec.sandbox === false)
    changed("libvirt turns the seccomp sandbox on or off for all domains (qemu.conf seccomp_sandbox = 0), not per domain", ["sandbox"]);
  if (spec.pidfile !== undefined)
    changed("libvirt writes its own pid file (/run/libvirt/qemu/<name>.pid): pidfile is not in the XML", ["pidfile"]);
  if (spec.daemonize) changed("libvirt runs QEMU in the background itself: daemonize is not in the XML", ["daemonize"]);
  if (spec.incoming !== undefined)
    changed("libvirt starts an incoming migration itself (virsh migrate, virsh restore): incoming is not in the XML", ["incoming"]);
  (spec.globals ?? []).forEach((_, i) =>
    pass("libvirt has no -global: it goes through <qemu:commandline>", ["globals", i], optionsAt(["globals", i])),
  );
  // qemuProperties: QEMU merges a second -machine/-name/-smp/... into the first.
  for (const o of options) {
    // qemuProperties.devices are <address> or <qemu:override> (below), or in their device's passthrough.
    const extra = (o.props ?? []).filter((p) => p.path?.[0] === "qemuProperties" && p.path[1] !== "devices");
    if (extra.length === 0) continue;
    const path = o.path[0] === "qemuProperties" ? o.path : (extra[0].path as SpecPath).slice(0, 2);
    pass(`libvirt has no field for qemuProperties.${String(path[1])}: they go through <qemu:commandline> as another ${o.flag}`, path, [
      { flag: o.flag, props: extra.map((p) => ({ ...p, implied: false })), path },
    ]);
  }
  (spec.extraArgs ?? []).forEach((_, i) => {
    const opts = options.filter((o) => o.extra && o.path[0] === "extraArgs" && o.path[1] === i);
    if (opts.length) pass("libvirt cannot say extraArgs: they go through <qemu:commandline>", ["extraArgs", i], opts);
  });

  // VGA without an option ROM, as the command line has it (romfile=): the x86 VGA BIOS never runs
  // on aarch64, and Debian's QEMU fails to find it. libvirt 9.0's <video> has no <rom>, so this
  // one vmspec choice (not a spec value) is a <qemu:override> of the device libvirt creates.
  const vgaRom = d !== undefined && d.type !== "none" && (d.video ?? "std") === "std";
  // The QEMU device each named spec device is, for the types of its properties.
  const qomTypeOf = (name: string): string => {
    const disk = spec.disks?.find((x) => x.name === name);
    if (disk) return { "virtio-blk": "virtio-blk-pci", "virtio-scsi": "scsi-hd", "usb-storage": "usb-storage" }[disk.bus ?? "virtio-blk"];
    const cd = spec.cdroms?.find((x) => x.name === name);
    if (cd) return cd.bus === "usb-storage" ? "usb-storage" : "scsi-cd";
    const nic = spec.networks?.find((x) => x.name === name);
    if (nic) return { virtio: "virtio-net-pci", e1000: "e1000", e1000e: "e1000e", rtl8139: "rtl8139" }[nic.model ?? "virtio"];
    return spec.hostDevices?.some((x) => x.name === name) ? "vfio-pci" : "usb-host";
  };
  const overrides: { alias: string; props: { name: string; type: string; value: string; path: SpecPath }[] }[] = [];
  if (vgaRom) overrides.push({ alias: "ua-video0", props: [{ name: "romfile", type: "string", value: "", path: ["display"] }] });
  for (const [name, map] of Object.entries(devProps)) {
    const a = aliasOf.get(name);
    if (a === undefined || libvirtPassesThrough(spec, name)) continue; // no such device (undefined-reference), or in its passthrough
    const props = Object.entries(map ?? {})
      .filter(([key]) => key !== "bus" && key !== "addr")
      .map(([key, value]) => {
        const path: SpecPath = ["qemuProperties", "devices", name, key];
        return { name: key, ...qemuOverrideProperty(qomTypeOf(name), key, value, path), path };
      });
    if (props.length) overrides.push({ alias: a, props });
  }
  if (passthrough.length || overrides.length) root.att("xmlns:qemu", LIBVIRT_QEMU_NS);
  if (passthrough.length) {
    const cl = root.ele(LIBVIRT_QEMU_NS, "qemu:commandline");
    for (const p of passthrough) for (const w of p.words) cl.ele(LIBVIRT_QEMU_NS, "qemu:arg").att("value", checkAttr(w, p.path));
  }
  if (overrides.length) {
    const ov = root.ele(LIBVIRT_QEMU_NS, "qemu:override");
    for (const o of overrides) {
      const fe = ov.ele(LIBVIRT_QEMU_NS, "qemu:device").att("alias", o.alias).ele(LIBVIRT_QEMU_NS, "qemu:frontend");
      for (const p of o.props)
        fe.ele(LIBVIRT_QEMU_NS, "qemu:property")
          .att("name", checkAttr(p.name, p.path))
          .att("type", p.type)
          .att("value", checkAttr(p.value, p.path));
    }
  }
  let xml: string;
  try {
    xml = root.end({ prettyPrint: true, headless: true, wellFormed: true }).replace(/\uE000/g, "&amp;");
  } catch (e) {
    throw new EmitError(`libvirt XML cannot hold this value: ${(e as Error).message}`);
  }
  return { xml: xml + "\n", notes };
}
