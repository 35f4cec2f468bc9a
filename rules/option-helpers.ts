// Small questions rules ask of QEMU options.
import { prop, type QemuOption, type Prop } from "../qemu/options.js";
import { IMAGE_FORMAT_DRIVERS } from "./data/qemu-devices.js";

/** The first (implied) value of an option: the driver of -device, the type of -machine, ... */
export function firstValue(o: QemuOption, key: string): string | undefined {
  return o.props?.find((p) => p.implied)?.value ?? prop(o, key) ?? o.raw;
}

/** The driver of a -device option. */
export function deviceDriver(o: QemuOption): string | undefined {
  return o.flag === "-device" ? firstValue(o, "driver") : undefined;
}

/** The machine type of a -machine option (-M is read as -machine). */
export function machineType(o: QemuOption): string | undefined {
  return o.flag === "-machine" ? firstValue(o, "type") : undefined;
}

/** The options that can choose an accelerator (what accelerators() reads). */
export const ACCEL_FLAGS = ["-enable-kvm", "-no-kvm", "-accel", "-machine"];

/** The accelerators an option asks for, in order (accel=kvm:tcg gives both). */
export function accelerators(o: QemuOption): string[] {
  if (o.flag === "-enable-kvm") return ["kvm"];
  if (o.flag === "-no-kvm") return ["tcg"];
  if (o.flag === "-accel") return (firstValue(o, "accel") ?? "").split(":").filter(Boolean);
  if (o.flag === "-machine") return (prop(o, "accel") ?? "").split(":").filter(Boolean);
  return [];
}

/** The accelerators QEMU tries for a whole command, in order, and the options that chose them. */
export interface AccelChoice {
  /** Empty when no option chooses one (QEMU 7.2 then runs TCG). */
  accels: string[];
  /** The last `-machine accel=` (or -enable-kvm, -no-kvm), else every `-accel`, in order. */
  from: QemuOption[];
}

/**
 * The accelerators QEMU 7.2 tries, as it reads a whole command: the `accel=` of the last
 * `-machine` that sets one (`-machine accel=kvm -machine accel=tcg` merge into TCG), where
 * -enable-kvm counts as a `-machine accel=kvm` standing where it stands (`-enable-kvm -machine
 * accel=tcg` runs TCG; the other order is refused without KVM) and -no-kvm as `accel=tcg`; without
 * one, the `-accel` options in order (`-accel kvm -accel tcg` falls back to TCG). QEMU refuses
 * both kinds together ("The -accel and "-machine accel=" options are incompatible").
 */
export function acceleratorChoice(options: readonly QemuOption[]): AccelChoice {
  let machine: QemuOption | undefined;
  let machineAccels: string[] = [];
  const accel: QemuOption[] = [];
  const accelList: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o.flag === "-accel") {
      accel.push(o);
      for (const a of accelerators(o)) accelList.push(a);
    } else if (o.flag === "-machine" || o.flag === "-enable-kvm" || o.flag === "-no-kvm") {
      const a = accelerators(o);
      if (a.length > 0) {
        machine = o;
        machineAccels = a;
      }
    }
  }
  return machine ? { accels: machineAccels, from: [machine] } : { accels: accelList, from: accel };
}

/** Whether an address only listens on this host. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.replace(/^\[|\]$/g, "");
  return a === "localhost" || a === "::1" || /^127\./.test(a) || a.startsWith("unix:");
}

/** The "file" of a -drive, -cdrom or similar option. */
/** The options that name a disk image (what imageFile() reads). */
const RAW_IMAGE_FLAGS = ["-cdrom", "-hda", "-hdb", "-hdc", "-hdd", "-fda", "-fdb", "-pflash", "-mtdblock", "-sd"];
export const IMAGE_FLAGS = ["-drive", "-blockdev", ...RAW_IMAGE_FLAGS];

export function imageFile(o: QemuOption): string | undefined {
  if (o.flag === "-drive") return prop(o, "file");
  if (RAW_IMAGE_FLAGS.includes(o.flag)) return o.raw;
  if (o.flag === "-blockdev") return prop(o, "filename") ?? prop(o, "file.filename");
  return undefined;
}

/** Whether a QEMU boolean property is on (on, true or yes). */
export const isOn = (v: string | undefined) => v === "on" || v === "true" || v === "yes";

/** An image file a -drive or -blockdev protocol node opens, and whether it opens it read-only. */
export interface ImageOpen {
  option: QemuOption;
  /** The property that names the file (`file` of -drive, `filename` of -blockdev). */
  key: "file" | "filename";
  file: string;
  readOnly: boolean;
}

/**
 * The local image files the -drive and -blockdev options open (network URLs left out), in order.
 * A -drive is read-only with readonly=on or as a CD-ROM; a -blockdev file node when it says
 * read-only=on, or when every node over it does (auto-read-only=on).
 */
export function imageOpens(options: readonly QemuOption[]): ImageOpen[] {
  // The -blockdev nodes over each file node: only when there is a -blockdev (most inputs have -drive only).
  let writableOver: Set<string> | undefined;
  let readOnlyOver: Set<string> | undefined;
  for (const o of options) {
    const child = o.flag === "-blockdev" ? prop(o, "file") : undefined;
    if (child !== undefined) (isOn(prop(o, "read-only")) ? (readOnlyOver ??= new Set()) : (writableOver ??= new Set())).add(child);
  }
  const out: ImageOpen[] = [];
  for (const o of options) {
    const blockdev = o.flag === "-blockdev";
    if (!blockdev && o.flag !== "-drive") continue;
    const key = blockdev ? "filename" : "file";
    let file: string | undefined;
    let readOnly: boolean;
    if (blockdev) {
      file = prop(o, key);
      if (!file || URL_LIKE.test(file)) continue;
      const node = prop(o, "node-name") ?? "";
      readOnly = isOn(prop(o, "read-only")) || (readOnlyOver?.has(node) === true && writableOver?.has(node) !== true);
    } else {
      // A -drive's file, readonly and media (the first of each, as prop() finds them) in one scan.
      let readonly: string | undefined;
      let media: string | undefined;
      const props = o.props ?? [];
      for (let i = 0; i < props.length; i++) {
        const p = props[i];
        if (p.key === "file") file ??= p.value;
        else if (p.key === "readonly") readonly ??= p.value;
        else if (p.key === "media") media ??= p.value;
      }
      if (!file || URL_LIKE.test(file)) continue;
      readOnly = isOn(readonly) || media === "cdrom";
    }
    out.push({ option: o, key, file, readOnly });
  }
  return out;
}

/** A network URL (`nbd://`, `https://`), not a local file. */
const URL_LIKE = /^[a-z+]+:\/\//;

/**
 * The properties of a -drive or -blockdev that choose an image format: -drive format=, and any
 * driver= or nested *.driver= (file.driver, backing.driver, JSON nodes) naming a format driver.
 */
export function formatProps(o: QemuOption): Prop[] {
  if (o.flag !== "-drive" && o.flag !== "-blockdev") return [];
  return (o.props ?? []).filter((p) =>
    o.flag === "-drive" && p.key === "format"
      ? true
      : (p.key === "driver" || p.key.endsWith(".driver")) && IMAGE_FORMAT_DRIVERS.includes(p.value),
  );
}
