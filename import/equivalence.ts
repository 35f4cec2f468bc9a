// When two command lines are the same VM: the same options with the same properties, and the
// options whose order QEMU reads as an address or an index (see orderClass) in the same order.
// Normalised, because QEMU does not care about them: the order of other options, the order of
// properties, `key=value` against JSON spelling, an implied first value against its key, `-m`'s
// size and a memory backend's size in bytes, and the names of ids (and every reference to them).
import { chardevArg, chardevOfArg } from "../compiler/ids.js";
import { prop, type Prop, type QemuOption } from "../qemu/options.js";

/** An `-m` size in bytes, as QEMU reads it (a bare number is MiB); undefined when it is not one. */
export function memoryBytes(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kKmMgGtT]?)[iI]?[bB]?$/.exec(v);
  if (!m) return undefined;
  const unit = { "": 2 ** 20, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase()]!;
  return Number(m[1]) * unit;
}

const ID_KEYS = new Set(["id", "node-name"]);
/**
 * Properties that hold free text, never a reference, even when it equals an id: libvirt's SCSI
 * `device_id=drive-scsi0-0-0-0` beside a node an import names `drive-scsi0-0-0-0`.
 */
const TEXT_KEYS = new Set(["device_id", "serial"]);

/** Options that fill numbered places in turn, each counting on its own (`-drive if=pflash` and `-pflash` share one). */
const COUNTED = new Set([
  "-net",
  "-nic",
  "-serial",
  "-parallel",
  "-usbdevice",
  "-numa",
  "-virtfs",
  "-global",
  "-sd",
  "-mtdblock",
  "-virtioconsole",
]);
/** A `-device` with no bus, or on the root bus, takes the next free place of the bus its kind plugs into. */
const DEFAULT_BUSES = new Set(["pcie.0", "pci.0"]);

/**
 * The class of options among which QEMU reads the order as an address or an index, or undefined
 * when an option's place on the command line does not matter:
 * - `-device`, per bus: a device without `addr=` takes the next free PCI slot, SCSI id, USB port or
 *   virtio-serial port number, so swapping two devices swaps their addresses (and the guest's
 *   `vda`/`vdb`, `eth0`/`eth1`). Devices without `bus=` (or on the root bus) are one class,
 *   since which bus they land on depends on their kind.
 * - `-drive` per interface, except `if=none` (such a drive is only a back end found by its id):
 *   `if=pflash` units, `if=virtio` slots and `if=scsi` ids are numbered in order. `-pflash` counts
 *   with `-drive if=pflash`.
 * - the options that number their places in turn: `-net`/`-nic` (NIC slots), `-serial` and
 *   `-parallel` (port numbers), `-numa` (node ids), `-usbdevice`, `-virtfs`, `-sd`, `-mtdblock`,
 *   and `-global` (a later value for the same property wins).
 * Back ends found by id (`-netdev`, `-chardev`, `-blockdev`, `-object`, `-fsdev`) and monitors
 * can stand anywhere.
 */
export function orderClass(o: QemuOption): string | undefined {
  if (o.flag === "-device") {
    const bus = prop(o, "bus");
    return bus === undefined || DEFAULT_BUSES.has(bus) ? "-device" : `-device bus=${bus}`;
  }
  if (o.flag === "-drive") {
    const iface = prop(o, "if");
    return iface === "none" ? undefined : `-drive if=${iface ?? "(default)"}`;
  }
  if (o.flag === "-pflash") return "-drive if=pflash";
  return COUNTED.has(o.flag) ? o.flag : undefined;
}

/**
 * One line per option, in a canonical form, in the options' order. Ids are renamed after what they
 * name: the option's flag and its other properties, with each reference to another id replaced by
 * what that id names in turn (so two raw -blockdev nodes over different files differ), so the
 * names given to ids do not matter; options alike but for their ids are told apart by order.
 */
export function canonicalOptions(options: QemuOption[]): string[] {
  const defs = new Map<string, QemuOption>();
  for (const o of options) for (const p of o.props ?? []) if (ID_KEYS.has(p.key) && !defs.has(p.value)) defs.set(p.value, o);
  // What an option is, without its ids; references through what they name (a cycle or a deep
  // chain stops at the id's mere presence).
  const shape = (o: QemuOption, depth: number, seen: Set<QemuOption>): string => {
    const props = (o.props ?? []).flatMap((p) => {
      if (ID_KEYS.has(p.key)) return [];
      const def = TEXT_KEYS.has(p.key) ? undefined : defs.get(p.value);
      if (!def) return [p];
      const inner = depth < 8 && !seen.has(def) ? shape(def, depth + 1, new Set([...seen, def])) : "";
      return [{ ...p, value: `{${inner}}` }];
    });
    return canonicalLine({ ...o, props });
  };
  const ids = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const o of options) {
    const own = (o.props ?? []).filter((p) => ID_KEYS.has(p.key));
    if (own.length === 0) continue;
    const what = shape(o, 0, new Set([o]));
    const n = seen.get(what) ?? 0;
    seen.set(what, n + 1);
    for (const p of own) if (!ids.has(p.value)) ids.set(p.value, `<${what}#${n}:${p.key}>`);
  }
  return options.map((o) => canonicalLine(o, ids));
}

