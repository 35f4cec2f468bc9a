// Spec fields made of several options: UEFI firmware (two pflash drives), disks and CD-ROMs
// (-drive + -device), networks (-netdev + NIC), a pty serial port (-chardev + -serial), and
// vmspec's own defaults. Each proposal is only a guess from the option shapes vmspec writes; the
// caller keeps it only when the spec compiles to exactly those options (see claim() in map.ts).
import { isAbsolute, join, relative, resolve } from "node:path";
import { prop, type QemuOption } from "../qemu/options.js";
import { safeStem } from "../compiler/context.js";
import { passtForwards } from "./passt.js";
import { THROTTLE_PROPS } from "../compiler/sections/storage.js";
import { NIC_DRIVER } from "../compiler/sections/network.js";
import { VIDEO_DRIVER } from "../compiler/sections/display.js";
import {
  AGENT_CHARDEV_ID,
  BALLOON_ID,
  CONSOLE_CHARDEV_ID,
  DISPLAY_SECRET_ID,
  driveId,
  fsdevId,
  MONITORS,
  monitorId,
  netId,
  PVPANIC_ID,
  RNG_OBJECT_ID,
  SCSI_CONTROLLER_ID,
  rootPortId,
  SERIAL_ARG,
  SERIAL_CHARDEV_ID,
  tagOfFsdevId,
  TPM_CHARDEV_ID,
  TPM_DEVICE_ID,
  TPMDEV_ID,
  USB_CONTROLLER_ID,
  USB_INPUTS,
  usbInputId,
  VIDEO_ID,
  WATCHDOG_ID,
} from "../compiler/ids.js";

/** A spec under construction: plain data, checked against the schema once it is built. */
export interface Spec {
  [key: string]: unknown;
}

/** The object at `spec[key]`, or undefined. */
export const sub = (spec: Spec, key: string): Spec | undefined => spec[key] as Spec | undefined;
/** The object at `spec[key]`, made empty when it is missing. */
export const field = (spec: Spec, key: string): Spec => (spec[key] ??= {}) as Spec;
/** The list at `spec[key]`, made empty when it is missing. */
export const items = (spec: Spec, key: string): Spec[] => (spec[key] ??= []) as Spec[];

/** A change to try, named for the reason an option stays raw when it fails. */
export interface Proposal {
  what: string;
  apply(spec: Spec): void;
  /** Tried only once nothing else maps (a device's own bootindex, when boot.order cannot hold it yet). */
  fallback?: boolean;
}

const has = (o: QemuOption, key: string, v: string) => prop(o, key) === v;

