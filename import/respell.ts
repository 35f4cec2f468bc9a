// Hand-written spellings of what a spec field says, respelled as vmspec writes it before the
// fields are mapped (import.ts), as renameBlockdevNodes does for -blockdev chains. A script
// written by hand names its back ends as its author likes (`-object memory-backend-ram,id=m0`,
// `-chardev socket,id=s0`, `-drive if=none,id=d0`), leaves ids out (`-device usb-host,...`), and
// uses QEMU's shorthands (`-serial telnet:host:port,server,nowait`, `restrict=yes`,
// `hostfwd=tcp::2222-:22`); QEMU starts the same devices either way (ids are not seen by the
// guest). Each respelling is a group: when any option it made stays raw after mapping, the whole
// group is undone (`skip`), so that extraArgs keep the input's spelling. What cannot be respelled
// because the spec cannot say it gets its true reason (`why`).
import { prop, type Prop, type QemuOption } from "../qemu/options.js";
import { serialShorthand } from "./equivalence.js";
import {
  chardevArg,
  chardevOfArg,
  busOf,
  deviceId,
  DISPLAY_SECRET_ID,
  driveId,
  netId,
  numaMemdevId,
  SCSI_CONTROLLER_ID,
  SERIAL_ARG,
  SERIAL_CHARDEV_ID,
  TPM_CHARDEV_ID,
  TPM_DEVICE_ID,
  TPMDEV_ID,
  USB_CONTROLLER_ID,
  usbInputId,
  VIDEO_ID,
} from "../compiler/ids.js";
import { NIC_DRIVER } from "../compiler/sections/network.js";
import { VIDEO_DRIVER } from "../compiler/sections/display.js";

const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
const USB_CONTROLLERS = new Set(["qemu-xhci", "nec-usb-xhci", "usb-ehci", "pci-ohci"]);
const USB_INPUT_DRIVERS: Record<string, "tablet" | "keyboard" | "mouse"> = {
  "usb-tablet": "tablet",
  "usb-kbd": "keyboard",
  "usb-mouse": "mouse",
};
const DISK_DEVICES = new Set(["virtio-blk-pci", "scsi-hd", "scsi-cd", "usb-storage"]);
const SCSI_DEVICES = new Set(["scsi-hd", "scsi-cd"]);
const NIC_DEVICES = new Set<string>(Object.values(NIC_DRIVER));
const VIDEO_DEVICES = new Set<string>(Object.values(VIDEO_DRIVER));
/** QEMU's spellings of a boolean (qapi_bool_parse): yes/true/y are on, no/false/n are off. */
const BOOL: Record<string, string> = { on: "on", yes: "on", true: "on", y: "on", off: "off", no: "off", false: "off", n: "off" };

/** A respelling: each original option and what stands in its place. */
export interface Respelling {
  /** The group's key (for `skip`): the first original's place. */
  key: number;
  what: string;
  /** Original option → its replacement options (one, or more in its place). */
  replace: Map<QemuOption, QemuOption[]>;
  /** What the header should say when the group maps (an id that became vmspec's). */
  note?: string;
}

export interface RespellResult {
  options: QemuOption[];
  groups: Respelling[];
  /** For options seen but not respelled: the true reason the spec cannot say them. */
  why: Map<QemuOption, string>;
}

/** `o` with property `key` set to `value` (added at the end when missing), or removed with undefined. */
function set(o: QemuOption, changes: Record<string, string | undefined>): QemuOption {
  const props: Prop[] = [];
  const done = new Set<string>();
  for (const p of o.props ?? []) {
    if (!(p.key in changes)) {
      props.push(p);
      continue;
    }
    done.add(p.key);
    const v = changes[p.key];
    if (v !== undefined)
      props.push({ key: p.key, value: v, ...(p.implied ? { implied: true } : {}), ...(p.range ? { range: p.range } : {}) });
  }
  for (const [key, value] of Object.entries(changes)) if (!done.has(key) && value !== undefined) props.push({ key, value });
  return { ...o, props };
}

