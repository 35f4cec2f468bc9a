// A spec → a KubeVirt `kubevirt.io/v1` VirtualMachine manifest (YAML) for an arm64 cluster.
//
// Two functions share one walk over the spec: `kubevirtGaps` lists what a VirtualMachine cannot
// say (each at its spec path, for the `kubevirt-unexpressible` rule), and `emitKubevirt` writes the
// manifest. Settings KubeVirt can say but refuses on arm64 (a BIOS bootloader, a CPU model, a USB
// disk bus, a watchdog, a VGA/QXL video, hugepages) are written as KubeVirt would be told them:
// the `kubevirt-*` rules report them, and `build` writes nothing while they do. The volume rule and
// everything else is documented in docs/kubevirt.md.
import { Document } from "yaml";
import type { SpecPath } from "../../spec/nodes.js";
import type { VmSpec } from "../../spec/types.js";
import { parseSize } from "../../spec/size.js";
import { bootIndex } from "../bootorder.js";
import { EmitError } from "./argv.js";

/** How disk files become volumes: a PersistentVolumeClaim per disk, or a DataVolume template per disk. */
export const KUBEVIRT_VOLUME_MODES = ["pvc", "dataVolume"] as const;
export type KubevirtVolumeMode = (typeof KUBEVIRT_VOLUME_MODES)[number];

/** KubeVirt's run strategies (VirtualMachineSpec.runStrategy). */
export const KUBEVIRT_RUN_STRATEGIES = ["Always", "RerunOnFailure", "Manual", "Halted", "Once"] as const;
export type KubevirtRunStrategy = (typeof KUBEVIRT_RUN_STRATEGIES)[number];

export interface KubevirtOptions {
  volumes?: KubevirtVolumeMode;
  runStrategy?: KubevirtRunStrategy;
}

/** Something the spec says that a VirtualMachine cannot: the rule's message id and its data. */
export interface KubevirtGap {
  path: SpecPath;
  messageId: KubevirtGapId;
  data: Record<string, string>;
}

export type KubevirtGapId = "field" | "value" | "name" | "secondPodNetwork";

/** A Kubernetes name (RFC 1123 label): what pod volume names, claim names and VM names must be. */
const K8S_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Each spec field a VirtualMachine has no place for, with what KubeVirt offers instead. */
const NO_FIELD: Partial<Record<keyof VmSpec, string>> = {
  kernel: "KubeVirt boots a kernel only from a container image (firmware.kernelBoot), not from host files",
  console: "KubeVirt has no virtio console; the serial console is reached with virtctl console",
  shares: "KubeVirt shares folders over virtiofs from a PVC, ConfigMap or Secret (devices.filesystems), not over 9p from a host folder",
  hostDevices:
    "KubeVirt passes through devices by the resource name a cluster admin permits (devices.hostDevices), not by host PCI address",
  pvpanic: "KubeVirt has no pvpanic device on arm64 (devices.panicDevices are hyperv and isa)",
  globals: "a VirtualMachine cannot set QEMU -global properties",
  qemuProperties: "a VirtualMachine cannot add properties to QEMU options",
  extraArgs: "a VirtualMachine cannot pass raw QEMU arguments",
  incoming: "KubeVirt migrates a VM itself (VirtualMachineInstanceMigration); a VM cannot wait for an incoming migration",
};

type GapFn = (path: SpecPath, why: string) => void;
type ValueGapFn = (path: SpecPath, v: unknown, why: string) => void;

/**
 * How the spec's I/O threads become KubeVirt's (pkg/virt-launcher/virtwrap/converter: only virtio
 * disks get one; a disk with `dedicatedIOThread` gets its own, every other virtio disk shares one
 * thread once any disk has one): a thread named by one disk is that disk's dedicated thread; the
 * disks naming the same thread share KubeVirt's one shared thread (`ioThreadsPolicy: shared`).
 */