/** A path as the spec should hold it: relative to the spec's folder when it is inside it. */
export function specPath(path: string, baseDir: string): string {
  // Relative to "/" would only drop the leading slash: keep such paths absolute.
  if (!isAbsolute(path) || resolve(baseDir) === resolve("/")) return path;
  const rel = relative(baseDir, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** The network model of each -device driver: the compiler's table read backwards. */
const NIC_MODEL: Record<string, string> = Object.fromEntries(Object.entries(NIC_DRIVER).map(([model, driver]) => [driver, model]));
/** The video model of each -device driver. */
const VIDEO_MODEL: Record<string, string> = Object.fromEntries(Object.entries(VIDEO_DRIVER).map(([model, driver]) => [driver, model]));

/** Adds `name` to boot.order at the place its bootindex says (vmspec numbers the order from 1). */
function boot(spec: Spec, name: string, index: string | undefined): void {
  if (index === undefined) return;
  const b = field(spec, "boot");
  const order = (b.order ?? []) as string[];
  order[Number(index) - 1] = name;
  b.order = order;
}

/**
 * A device with a bootindex: proposed with its place in boot.order first, and with a `bootindex`
 * of its own second (for an index that leaves a hole in the order, or that the order cannot hold).
 */
export function withBoot(
  out: Proposal[],
  what: string,
  index: string | undefined,
  add: (s: Spec, own?: number) => void,
  name: string,
): void {
  out.push({
    what,
    apply: (s) => {
      add(s);
      boot(s, name, index);
    },
  });
  if (index !== undefined && /^\d+$/.test(index)) out.push({ what, apply: (s) => add(s, Number(index)), fallback: true });
}

/**
 * Puts the list items in the order their devices stand in the input: a field's items compile in
 * list order, so a disk claimed in a later round (after the one its boot order needed) still
 * keeps its slot.
 */
/** A disk's spec bus from the -device that holds it (undefined: not a disk device vmspec writes). */
export function diskBusOf(driver: string | undefined): "virtio-blk" | "virtio-scsi" | "usb-storage" | undefined {
  return driver === "virtio-blk-pci"
    ? "virtio-blk"
    : driver === "scsi-hd"
      ? "virtio-scsi"
      : driver === "usb-storage"
        ? "usb-storage"
        : undefined;
}

export function inPlace(list: Spec[], key: (item: Spec) => string, place: Map<string, number>): void {
  const at = (item: Spec) => place.get(key(item)) ?? Number.MAX_SAFE_INTEGER;
  list.sort((a, b) => at(a) - at(b));
}

/** The place in the input of each device with an id, and of each 9p device by its mount tag. */
export function devicePlaces(options: QemuOption[]): Map<string, number> {
  const place = new Map<string, number>();
  options.forEach((o, i) => {
    if (o.flag !== "-device") return;
    const id = prop(o, "id");
    if (id !== undefined && !place.has(id)) place.set(id, i);
    const tag = prop(o, "mount_tag");
    if (tag !== undefined && !place.has(`share:${tag}`)) place.set(`share:${tag}`, i);
  });
  options.forEach((o, i) => {
    if (o.flag === "-global") place.set(globalKey(Object.fromEntries((o.props ?? []).map((p) => [p.key, p.value]))), i);
  });
  return place;
}

const globalKey = (g: Spec) => `global:${String(g.driver)}.${String(g.property)}=${String(g.value)}`;

/**
 * A disk's detect-zeroes, throttling.* limits and I/O thread (from the device that carries it: the
 * virtio-blk device, or the virtio-scsi controller the disk shares); the claim checks the rest.
 */
function diskTuning(disk: Spec, drive: QemuOption, threaded: QemuOption | undefined): void {
  const zeroes = prop(drive, "detect-zeroes");
  if (zeroes !== undefined) disk.detectZeroes = zeroes;
  const throttle: Spec = {};
  for (const [key, qemuKey] of THROTTLE_PROPS) {
    const v = prop(drive, qemuKey);
    if (v !== undefined) throttle[key] = key === "group" || !/^\d+$/.test(v) ? v : Number(v);
  }
  if (Object.keys(throttle).length > 0) disk.throttle = throttle;
  const thread = threaded && prop(threaded, "iothread");
  if (thread !== undefined) disk.iothread = thread;
}

export function proposals(raw: QemuOption[], baseDir: string, vmName: string, place: Map<string, number> = devicePlaces(raw)): Proposal[] {
  const out: Proposal[] = [];
  const byName = (item: Spec) => String(item.name);
  // vmspec's defaults first, when the command line has them all (its default QMP monitor is not
  // then read as a monitor the spec names): the spec says nothing about them.
  out.push({
    what: "vmspec's defaults",
    apply: (s) => {
      delete s.defaults;
      if (s.sandbox === true) delete s.sandbox;
      const display = sub(s, "display");
      if (display?.type === "none" && Object.keys(display).length === 1) delete s.display;
    },
  });
  // The same without vmspec's QMP monitor, for a spec that turned it off.
  const withoutQmp = (s: Spec) => {
    if (sub(s, "monitors")?.qmp === undefined) s.monitors = { ...(sub(s, "monitors") ?? {}), qmp: false };
  };
  out.push({
    what: "vmspec's defaults",
    apply: (s) => {
      out[0].apply(s);
      withoutQmp(s);
    },
  });
  // And each with the CPU model left to vmspec when it is the one vmspec picks for the
  // accelerator (`host` with KVM, `max` or `cortex-a57` with TCG): taken only when it compiles to
  // the same -cpu, so the spec does not name a model its author never chose.
  const defaultModel = (s: Spec) => {
    const cpu = sub(s, "cpu");
    if (cpu?.model === undefined || (cpu.model as string).includes(",")) return;
    delete cpu.model;
    if (Object.keys(cpu).length === 0) delete s.cpu;
  };
  const [plain, quiet] = [out[0], out[1]];
  out.unshift(
    { what: "vmspec's defaults", apply: (s) => (plain.apply(s), defaultModel(s)) },
    { what: "vmspec's defaults", apply: (s) => (quiet.apply(s), defaultModel(s)) },
  );

  const code = raw.find((o) => o.flag === "-drive" && has(o, "if", "pflash") && has(o, "unit", "0"));
  const vars = raw.find((o) => o.flag === "-drive" && has(o, "if", "pflash") && has(o, "unit", "1"));
  if (code && vars && prop(code, "file") && prop(vars, "file")) {
    out.push({
      what: "UEFI firmware",
      apply: (s) => (s.firmware = { uefi: { code: specPath(prop(code, "file")!, baseDir), vars: specPath(prop(vars, "file")!, baseDir) } }),
    });
  }
  const scsiController = raw.find((o) => o.flag === "-device" && has(o, "id", SCSI_CONTROLLER_ID) && has(o, "driver", "virtio-scsi-pci"));
  for (const drive of raw.filter((o) => o.flag === "-drive" && has(o, "if", "none"))) {
    const id = prop(drive, "id");
    const dev = id && raw.find((o) => o.flag === "-device" && has(o, "drive", id));
    // A named device's id is its spec name (deviceId), and its back end's id is made from it.
    const name = dev && prop(dev, "id");
    const file = prop(drive, "file");
    if (!dev || !name || id !== driveId(name)) continue;
    const driver = prop(dev, "driver");
    if (prop(drive, "media") === "cdrom") {
      const bus = driver === "usb-storage" ? "usb-storage" : "virtio-scsi";
      withBoot(
        out,
        `CD-ROM ${name}`,
        prop(dev, "bootindex"),
        (s, own) => {
          items(s, "cdroms").push({
            name,
            // No file: an empty tray.
            ...(file !== undefined ? { file: specPath(file, baseDir) } : {}),
            ...(bus === "usb-storage" ? { bus } : {}),
            ...(own !== undefined ? { bootindex: own } : {}),
          });
          inPlace(items(s, "cdroms"), byName, place);
        },
        name,
      );
      continue;
    }
    const bus = diskBusOf(driver);
    if (!bus || !file) continue;
    const disk: Spec = { name, file: specPath(file, baseDir), format: prop(drive, "format") };
    if (bus !== "virtio-blk") disk.bus = bus;
    for (const key of ["cache", "aio", "serial"] as const) {
      const v = prop(key === "serial" ? dev : drive, key);
      if (v !== undefined) disk[key] = v;
    }
    const discard = prop(drive, "discard");
    if (discard !== undefined) disk.discard = discard === "unmap";
    if (prop(drive, "readonly") === "on") disk.readonly = true;
    diskTuning(disk, drive, bus === "virtio-scsi" ? scsiController : bus === "virtio-blk" ? dev : undefined);
    withBoot(
      out,
      `disk ${name}`,
      prop(dev, "bootindex"),
      (s, own) => {
        items(s, "disks").push(own !== undefined ? { ...disk, bootindex: own } : disk);
        inPlace(items(s, "disks"), byName, place);
      },
      name,
    );
  }
  for (const netdev of raw.filter((o) => o.flag === "-netdev")) {
    const id = prop(netdev, "id");
    const nic = id && raw.find((o) => o.flag === "-device" && has(o, "netdev", id));
    const name = nic && prop(nic, "id");
    const model = nic && NIC_MODEL[prop(nic, "driver") ?? ""];
    const type = prop(netdev, "type");
    // A stream to the socket of a passt command of the same script: a passt user network.
    const passt = type === "stream" && netdev.passt ? passtForwards(netdev.passt) : undefined;
    if (!nic || !name || !model || id !== netId(name)) continue;
    // The network as read, then (when the input names one) with the path written: vmspec's default,
    // which has no field, is tried first.
    const offer = (net: Spec, key: "socket" | "helper", path: string | undefined) => {
      for (const n of path !== undefined ? [net, { ...net, [key]: specPath(path, baseDir) }] : [net])
        withBoot(
          out,
          `network ${name}`,
          prop(nic, "bootindex"),
          (s, own) => {
            items(s, "networks").push(own !== undefined ? { ...n, bootindex: own } : n);
            inPlace(items(s, "networks"), byName, place);
          },
          name,
        );
    };
    if (passt) {
      if ("why" in passt) continue;
      const net: Spec = { name, type: "user", backend: "passt" };
      if (model !== "virtio") net.model = model;
      if (prop(nic, "mac")) net.mac = prop(nic, "mac");
      if (passt.forwards.length) net.forwards = passt.forwards;
      // vmspec's socket first (no field), then the one written.
      offer(net, "socket", prop(netdev, "addr.path"));
      continue;
    }
    if (type !== "user" && type !== "bridge" && type !== "tap") continue;
    // A tap the bridge helper makes is a bridge network (with vhost, which -netdev bridge lacks).
    const helperTap = type === "tap" && prop(netdev, "helper") !== undefined;
    const net: Spec = { name, type: helperTap ? "bridge" : type };
    if (model !== "virtio") net.model = model;
    if (prop(nic, "mac")) net.mac = prop(nic, "mac");
    if (type === "bridge" || helperTap) {
      net.bridge = prop(netdev, "br");
      const vhost = prop(netdev, "vhost");
      if (vhost === "on" || vhost === "off") net.vhost = vhost === "on";
    }
    const restrict = prop(netdev, "restrict");
    if (type === "user" && (restrict === "on" || restrict === "off")) net.restrict = restrict === "on";
    if (type === "tap" && !helperTap) {
      // vmspec's tap networks are set up outside QEMU (script=no,downscript=no); the claim checks the rest.
      if (prop(netdev, "ifname") !== undefined) net.ifname = prop(netdev, "ifname");
      const vhost = prop(netdev, "vhost");
      if (vhost === "on" || vhost === "off") net.vhost = vhost === "on";
      const queues = Number(prop(netdev, "queues"));
      if (Number.isInteger(queues) && queues > 0) net.queues = queues;
    }
    const forwards = (netdev.props ?? []).filter((p) => p.key === "hostfwd").map((p) => /^(tcp|udp):([^:]*):(\d+)-:(\d+)$/.exec(p.value));
    if (forwards.some((m) => !m)) continue;
    if (forwards.length) {
      net.forwards = forwards.map((m) => ({
        hostPort: Number(m![3]),
        guestPort: Number(m![4]),
        ...(m![1] !== "tcp" ? { protocol: m![1] } : {}),
        ...(m![2] !== "127.0.0.1" ? { hostAddress: m![2] } : {}),
      }));
    }
    // The bridge helper: the target's default first (no field), then the one written.
    offer(net, "helper", prop(netdev, "helper"));
  }
  // Character devices by vmspec's ids: the backend type, and its path when it has one.
  const backend = (id: string): Spec | undefined => {
    const c = raw.find((o) => o.flag === "-chardev" && has(o, "id", id));
    const type = c && prop(c, "backend");
    if (!c || !type) return undefined;
    const path = prop(c, "path");
    return path !== undefined ? { type, path: specPath(path, baseDir) } : { type };
  };
  const serial = backend(SERIAL_CHARDEV_ID);
  if (serial && raw.some((o) => o.flag === "-serial" && o.raw === SERIAL_ARG))
    out.push({ what: "serial port", apply: (s) => (s.serial = serial) });
  const console_ = backend(CONSOLE_CHARDEV_ID);
  if (console_ && raw.some((o) => has(o, "driver", "virtconsole"))) out.push({ what: "console", apply: (s) => (s.console = console_) });
  const agent = backend(AGENT_CHARDEV_ID);
  if (agent && raw.some((o) => has(o, "driver", "virtserialport"))) {
    out.push({ what: "guest agent", apply: (s) => (s.guestAgent = {}) });
    if (agent.path) out.push({ what: "guest agent", apply: (s) => (s.guestAgent = { socket: agent.path }) });
  }
  for (const kind of MONITORS) {
    const id = monitorId(kind);
    const c = raw.find((o) => o.flag === "-chardev" && has(o, "id", id));
    if (!c || !raw.some((o) => o.flag === "-mon" && has(o, "chardev", id))) continue;
    const path = prop(c, "path");
    // vmspec's default QMP socket belongs to its defaults, not to a monitor the spec names.
    if (kind === "qmp" && path === join(baseDir, `${safeStem(vmName)}.run`, `${id}.sock`)) continue;
    const host = prop(c, "host");
    const monitor = path ? { socket: specPath(path, baseDir) } : host !== undefined ? { tcp: `${host}:${prop(c, "port")}` } : undefined;
    if (monitor) out.push({ what: `${kind} monitor`, apply: (s) => (s.monitors = { ...(sub(s, "monitors") ?? {}), [kind]: monitor }) });
  }
  const rng = raw.find((o) => o.flag === "-object" && has(o, "id", RNG_OBJECT_ID) && has(o, "qom-type", "rng-random"));
  if (rng) {
    out.push({ what: "rng", apply: (s) => (s.rng = {}) });
    out.push({ what: "rng", apply: (s) => (s.rng = { source: specPath(prop(rng, "filename") ?? "", baseDir) }) });
  }
  const balloon = raw.find((o) => o.flag === "-device" && has(o, "id", BALLOON_ID) && has(o, "driver", "virtio-balloon-pci"));
  if (balloon) {
    const deflate = prop(balloon, "deflate-on-oom");
    out.push({ what: "balloon", apply: (s) => (s.balloon = deflate === undefined ? {} : { deflateOnOom: deflate === "on" }) });
  }
  const watchdog = raw.find((o) => o.flag === "-device" && has(o, "id", WATCHDOG_ID));
  const action = raw.find((o) => o.flag === "-watchdog-action");
  if (watchdog && action?.raw) {
    out.push({ what: "watchdog", apply: (s) => (s.watchdog = { action: action.raw }) });
    out.push({ what: "watchdog", apply: (s) => (s.watchdog = { model: prop(watchdog, "driver"), action: action.raw }) });
  }
  for (const fsdev of raw.filter((o) => o.flag === "-fsdev" && prop(o, "fsdriver") === "local")) {
    const tag = tagOfFsdevId(prop(fsdev, "id"));
    const path = prop(fsdev, "path");
    if (!tag || !path || !raw.some((o) => has(o, "fsdev", fsdevId(tag)) && has(o, "mount_tag", tag))) continue;
    const share: Spec = { tag, path: specPath(path, baseDir) };
    if (prop(fsdev, "security_model") !== "mapped-xattr") share.securityModel = prop(fsdev, "security_model");
    if (prop(fsdev, "readonly") === "on") share.readonly = true;
    out.push({
      what: `share ${tag}`,
      apply: (s) => {
        items(s, "shares").push(share);
        inPlace(items(s, "shares"), (x) => `share:${String(x.tag)}`, place);
      },
    });
  }
  for (const dev of raw.filter((o) => o.flag === "-device" && has(o, "driver", "vfio-pci"))) {
    const name = prop(dev, "id");
    const address = prop(dev, "host");
    if (!name || !address) continue;
    withBoot(
      out,
      `host device ${name}`,
      prop(dev, "bootindex"),
      (s, own) => {
        items(s, "hostDevices").push({ name, address, ...(own !== undefined ? { bootindex: own } : {}) });
        inPlace(items(s, "hostDevices"), byName, place);
      },
      name,
    );
  }
  // PCIe root ports rp1 ... rpN, as pci.rootPorts writes them.
  let ports = 0;
  while (
    raw.some(
      (o) => o.flag === "-device" && has(o, "id", rootPortId(ports + 1)) && ["pcie-root-port", "ioh3420"].includes(prop(o, "driver") ?? ""),
    )
  )
    ports++;
  if (ports > 0) out.push({ what: "PCIe root ports", apply: (s) => (s.pci = { rootPorts: ports }) });
  if (raw.some((o) => o.flag === "-device" && has(o, "id", PVPANIC_ID))) out.push({ what: "pvpanic", apply: (s) => (s.pvpanic = true) });
  const tpmdev = raw.find((o) => o.flag === "-tpmdev" && has(o, "type", "passthrough") && has(o, "id", TPMDEV_ID));
  if (tpmdev && raw.some((o) => o.flag === "-device" && has(o, "tpmdev", TPMDEV_ID) && has(o, "id", TPM_DEVICE_ID))) {
    const path = prop(tpmdev, "path");
    out.push({ what: "TPM", apply: (s) => (s.tpm = {}) });
    if (path !== undefined) out.push({ what: "TPM", apply: (s) => (s.tpm = { path: specPath(path, baseDir) }) });
  }
  // A software TPM: -tpmdev emulator on vmspec's chardev to swtpm's socket.
  const emulator = raw.find(
    (o) => o.flag === "-tpmdev" && has(o, "type", "emulator") && has(o, "id", TPMDEV_ID) && has(o, "chardev", TPM_CHARDEV_ID),
  );
  const swtpm = raw.find((o) => o.flag === "-chardev" && has(o, "id", TPM_CHARDEV_ID) && has(o, "backend", "socket"));
  const swtpmSocket = swtpm && prop(swtpm, "path");
  if (emulator && swtpmSocket !== undefined && raw.some((o) => o.flag === "-device" && has(o, "tpmdev", TPMDEV_ID))) {
    out.push({ what: "TPM", apply: (s) => (s.tpm = { type: "emulator" }) });
    out.push({ what: "TPM", apply: (s) => (s.tpm = { type: "emulator", socket: specPath(swtpmSocket, baseDir) }) });
  }
  for (const g of raw.filter((o) => o.flag === "-global")) {
    const [driver, property, value] = ["driver", "property", "value"].map((k) => prop(g, k));
    if (driver === undefined || property === undefined || value === undefined || g.props!.length !== 3) continue;
    out.push({
      what: "global",
      apply: (s) => {
        items(s, "globals").push({ driver, property, value });
        inPlace(items(s, "globals"), globalKey, place);
      },
    });
  }
  const usbController = raw.find((o) => o.flag === "-device" && has(o, "id", USB_CONTROLLER_ID));
  if (usbController) {
    const usb: Spec = {};
    for (const field of USB_INPUTS) if (raw.some((o) => has(o, "id", usbInputId(field)))) usb[field] = true;
    const controller = { "usb-ehci": "ehci", "pci-ohci": "ohci", "qemu-xhci": "xhci", "nec-usb-xhci": "xhci" }[
      prop(usbController, "driver") ?? ""
    ];
    out.push({ what: "USB", apply: (s) => (s.usb = usb) });
    if (controller) out.push({ what: "USB", apply: (s) => (s.usb = { controller, ...usb }) });
  }
  // Host USB devices: usb-host with vmspec's id (its spec name), on the controller's bus; the
  // controller comes with the first one when it has not been mapped yet.
  for (const dev of raw.filter((o) => o.flag === "-device" && has(o, "driver", "usb-host"))) {
    const name = prop(dev, "id");
    if (!name) continue;
    const host: Spec = { name };
    for (const [key, field] of [
      ["vendorid", "vendor"],
      ["productid", "product"],
    ] as const)
      if (prop(dev, key) !== undefined) host[field] = prop(dev, key);
    for (const [key, field] of [
      ["hostbus", "bus"],
      ["hostaddr", "address"],
    ] as const) {
      const v = prop(dev, key);
      if (v !== undefined) host[field] = /^\d+$/.test(v) ? Number(v) : v;
    }
    const controller =
      usbController &&
      { "usb-ehci": "ehci", "pci-ohci": "ohci", "qemu-xhci": "xhci", "nec-usb-xhci": "xhci" }[prop(usbController, "driver") ?? ""];
    const add = (s: Spec) => {
      const usb = field(s, "usb");
      items(usb, "host").push(host);
      inPlace(items(usb, "host"), byName, place);
    };
    out.push({ what: `USB host device ${name}`, apply: add });
    if (controller) out.push({ what: `USB host device ${name}`, apply: (s) => (add(s), (field(s, "usb").controller ??= controller)) });
  }
  // A graphical console: the server or display, and the video device vmspec pairs with it.
  const video = raw.find((o) => o.flag === "-device" && has(o, "id", VIDEO_ID));
  const videoKind = video && VIDEO_MODEL[prop(video, "driver") ?? ""];
  if (video && videoKind) {
    const spice = raw.find((o) => o.flag === "-spice");
    const vnc = raw.find((o) => o.flag === "-vnc");
    const gui = raw.find((o) => o.flag === "-display" && ["gtk", "sdl"].includes(prop(o, "type") ?? ""));
    const at = (listen: string | undefined, port: string | undefined, defaultPort: string): Spec => ({
      ...(listen && listen !== "127.0.0.1" ? { listen: listen.replace(/^\[|\]$/g, "") } : {}),
      ...(port && port !== defaultPort ? { port: Number(port) } : {}),
    });
    // display.passwordFile: the file of vmspec's secret object that password-secret= names.
    const secretFile = (id: string | undefined): string | undefined => {
      if (id !== DISPLAY_SECRET_ID) return undefined;
      const o = raw.find((x) => x.flag === "-object" && has(x, "id", id) && has(x, "qom-type", "secret") && has(x, "format", "raw"));
      const file = o && prop(o, "file");
      return file !== undefined ? specPath(file, baseDir) : undefined;
    };
    let display: Spec | undefined;
    if (spice) {
      const x509 = prop(spice, "x509-dir");
      display = { type: "spice", ...at(prop(spice, "addr"), prop(spice, x509 ? "tls-port" : "port"), "5930") };
      // Ticketing on (no disable-ticketing) is display.password; x509-dir with tls-port is display.tls.
      const file = secretFile(prop(spice, "password-secret"));
      if (file !== undefined) display.passwordFile = file;
      else if (prop(spice, "disable-ticketing") !== "on") display.password = true;
      if (x509) display.tls = { dir: specPath(x509, baseDir) };
    } else if (vnc) {
      const m = /^(.*):(\d+)$/.exec(prop(vnc, "vnc") ?? "");
      // display.port is the TCP port: -vnc takes the display number, port 5900 + n.
      if (m) {
        display = { type: "vnc", ...at(m[1], String(5900 + Number(m[2])), "5900") };
        if (prop(vnc, "password") === "on") display.password = true;
        const file = secretFile(prop(vnc, "password-secret"));
        if (file !== undefined) display.passwordFile = file;
        const websocket = prop(vnc, "websocket");
        if (websocket !== undefined && /^[1-9]\d*$/.test(websocket)) display.websocket = Number(websocket);
        const tlsId = prop(vnc, "tls-creds");
        const creds =
          tlsId !== undefined
            ? raw.find((o) => o.flag === "-object" && has(o, "id", tlsId) && has(o, "qom-type", "tls-creds-x509"))
            : undefined;
        const dir = creds && prop(creds, "dir");
        if (creds && dir)
          display.tls = { dir: specPath(dir, baseDir), ...(prop(creds, "verify-peer") === "on" ? { verifyClients: true } : {}) };
      }
    } else if (gui) display = { type: prop(gui, "type") };
    if (display) {
      const withVideo = videoKind === "std" ? display : { ...display, video: videoKind };
      out.push({ what: "display", apply: (s) => (s.display = withVideo) });
    }
  }
  const smbios = raw.find((o) => o.flag === "-smbios" && has(o, "type", "1"));
  if (smbios)
    out.push({
      what: "SMBIOS",
      apply: (s) => (s.smbios = Object.fromEntries((smbios.props ?? []).filter((p) => p.key !== "type").map((p) => [p.key, p.value]))),
    });
  const memPath = raw.find((o) => o.flag === "-mem-path");
  if (memPath?.raw)
    out.push({
      what: "huge pages",
      apply: (s) => (s.memory = { ...sub(s, "memory"), hugepages: memPath.raw === "/dev/hugepages" ? true : memPath.raw }),
    });
  if (raw.some((o) => o.flag === "-mem-prealloc"))
    out.push({ what: "preallocation", apply: (s) => (s.memory = { ...sub(s, "memory"), prealloc: true }) });
  return out;
}