/** How many properties of all options hold `value` (as an id or a reference). */
function uses(options: QemuOption[], value: string): number {
  let n = 0;
  for (const o of options) for (const p of o.props ?? []) if (p.value === value || p.value === `${value}.0`) n++;
  for (const o of options) if (o.raw === chardevArg(value)) n++;
  return n;
}

const idTaken = (options: QemuOption[], id: string) => options.some((o) => prop(o, "id") === id || prop(o, "node-name") === id);

/**
 * The respellings of `options` (in place; a group whose key is in `skip` is left as written) and
 * the reasons for what could not be respelled.
 */
export function respell(options: QemuOption[], skip: ReadonlySet<number> = new Set()): RespellResult {
  const groups: Respelling[] = [];
  const why = new Map<QemuOption, string>();
  const place = new Map(options.map((o, i) => [o, i]));
  const claimed = new Set<QemuOption>();
  // Ids given out by this pass (so that two groups do not take the same one).
  const given = new Set<string>();
  const free = (id: string, own?: string) => id === own || (!idTaken(options, id) && !given.has(id));
  const add = (what: string, replace: Map<QemuOption, QemuOption[]>, note?: string) => {
    const originals = [...replace.keys()];
    if (originals.some((o) => claimed.has(o))) return;
    // Nothing to respell: the input is written as vmspec writes it already.
    const same = (a: QemuOption, b: QemuOption[]) =>
      b.length === 1 && a.raw === b[0].raw && JSON.stringify(a.props) === JSON.stringify(b[0].props);
    if ([...replace].every(([a, b]) => same(a, b))) return;
    const key = Math.min(...originals.map((o) => place.get(o)!));
    if (skip.has(key)) return;
    for (const o of originals) claimed.add(o);
    for (const r of replace.values()) for (const x of r) for (const p of x.props ?? []) if (p.key === "id") given.add(p.value);
    groups.push({ key, what, replace, ...(note ? { note } : {}) });
  };
  const devices = options.filter((o) => o.flag === "-device");
  const only = <T>(list: T[]): T | undefined => (list.length === 1 ? list[0] : undefined);

  // NUMA: each memory backend a -numa node uses gets vmspec's id ram-node<i>; a node without
  // nodeid= gets the one QEMU gives it (the next, in order).
  const nodes = options.filter((o) => o.flag === "-numa" && prop(o, "type") === "node");
  if (nodes.length) {
    const replace = new Map<QemuOption, QemuOption[]>();
    const renamed: string[] = [];
    let ok = true;
    nodes.forEach((node, i) => {
      const memdev = prop(node, "memdev");
      if (prop(node, "mem") !== undefined)
        why.set(
          node,
          "-numa node,mem= (memory QEMU splits off the guest's RAM itself, which newer machine types refuse) has no field: numa[].memory is a memory backend per node (memdev=)",
        );
      if (memdev === undefined || (prop(node, "nodeid") ?? String(i)) !== String(i)) return void (ok = false);
      const backend = options.find((o) => o.flag === "-object" && prop(o, "id") === memdev);
      if (!backend || uses(options, memdev) !== 2 || !free(numaMemdevId(i), memdev)) return void (ok = false);
      replace.set(backend, [set(backend, { id: numaMemdevId(i) })]);
      replace.set(node, [set(node, { nodeid: String(i), memdev: numaMemdevId(i) })]);
      if (memdev !== numaMemdevId(i)) renamed.push(`${memdev} → ${numaMemdevId(i)}`);
    });
    for (const o of options.filter((x) => x.flag === "-numa" && prop(x, "type") === "cpu"))
      why.set(
        o,
        "-numa cpu (a CPU placed by socket/core/thread) has no field: numa[].cpus gives each node its CPUs by number (-numa node,cpus=)",
      );
    if (ok && replace.size && [...replace].some(([a, [b]]) => a !== b && JSON.stringify(a.props) !== JSON.stringify(b.props)))
      add(
        "NUMA nodes",
        replace,
        renamed.length
          ? `The NUMA nodes' memory backends get vmspec's ids (${renamed.join(", ")}): the guest does not see them.`
          : undefined,
      );
  }

  // A serial port in -serial's own spelling: tcp:host:port,server,nowait or telnet:...
  const serials = options.filter((o) => o.flag === "-serial");
  const serial = only(serials);
  const legacy = serial?.raw !== undefined ? /^(tcp|telnet):([^:,]*):(\d+)((?:,[^,]*)*)$/.exec(serial.raw) : null;
  // -serial stdio / pty / null / file:<path>: QEMU's shorthand for the chardev vmspec writes.
  const simple = serial?.raw !== undefined ? /^(stdio|pty|null|file:(.+))$/.exec(serial.raw) : null;
  const serialRef = serial?.raw !== undefined ? chardevOfArg(serial.raw) : undefined;
  if (serial && simple && free(SERIAL_CHARDEV_ID)) {
    const backend = simple[2] !== undefined ? "file" : simple[1];
    add(
      "serial port",
      new Map([[serial, asChardev(serial)]]),
      `-serial ${serial.raw} is QEMU's shorthand for a chardev: the spec's serial port writes it as -chardev ${backend},id=${SERIAL_CHARDEV_ID}${simple[2] !== undefined ? ",path=..." : ""} -serial ${SERIAL_ARG} (QEMU names it serial0 either way).`,
    );
  } else if (serial && legacy) {
    const [, kind, host, , rest] = legacy;
    const flags = rest.split(",").filter(Boolean);
    const server = flags.some((f) => f === "server" || /^server=(on|yes|true)$/.test(f));
    const unknown = flags.filter((f) => !/^(server(=(on|yes|true))?|nowait|wait=(on|off|yes|no|true|false))$/.test(f));
    if (host === "")
      why.set(
        serial,
        `-serial ${serial.raw}: an empty host listens on every address of the host, IPv4 and IPv6, which serial.host (one address, 127.0.0.1 unless set) cannot say: write the address (0.0.0.0 for every IPv4 address)`,
      );
    else if (!server)
      why.set(serial, `-serial ${serial.raw}: a client connection (no server) has no field: serial type ${kind} is a server on host:port`);
    else if (unknown.length) why.set(serial, `-serial ${serial.raw}: ${unknown.join(", ")} has no field in serial`);
    else if (free(SERIAL_CHARDEV_ID) && serialShorthand(serial.raw!)) {
      add(
        "serial port",
        new Map([[serial, asChardev(serial)]]),
        `-serial ${serial.raw} is QEMU's shorthand for a chardev socket: the spec's serial port writes it as -chardev socket,id=${SERIAL_CHARDEV_ID},... -serial ${SERIAL_ARG} (QEMU names it serial0 either way).`,
      );
    }
  } else if (serial && serialRef !== undefined) {
    // -chardev ...,id=s0 + -serial chardev:s0: the chardev gets vmspec's id (a serial port has no name).
    const id = serialRef;
    const c = options.find((o) => o.flag === "-chardev" && prop(o, "id") === id);
    if (c && uses(options, id) === 2 && free(SERIAL_CHARDEV_ID, id)) {
      const fixed = socketBooleans(set(c, { id: SERIAL_CHARDEV_ID }));
      if (id !== SERIAL_CHARDEV_ID || JSON.stringify(fixed.props) !== JSON.stringify(c.props))
        add(
          "serial port",
          new Map([
            [c, [fixed]],
            [serial, [{ ...serial, raw: SERIAL_ARG }]],
          ]),
          id !== SERIAL_CHARDEV_ID
            ? `The serial port's chardev ${id} becomes ${SERIAL_CHARDEV_ID}, vmspec's id for it (the spec's serial port has no name; the guest does not see the id).`
            : undefined,
        );
    }
  }

  // A software TPM: -chardev socket to swtpm, -tpmdev emulator on it, the TPM device.
  const tpmdev = only(options.filter((o) => o.flag === "-tpmdev"));
  if (tpmdev && prop(tpmdev, "type") === "emulator") {
    const tid = prop(tpmdev, "id");
    const cid = prop(tpmdev, "chardev");
    const c = cid !== undefined ? options.find((o) => o.flag === "-chardev" && prop(o, "id") === cid) : undefined;
    const dev = only(devices.filter((o) => tid !== undefined && prop(o, "tpmdev") === tid));
    const did = dev && prop(dev, "id");
    if (
      tid &&
      cid &&
      c &&
      dev &&
      uses(options, cid) === 2 &&
      uses(options, tid) === 2 &&
      free(TPMDEV_ID, tid) &&
      free(TPM_CHARDEV_ID, cid) &&
      free(TPM_DEVICE_ID, did)
    ) {
      const renamed = [
        [tid, TPMDEV_ID],
        [cid, TPM_CHARDEV_ID],
        [did ?? "(none)", TPM_DEVICE_ID],
      ].filter(([a, b]) => a !== b);
      if (renamed.length)
        add(
          "TPM",
          new Map([
            [c, [set(c, { id: TPM_CHARDEV_ID })]],
            [tpmdev, [set(tpmdev, { id: TPMDEV_ID, chardev: TPM_CHARDEV_ID })]],
            [dev, [set(dev, { tpmdev: TPMDEV_ID, id: TPM_DEVICE_ID })]],
          ]),
          `The TPM's ids become vmspec's (${renamed.map(([a, b]) => `${a} → ${b}`).join(", ")}): the spec's TPM has no name.`,
        );
    }
  }

  // The USB controller (one) gets vmspec's id, and the USB devices its bus; a usb-host without an
  // id gets a name, the input devices vmspec's ids.
  const controller = only(devices.filter((o) => USB_CONTROLLERS.has(prop(o, "driver") ?? "")));
  if (controller) {
    const uid = prop(controller, "id");
    const onBus = (o: QemuOption) => {
      const bus = prop(o, "bus");
      return bus === undefined || (uid !== undefined && bus === busOf(uid));
    };
    const usbDevices = devices.filter((o) => prop(o, "driver") === "usb-host" || (prop(o, "driver") ?? "") in USB_INPUT_DRIVERS);
    if (
      free(USB_CONTROLLER_ID, uid) &&
      usbDevices.every(onBus) &&
      (uid === undefined || uses(options, uid) === 1 + usbDevices.filter((o) => prop(o, "bus") !== undefined).length)
    ) {
      const replace = new Map<QemuOption, QemuOption[]>([[controller, [set(controller, { id: USB_CONTROLLER_ID })]]]);
      const named: string[] = [];
      let n = 0;
      let ok = true;
      for (const d of usbDevices) {
        const input = USB_INPUT_DRIVERS[prop(d, "driver") ?? ""];
        let id = prop(d, "id");
        if (input) {
          if (!free(usbInputId(input), id)) ok = false;
          id = usbInputId(input);
        } else if (id === undefined) {
          do id = `usbhost${++n}`;
          while (!free(id));
          given.add(id);
          named.push(
            `${id} (${prop(d, "vendorid") ?? prop(d, "hostbus") ?? ""}${prop(d, "productid") ? `:${prop(d, "productid")}` : prop(d, "hostaddr") ? `-${prop(d, "hostaddr")}` : ""})`,
          );
        } else if (!NAME.test(id)) ok = false;
        replace.set(d, [set(d, { bus: busOf(USB_CONTROLLER_ID), id })]);
      }
      if (ok)
        add(
          "USB",
          replace,
          named.length
            ? `USB host devices without an id are named ${named.join(", ")} (the spec names each; QEMU's id becomes that name).`
            : undefined,
        );
    }
  }

  // Disks and CD-ROMs: -drive if=none,id=X + one disk device with drive=X. The device's id (or,
  // without one, the drive's) becomes the spec's name; the drive's id is drive-<name>. A CD-ROM
  // drive is read-only (QEMU makes media=cdrom read-only itself). SCSI devices go on the one
  // virtio-scsi controller, which gets vmspec's id.
  const scsi = only(devices.filter((o) => prop(o, "driver") === "virtio-scsi-pci"));
  const sid = scsi && prop(scsi, "id");
  const scsiDevices = devices.filter((o) => SCSI_DEVICES.has(prop(o, "driver") ?? ""));
  const scsiOk =
    scsi !== undefined &&
    free(SCSI_CONTROLLER_ID, sid) &&
    scsiDevices.every((o) => prop(o, "bus") === undefined || (sid !== undefined && prop(o, "bus") === busOf(sid)));
  const scsiReplace = new Map<QemuOption, QemuOption[]>();
  if (scsi && scsiOk && sid !== SCSI_CONTROLLER_ID) scsiReplace.set(scsi, [set(scsi, { id: SCSI_CONTROLLER_ID })]);
  for (const drive of options.filter((o) => o.flag === "-drive" && prop(o, "if") === "none")) {
    const x = prop(drive, "id");
    const dev = x === undefined ? undefined : only(devices.filter((o) => prop(o, "drive") === x));
    if (!x || !dev || !DISK_DEVICES.has(prop(dev, "driver") ?? "") || uses(options, x) !== 2) continue;
    const name = prop(dev, "id") ?? x;
    const isScsi = SCSI_DEVICES.has(prop(dev, "driver") ?? "");
    if (!NAME.test(name) || !free(driveId(name), x) || (isScsi && !scsiOk)) continue;
    if (prop(dev, "id") === undefined && !free(deviceId(name), x)) continue;
    const cdrom = prop(drive, "media") === "cdrom";
    const d = set(drive, { id: driveId(name), ...(cdrom && prop(drive, "readonly") === undefined ? { readonly: "on" } : {}) });
    // A SCSI disk's device_id (the identification the guest reads, VPD page 0x83) defaults to the
    // drive's id: written out, so that the new id does not change it (qemuProperties.devices).
    const deviceIdProp = isScsi && prop(dev, "device_id") === undefined && x !== driveId(name) ? { device_id: x } : {};
    const v = set(dev, {
      drive: driveId(name),
      id: deviceId(name),
      ...(isScsi ? { bus: busOf(SCSI_CONTROLLER_ID) } : {}),
      ...deviceIdProp,
    });
    const replace = new Map<QemuOption, QemuOption[]>([
      [drive, [d]],
      [dev, [v]],
    ]);
    if (isScsi) for (const [a, b] of scsiReplace) replace.set(a, b);
    if (JSON.stringify([d.props, v.props]) === JSON.stringify([drive.props, dev.props]) && !isScsi) continue;
    add(
      cdrom ? `CD-ROM ${name}` : `disk ${name}`,
      replace,
      name !== prop(dev, "id") || x !== driveId(name)
        ? `The drive ${x} is the ${cdrom ? "CD-ROM" : "disk"} named ${name} (its -drive id becomes ${driveId(name)})${
            "device_id" in deviceIdProp
              ? `; its SCSI device_id, which the guest reads and which was the drive's id, stays ${x} (qemuProperties.devices)`
              : ""
          }.`
        : undefined,
    );
    // The controller belongs to one group only: the next SCSI drive finds it renamed already.
    if (isScsi) scsiReplace.clear();
  }

  // Networks: -netdev user|tap|bridge,id=N + one NIC with netdev=N. The NIC's id (or, without one,
  // the netdev's) becomes the network's name; the netdev's id is net-<name>. restrict=yes is on;
  // hostfwd=tcp::2222-:22 (no host address) listens on 0.0.0.0, as slirp reads it.
  for (const netdev of options.filter((o) => o.flag === "-netdev")) {
    const n = prop(netdev, "id");
    const type = prop(netdev, "type");
    const nic = n === undefined ? undefined : only(devices.filter((o) => prop(o, "netdev") === n));
    if (
      !n ||
      !nic ||
      !NIC_DEVICES.has(prop(nic, "driver") ?? "") ||
      !["user", "tap", "bridge"].includes(type ?? "") ||
      uses(options, n) !== 2
    )
      continue;
    const name = prop(nic, "id") ?? n;
    if (!NAME.test(name) || !free(netId(name), n) || (prop(nic, "id") === undefined && !free(deviceId(name), n))) continue;
    const props: Prop[] = [];
    let bad: string | undefined;
    for (const p of netdev.props ?? []) {
      if (p.key === "id") props.push({ ...p, value: netId(name) });
      else if (p.key === "restrict" && (p.bare || BOOL[p.value])) props.push({ key: p.key, value: p.bare ? "on" : BOOL[p.value] });
      else if (p.key === "hostfwd") {
        const m = /^(tcp|udp)?:([^:]*|\[[^\]]*\]):(\d+)-([^:]*):(\d+)$/.exec(p.value);
        if (m && m[2].startsWith("["))
          bad = `hostfwd=${p.value}: QEMU 7.2's user network forwards from IPv4 addresses only ("Bad host address"), and so does networks[].forwards[].hostAddress on a user network (backend passt takes IPv6)`;
        else if (m && m[4] !== "")
          bad = `hostfwd=${p.value}: a guest address has no field (networks[].forwards[] forward to the guest's DHCP address)`;
        else if (m) props.push({ ...p, value: `${m[1] ?? "tcp"}:${m[2] === "" ? "0.0.0.0" : m[2]}:${m[3]}-:${m[5]}` });
        else props.push(p);
      } else props.push(p);
    }
    if (bad) {
      why.set(netdev, bad);
      continue;
    }
    add(
      `network ${name}`,
      new Map([
        [netdev, [{ ...netdev, props }]],
        [nic, [set(nic, { netdev: netId(name), id: deviceId(name) })]],
      ]),
      name !== prop(nic, "id") || n !== netId(name)
        ? `The netdev ${n} is the network named ${name} (its -netdev id becomes ${netId(name)}).`
        : undefined,
    );
  }

  // A graphical console: the one video device gets vmspec's id, and the secret a -vnc/-spice
  // password-secret= names gets vmspec's id (its format is raw, QEMU's default).
  const video = only(devices.filter((o) => VIDEO_DEVICES.has(prop(o, "driver") ?? "")));
  const server = only(options.filter((o) => o.flag === "-vnc" || o.flag === "-spice"));
  const anyVnc = server?.flag === "-vnc" ? prop(server, "vnc") : undefined;
  if (server && anyVnc !== undefined && /^:\d+$/.test(anyVnc))
    why.set(
      server,
      `-vnc ${anyVnc}: no host listens on every address of the host, IPv4 and IPv6, which display.listen (one address, 127.0.0.1 unless set) cannot say: write the address (0.0.0.0:${anyVnc.slice(1)} for every IPv4 address)`,
    );
  else if (server && !video)
    why.set(
      server,
      `display writes ${server.flag} with the video device it shows (VGA, virtio-gpu-pci, qxl-vga or ramfb), and this command line has none (or several)`,
    );
  // An I/O thread is written with the disk that names it.
  for (const o of options.filter((x) => x.flag === "-object" && prop(x, "qom-type") === "iothread"))
    why.set(
      o,
      "an I/O thread is disks[].iothread, written with the virtio-blk disk or virtio-scsi controller that names it: that device stays in extraArgs (or none names it)",
    );
  if (video && server) {
    const vid = prop(video, "id");
    const sec = prop(server, "password-secret");
    const secret =
      sec !== undefined
        ? options.find((o) => o.flag === "-object" && prop(o, "qom-type") === "secret" && prop(o, "id") === sec)
        : undefined;
    const replace = new Map<QemuOption, QemuOption[]>();
    if (free(VIDEO_ID, vid) && (vid === undefined || uses(options, vid) === 1) && vid !== VIDEO_ID)
      replace.set(video, [set(video, { id: VIDEO_ID })]);
    if (secret && sec && uses(options, sec) === 2 && free(DISPLAY_SECRET_ID, sec) && (prop(secret, "format") ?? "raw") === "raw") {
      replace.set(secret, [set(secret, { id: DISPLAY_SECRET_ID, format: "raw" })]);
      replace.set(server, [set(server, { "password-secret": DISPLAY_SECRET_ID })]);
    }
    const vnc = server.flag === "-vnc" ? prop(server, "vnc") : undefined;
    // websocket=on is port 5700 + the display number.
    const ws = server.flag === "-vnc" ? prop(server, "websocket") : undefined;
    const display = vnc !== undefined ? /:(\d+)$/.exec(vnc) : null;
    if (ws !== undefined && BOOL[ws] === "on" && display) {
      const base = replace.get(server)?.[0] ?? server;
      replace.set(server, [set(base, { websocket: String(5700 + Number(display[1])) })]);
    }
    if (replace.size)
      add("display", replace, vid !== undefined && vid !== VIDEO_ID ? `The video device ${vid} gets vmspec's id ${VIDEO_ID}.` : undefined);
  }

  // PCIe root ports: pci.rootPorts writes rp1 ... rpN in slot 1 of the root bus, one function each.
  for (const o of devices.filter((d) => prop(d, "driver") === "pcie-root-port"))
    why.set(
      o,
      "pci.rootPorts writes its ports as rp<i> with chassis=<i>, port=0x1<i-1> at addr=0x1.0x<i-1> of pcie.0 (multifunction): a root port named or placed otherwise has no field, and the devices on it stay with it",
    );

  const out: QemuOption[] = [];
  const replaced = new Map<QemuOption, QemuOption[]>();
  for (const g of groups) for (const [a, b] of g.replace) replaced.set(a, b);
  for (const o of options) out.push(...(replaced.get(o) ?? [o]));
  return { options: out, groups, why };
}