function kubevirtIoThreads(spec: VmSpec): { dedicated: Set<number>; shared?: string; policy?: "shared" } {
  const users = new Map<string, number[]>();
  spec.disks?.forEach((d, i) => {
    if (d.iothread === undefined || (d.bus ?? "virtio-blk") !== "virtio-blk") return;
    users.set(d.iothread, [...(users.get(d.iothread) ?? []), i]);
  });
  const dedicated = new Set<number>();
  let shared: string | undefined;
  for (const [thread, disks] of users) {
    if (disks.length === 1) dedicated.add(disks[0]);
    else shared ??= thread;
  }
  return { dedicated, ...(shared !== undefined ? { shared, policy: "shared" as const } : {}) };
}

/** The issue-20 admin fields: what a VirtualMachine maps (I/O threads, the serial log, swtpm) and why the rest cannot be said. */
function adminGaps(spec: VmSpec, field: GapFn, value: ValueGapFn): void {
  const threads = kubevirtIoThreads(spec);
  spec.disks?.forEach((d, i) => {
    if (d.detectZeroes !== undefined && d.detectZeroes !== "off")
      value(["disks", i, "detectZeroes"], d.detectZeroes, "KubeVirt's disks have no detect-zeroes setting (v1.Disk has none)");
    if (d.throttle !== undefined)
      field(
        ["disks", i, "throttle"],
        "KubeVirt's disks have no I/O limits (v1.Disk has no iotune): limit I/O with the storage class (the CSI driver's QoS)",
      );
    if (d.iothread !== undefined) {
      if ((d.bus ?? "virtio-blk") !== "virtio-blk")
        field(["disks", i, "iothread"], "KubeVirt gives I/O threads to virtio disks only, not to SCSI or USB disks");
      else if (!threads.dedicated.has(i) && d.iothread !== threads.shared)
        field(
          ["disks", i, "iothread"],
          `KubeVirt has one shared I/O thread (ioThreadsPolicy: shared), here ${threads.shared}: name that thread, or a thread of this disk's own (dedicatedIOThread)`,
        );
    }
  });
  // NUMA: refused on arm64 by kubevirt-numa at each -numa option the nodes compile to.
  const serial = spec.serial;
  if (serial && (serial.type === "tcp" || serial.type === "telnet"))
    value(
      ["serial", "type"],
      serial.type,
      "KubeVirt's serial console is reached with virtctl console through the cluster's API, not on a TCP port of the host",
    );
  if (serial?.logAppend)
    field(
      ["serial", "logAppend"],
      "KubeVirt's serial console log (logSerialConsole, the guest-console-log container) lives in the VM's virt-launcher pod: it starts empty with each start",
    );
  spec.networks?.forEach((n, i) => {
    if (n.restrict)
      field(
        ["networks", i, "restrict"],
        "KubeVirt's masquerade binding has no guest-isolated mode: restrict the pod's traffic with a Kubernetes NetworkPolicy",
      );
    if (n.backend === "passt")
      field(
        ["networks", i, "backend"],
        "KubeVirt runs the pod network itself (masquerade, or its passt binding plugin where a cluster admin registered it): there is no passt socket to name; reach forwarded ports through a Service",
      );
    if (n.helper !== undefined)
      field(["networks", i, "helper"], "KubeVirt's bridge binding attaches to a Multus network in the pod: there is no host bridge helper");
  });
  spec.usb?.host?.forEach((_, i) =>
    field(
      ["usb", "host", i],
      "KubeVirt passes a host USB device through by a resource name a cluster admin permits (the KubeVirt CR's permittedHostDevices.usb selects vendor and product; the VM names the resource in devices.hostDevices), not by vendor/product or bus/address in the VM",
    ),
  );
  if (spec.pci?.rootPorts !== undefined)
    field(
      ["pci", "rootPorts"],
      "KubeVirt and libvirt lay out the PCIe topology, root ports included: a VirtualMachine has no field for it",
    );
  const tpm = spec.tpm;
  if (tpm && (tpm.type ?? "passthrough") === "passthrough")
    field(["tpm"], "KubeVirt offers an emulated vTPM (devices.tpm, tpm.type: emulator), not a host TPM passed through");
  if (tpm?.type === "emulator" && tpm.socket !== undefined)
    field(["tpm", "socket"], "KubeVirt runs swtpm itself, in the VM's virt-launcher pod: there is no socket to name");
  // VNC's password, password file, WebSocket port and TLS: KubeVirt's API reaches and authenticates
  // VNC (virtctl vnc); kubevirt-host-setting says each is left out.
}