/** One option in the canonical form; ids renamed through `ids` when given. */
export function canonicalLine(o: QemuOption, ids?: Map<string, string>): string {
  if (o.props) {
    const props = o.props.map((p) => {
      let v = p.bare ? "on" : p.value;
      if (o.flag === "-m" && p.key === "size") v = String(memoryBytes(v) ?? v);
      // A memory backend's size= is bytes unless a suffix says otherwise (libvirt writes bytes, vmspec 2G).
      else if (o.flag === "-object" && p.key === "size" && prop(o, "qom-type")?.startsWith("memory-backend-"))
        v = String(/^\d+$/.test(v) ? Number(v) : (memoryBytes(v) ?? v));
      return `${p.key}=${(TEXT_KEYS.has(p.key) ? undefined : ids?.get(v)) ?? v}`;
    });
    return `${o.flag} ${props.sort().join(",")}`;
  }
  if (o.raw === undefined) return o.flag;
  // -serial chardev:<id> (and -parallel, -monitor) names a chardev by its id.
  const ref = chardevOfArg(o.raw);
  return `${o.flag} ${ref !== undefined && ids?.has(ref) ? chardevArg(ids.get(ref)!) : o.raw}`;
}

export interface OptionDifference {
  /** Options only in the first list, as canonical lines. */
  onlyA: string[];
  /** Options only in the second list. */
  onlyB: string[];
  /** For each order class (see orderClass) whose options come in another order: the first place they differ. */
  order: string[];
}

/**
 * The chardev properties (without id) QEMU makes of a `-serial` shorthand it reads as a chardev
 * (`stdio`, `pty`, `null`, `file:<path>`, `tcp:<host>:<port>,server[,nowait]`, `telnet:...`), or
 * undefined: QEMU names that chardev serial<n>, as vmspec names its own (`-serial chardev:serial0`).
 */
export function serialShorthand(raw: string): Prop[] | undefined {
  const simple = /^(stdio|pty|null|file:(.+))$/.exec(raw);
  if (simple)
    return [
      { key: "backend", value: simple[2] !== undefined ? "file" : simple[1], implied: true },
      ...(simple[2] !== undefined ? [{ key: "path", value: simple[2] }] : []),
    ];
  const m = /^(tcp|telnet):([^:,]+):(\d+)((?:,[^,]*)*)$/.exec(raw);
  if (!m) return undefined;
  const flags = m[4].split(",").filter(Boolean);
  if (!flags.every((f) => /^(server(=(on|yes|true))?|nowait|wait=(on|off|yes|no|true|false))$/.test(f))) return undefined;
  if (!flags.some((f) => f.startsWith("server"))) return undefined;
  const wait = flags.some((f) => f === "nowait" || /^wait=(off|no|false)$/.test(f)) ? "off" : "on";
  return [
    { key: "backend", value: "socket", implied: true },
    { key: "host", value: m[2].replace(/^\[|\]$/g, "") },
    { key: "port", value: m[3] },
    { key: "server", value: "on" },
    { key: "wait", value: wait },
    ...(m[1] === "telnet" ? [{ key: "telnet", value: "on" }] : []),
  ];
}

/** `-serial <shorthand>` as the -chardev and `-serial chardev:` pair QEMU makes of it. */
function expandSerials(options: QemuOption[]): QemuOption[] {
  let n = 0;
  return options.flatMap((o) => {
    const props = o.flag === "-serial" && o.raw !== undefined ? serialShorthand(o.raw) : undefined;
    if (!props) return [o];
    const id = `(serial shorthand ${n++})`;
    return [
      { flag: "-chardev", props: [...props, { key: "id", value: id }], path: o.path },
      { ...o, raw: chardevArg(id) },
    ];
  });
}

/** The options in one list and not the other, and the classes in another order; all empty when equivalent. */
export function optionDifference(a: QemuOption[], b: QemuOption[]): OptionDifference {
  [a, b] = [expandSerials(a), expandSerials(b)];
  const left = canonicalOptions(a);
  const right = canonicalOptions(b);
  const order = orderDifference(a, left, b, right);
  const count = new Map<string, number>();
  for (const l of right) count.set(l, (count.get(l) ?? 0) + 1);
  const onlyA: string[] = [];
  for (const l of left) {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else onlyA.push(l);
  }
  const onlyB = [...count].flatMap(([l, n]) => Array<string>(n).fill(l));
  return { onlyA, onlyB, order };
}

/**
 * Per order class, the first place where the two lists' options differ. Compared with their ids
 * as written when both lists use the same ids (an import keeps them), else with renamed ids.
 */
function orderDifference(a: QemuOption[], left: string[], b: QemuOption[], right: string[]): string[] {
  const byClass = (options: QemuOption[], lines: string[]) => {
    const m = new Map<string, string[]>();
    options.forEach((o, i) => {
      const c = orderClass(o);
      if (c !== undefined) m.set(c, [...(m.get(c) ?? []), lines[i]]);
    });
    return m;
  };
  const sameItems = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join("\n") === [...y].sort().join("\n");
  const asWritten = [
    byClass(
      a,
      a.map((o) => canonicalLine(o)),
    ),
    byClass(
      b,
      b.map((o) => canonicalLine(o)),
    ),
  ];
  const renamed = [byClass(a, left), byClass(b, right)];
  const out: string[] = [];
  for (const c of new Set([...renamed[0].keys(), ...renamed[1].keys()])) {
    let [x, y] = [asWritten[0].get(c) ?? [], asWritten[1].get(c) ?? []];
    if (!sameItems(x, y)) [x, y] = [renamed[0].get(c) ?? [], renamed[1].get(c) ?? []];
    // Only an order difference: a missing or extra option is reported as such.
    if (!sameItems(x, y)) continue;
    const i = x.findIndex((line, k) => line !== y[k]);
    if (i >= 0) out.push(`${c}: place ${i + 1} holds ${x[i]} instead of ${y[i]}`);
  }
  return out;
}