/** A chardev's properties with vmspec's serial chardev id after the backend. */
const withId = (props: Prop[]): Prop[] => [props[0], { key: "id", value: SERIAL_CHARDEV_ID }, ...props.slice(1)];

/** A `-serial` shorthand as the spec's serial port writes it: its chardev, then `-serial chardev:serial0`. */
function asChardev(serial: QemuOption): QemuOption[] {
  const chardev: QemuOption = { flag: "-chardev", props: withId(serialShorthand(serial.raw!)!), path: serial.path, range: serial.range };
  return [chardev, { ...serial, raw: SERIAL_ARG }];
}

/** A chardev socket's boolean properties as vmspec writes them: `server` is server=on, `nowait` wait=off, yes/no on/off. */
function socketBooleans(c: QemuOption): QemuOption {
  if (prop(c, "backend") !== "socket") return c;
  const props: Prop[] = [];
  for (const p of c.props ?? []) {
    if (p.key === "nowait" && (p.bare || BOOL[p.value] === "on")) props.push({ key: "wait", value: "off" });
    else if (["server", "wait", "telnet", "logappend"].includes(p.key) && (p.bare || BOOL[p.value]))
      props.push({ key: p.key, value: p.bare ? "on" : BOOL[p.value] });
    else props.push(p);
  }
  return { ...c, props };
}