/** Lists what the spec says that a KubeVirt VirtualMachine cannot express (arm64 refusals excluded: their own rules). */
export function kubevirtGaps(spec: VmSpec): KubevirtGap[] {
  const gaps: KubevirtGap[] = [];
  const field = (path: SpecPath, why: string) => gaps.push({ path, messageId: "field", data: { field: path.join("."), why } });
  const value = (path: SpecPath, v: unknown, why: string) =>
    gaps.push({ path, messageId: "value", data: { field: path.join("."), value: String(v), why } });
  const name = (path: SpecPath, n: string, what: string) => {
    if (!K8S_NAME.test(n)) gaps.push({ path, messageId: "name", data: { name: n, what } });
  };

  name(["name"], spec.name, "the VirtualMachine's name");
  adminGaps(spec, field, value);
  for (const [key, why] of Object.entries(NO_FIELD) as [keyof VmSpec, string][])
    if (spec[key] !== undefined && spec[key] !== false) field([key], why);
  if (spec.accel === "tcg")
    value(
      ["accel"],
      "tcg",
      "KubeVirt runs VMs with KVM; software emulation is a cluster-wide setting (developerConfiguration.useEmulation)",
    );
  if (spec.machine?.gicVersion !== undefined) field(["machine", "gicVersion"], "KubeVirt chooses the GIC version");
  if (spec.cpu?.maxCount !== undefined) field(["cpu", "maxCount"], "vmspec does not map vCPU hot-plug to KubeVirt's maxSockets");
  if (spec.memory.prealloc) field(["memory", "prealloc"], "KubeVirt has no memory preallocation setting");
  spec.disks?.forEach((d, i) => {
    name(["disks", i, "name"], d.name, "a disk's name (it names the volume)");
    if (d.cache === "directsync" || d.cache === "unsafe")
      value(["disks", i, "cache"], d.cache, "KubeVirt's disk cache modes are none, writethrough and writeback");
  });
  spec.cdroms?.forEach((c, i) => {
    name(["cdroms", i, "name"], c.name, "a CD-ROM's name (it names the volume)");
    if (c.file === undefined) field(["cdroms", i], "an empty CD-ROM tray: every KubeVirt disk is backed by a volume");
  });
  let pod: number | undefined;
  spec.networks?.forEach((n, i) => {
    name(["networks", i, "name"], n.name, "a network's name");
    if (n.type === "tap")
      value(
        ["networks", i, "type"],
        "tap",
        "KubeVirt connects interfaces to the pod network or to Multus networks, not to a host tap device",
      );
    if (n.type === "user") {
      if (pod !== undefined)
        gaps.push({ path: ["networks", i, "type"], messageId: "secondPodNetwork", data: { first: spec.networks![pod].name } });
      else pod = i;
      n.forwards?.forEach((f, j) => {
        if (f.hostAddress !== undefined)
          field(
            ["networks", i, "forwards", j, "hostAddress"],
            "the forwarded ports are opened on the pod's address; reach them through a Service",
          );
      });
    }
    if (n.bridge !== undefined) name(["networks", i, "bridge"], n.bridge, "a bridge's name (it names the Multus network)");
  });
  if (spec.display) {
    const t = spec.display.type;
    if (t === "spice" || t === "gtk" || t === "sdl")
      value(["display", "type"], t, "KubeVirt offers VNC through its API (virtctl vnc), not SPICE or a local window");
  }
  // The guest clock: KubeVirt's domain.clock is UTC or a named timezone, on the host's clock.
  if (spec.rtc?.base !== undefined && spec.rtc.base !== "utc")
    value(
      ["rtc", "base"],
      spec.rtc.base,
      "KubeVirt's clock starts at UTC or in a named timezone (domain.clock.timezone), not at the host's local time or a date",
    );
  if (spec.rtc?.clock !== undefined && spec.rtc.clock !== "host")
    value(["rtc", "clock"], spec.rtc.clock, "KubeVirt's guest clock follows the host's clock");
  if (spec.serial?.type === "file")
    value(
      ["serial", "type"],
      "file",
      "KubeVirt's serial console is reached with virtctl console (logSerialConsole logs it for the cluster)",
    );
  if (spec.rng?.source !== undefined && spec.rng.source !== "/dev/urandom")
    value(["rng", "source"], spec.rng.source, "KubeVirt feeds virtio-rng from /dev/urandom");
  if (spec.balloon?.deflateOnOom) field(["balloon", "deflateOnOom"], "KubeVirt's memory balloon has no deflate-on-OOM setting");
  if (spec.usb?.controller !== undefined && spec.usb.controller !== "xhci")
    value(["usb", "controller"], spec.usb.controller, "KubeVirt attaches USB input devices to its own xHCI controller");
  // KubeVirt's v1.Input: "Supported values: tablet".
  for (const k of ["keyboard", "mouse"] as const) if (spec.usb?.[k]) field(["usb", k], "KubeVirt's only input device is a tablet");
  for (const k of ["manufacturer", "product", "version", "sku", "family"] as const)
    if (spec.smbios?.[k] !== undefined)
      field(["smbios", k], "KubeVirt sets SMBIOS system strings for the whole cluster (the KubeVirt CR's smbios), per VM only the serial");
  return gaps;
}

/** A Kubernetes quantity for a byte count: the largest binary unit that divides it exactly. */
export function quantity(bytes: number): string {
  for (const [suffix, unit] of [
    ["Ti", 1024 ** 4],
    ["Gi", 1024 ** 3],
    ["Mi", 1024 ** 2],
    ["Ki", 1024],
  ] as const) {
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/** The name of the claim (or DataVolume) that holds a disk's or CD-ROM's file: `<vm>-<device>`. */
export function claimName(spec: VmSpec, device: string): string {
  return `${spec.name}-${device}`;
}

type Obj = Record<string, unknown>;

/** The manifest as a plain object (keys in the order written). Throws EmitError for a build option the spec cannot meet. */
export function kubevirtManifest(spec: VmSpec, opts: KubevirtOptions = {}): Obj {
  const mode = opts.volumes ?? "pvc";
  const labels = { "kubevirt.io/vm": spec.name };

  const cpu: Obj = { model: spec.cpu?.model === undefined || spec.cpu.model === "host" ? "host-passthrough" : spec.cpu.model };
  const { sockets, cores, threads, count } = spec.cpu ?? {};
  if (sockets !== undefined || cores !== undefined || threads !== undefined) {
    cpu.sockets = sockets ?? 1;
    cpu.cores = cores ?? 1;
    cpu.threads = threads ?? 1;
  } else {
    cpu.sockets = 1;
    cpu.cores = count ?? 1;
    cpu.threads = 1;
  }

  const memory: Obj = { guest: quantity(parseSize(spec.memory.size) ?? 0) };
  // Refused on arm64 (kubevirt-hugepages); written as asked: 2 MiB pages, the usual hugetlbfs size.
  if (spec.memory.hugepages) memory.hugepages = { pageSize: "2Mi" };

  const firmware: Obj = {
    bootloader: spec.firmware?.bios !== undefined ? { bios: {} } : { efi: { secureBoot: false } },
  };
  if (spec.uuid !== undefined) firmware.uuid = spec.uuid;
  if (spec.smbios?.serial !== undefined) firmware.serial = spec.smbios.serial;

  const disks: Obj[] = [];
  const volumes: Obj[] = [];
  const dataVolumeTemplates: Obj[] = [];
  const volumeFor = (device: string, readOnly: boolean, size: string | undefined, path: SpecPath) => {
    const claim = claimName(spec, device);
    if (mode === "pvc") {
      volumes.push({ name: device, persistentVolumeClaim: { claimName: claim, ...(readOnly ? { readOnly: true } : {}) } });
      return;
    }
    const bytes = size === undefined ? undefined : parseSize(size);
    if (bytes === undefined)
      throw new EmitError(`a DataVolume needs a size: give ${path.join(".")} (${device}) a size, or build with --volumes pvc`, path);
    dataVolumeTemplates.push({
      metadata: { name: claim },
      spec: { source: { upload: {} }, storage: { resources: { requests: { storage: quantity(bytes) } } } },
    });
    volumes.push({ name: device, dataVolume: { name: claim } });
  };
  // KubeVirt's bootOrder starts at 1 (QEMU's bootindex at 0): each bootable device gets its rank
  // among the spec's boot indexes (its own bootindex, else its place in boot.order).
  const bootable = [...(spec.disks ?? []), ...(spec.cdroms ?? []), ...(spec.networks ?? [])];
  const indexes = [...new Set(bootable.flatMap((d) => bootIndex(spec, d.name, d.bootindex) ?? []))].sort((a, b) => a - b);
  const bootOrder = (name: string, own: number | undefined): Obj => {
    const i = bootIndex(spec, name, own);
    return i === undefined ? {} : { bootOrder: indexes.indexOf(i) + 1 };
  };
  const io = kubevirtIoThreads(spec);
  spec.disks?.forEach((d, i) => {
    const bus = d.bus === "virtio-scsi" ? "scsi" : d.bus === "usb-storage" ? "usb" : "virtio";
    disks.push({
      name: d.name,
      disk: { bus, ...(d.readonly ? { readonly: true } : {}) },
      ...bootOrder(d.name, d.bootindex),
      ...(io.dedicated.has(i) ? { dedicatedIOThread: true } : {}),
      ...(d.cache === "none" || d.cache === "writethrough" || d.cache === "writeback" ? { cache: d.cache } : {}),
      ...(d.aio !== undefined ? { io: d.aio } : {}),
      ...(d.serial !== undefined ? { serial: d.serial } : {}),
    });
    volumeFor(d.name, d.readonly === true, d.size, ["disks", i]);
  });
  spec.cdroms?.forEach((c, i) => {
    disks.push({
      name: c.name,
      cdrom: { bus: c.bus === "usb-storage" ? "usb" : "scsi", readonly: true },
      ...bootOrder(c.name, c.bootindex),
    });
    // An ISO has no size in the spec: it is always a claim (uploaded once, read-only).
    if (mode === "dataVolume")
      volumes.push({ name: c.name, persistentVolumeClaim: { claimName: claimName(spec, c.name), readOnly: true } });
    else volumeFor(c.name, true, undefined, ["cdroms", i]);
  });

  const interfaces: Obj[] = [];
  const networks: Obj[] = [];
  for (const n of spec.networks ?? []) {
    const common = {
      ...(n.model !== undefined ? { model: n.model } : {}),
      ...(n.mac !== undefined ? { macAddress: n.mac.toLowerCase() } : {}),
      ...bootOrder(n.name, n.bootindex),
    };
    if (n.type === "user") {
      const ports: Obj[] = [];
      const seen = new Set<string>();
      for (const f of n.forwards ?? []) {
        const protocol = (f.protocol ?? "tcp").toUpperCase();
        if (seen.has(`${protocol}/${f.guestPort}`)) continue;
        seen.add(`${protocol}/${f.guestPort}`);
        ports.push({ port: f.guestPort, protocol });
      }
      interfaces.push({ name: n.name, masquerade: {}, ...(ports.length ? { ports } : {}), ...common });
      networks.push({ name: n.name, pod: {} });
    } else {
      interfaces.push({ name: n.name, bridge: {}, ...common });
      networks.push({ name: n.name, multus: { networkName: n.bridge ?? n.name } });
    }
  }

  const devices: Obj = {
    ...(disks.length ? { disks } : {}),
    ...(interfaces.length ? { interfaces } : {}),
    // vmspec adds nothing it was not asked for: no NIC, console, display or balloon unless the spec has one.
    autoattachPodInterface: false,
    autoattachSerialConsole: spec.serial !== undefined && spec.serial.type !== "null",
    autoattachGraphicsDevice: spec.display !== undefined && spec.display.type !== "none",
    autoattachMemBalloon: spec.balloon !== undefined,
  };
  // The serial log: KubeVirt keeps it in the pod's guest-console-log container (kubectl logs), not in a host file.
  if (devices.autoattachSerialConsole && spec.serial?.logfile !== undefined) devices.logSerialConsole = true;
  // swtpm: KubeVirt runs it in the pod and adds a TPM 2.0 (tpm-tis, tpm-tis-device on arm64). Not
  // persistent: KubeVirt's persistent vTPM is the tpm-crb model, which qemu-system-aarch64 lacks.
  if (spec.tpm?.type === "emulator") devices.tpm = {};
  if (spec.rng) devices.rng = {};
  if (spec.display && spec.display.type !== "none" && spec.display.video !== undefined) {
    const v = spec.display.video;
    devices.video = { type: v === "virtio-gpu" ? "virtio" : v === "std" ? "vga" : v };
  }
  const inputs: Obj[] = [];
  if (spec.usb?.tablet) inputs.push({ name: "tablet", type: "tablet", bus: "usb" });
  if (inputs.length) devices.inputs = inputs;
  // Refused on arm64 (kubevirt-watchdog); written as asked.
  if (spec.watchdog) devices.watchdog = { name: "watchdog", i6300esb: { action: spec.watchdog.action ?? "reset" } };

  const domain: Obj = {
    ...(spec.machine?.type !== undefined ? { machine: { type: spec.machine.type } } : {}),
    cpu,
    memory,
    firmware,
    ...(spec.rtc ? { clock: { utc: {} } } : {}),
    ...(io.policy ? { ioThreadsPolicy: io.policy } : {}),
    devices,
  };
  const vmSpec: Obj = {
    runStrategy: opts.runStrategy ?? "Always",
    ...(dataVolumeTemplates.length ? { dataVolumeTemplates } : {}),
    template: {
      metadata: { labels },
      spec: {
        architecture: "arm64",
        domain,
        ...(networks.length ? { networks } : {}),
        ...(volumes.length ? { volumes } : {}),
      },
    },
  };
  return { apiVersion: "kubevirt.io/v1", kind: "VirtualMachine", metadata: { name: spec.name }, spec: vmSpec };
}

/**
 * The manifest as YAML: block style, no anchors, every string quoted where YAML 1.1 or 1.2 would
 * read it as something else. kubectl reads YAML 1.1, where an all-digit MAC address such as
 * 52:54:00:12:34:56 is a base-60 number and `on` a boolean: written as 1.1, they come out quoted.
 */
export function emitKubevirt(spec: VmSpec, opts: KubevirtOptions = {}): string {
  const doc = new Document(kubevirtManifest(spec, opts), { version: "1.1", aliasDuplicateObjects: false });
  return doc.toString({ lineWidth: 0 });
}
