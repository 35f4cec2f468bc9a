// Lookups over a profile's lists, built once per profile: what the statement says of an option,
// a device, a machine type or a monitor command. Readings of ambiguous entries are documented in
// docs/decisions.md.
import { aliasesOf, valuesOf, type OptionEntry } from "./data/extract.js";
import { PROFILES, DEFAULT_PROFILE, type ProfileData } from "./data/profiles.js";
import { DEVICE_ALIASES } from "./data/qemu-devices.js";
import { parseTarget, type QemuVersion } from "../qemu/targets.js";

export type Status = "supported" | "unsupported" | "unlisted";

/** Each glob pattern's expression, made on first use instead of on every match. */
const GLOBS = new Map<string, RegExp>();

function globMatch(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  let re = GLOBS.get(pattern);
  if (!re)
    GLOBS.set(
      pattern,
      (re = new RegExp(
        "^" +
          pattern
            .split("*")
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*") +
          "$",
      )),
    );
  return re.test(name);
}

/**
 * Typos of the statements' machine lists, read as what they mean (docs/decisions.md): every
 * SLES 15 statement writes `virtio-3.1` in its -M list where its -machine list has `virt-3.1`.
 */
export const MACHINE_ERRATA: Record<string, string> = { "virtio-3.1": "virt-3.1" };

/** -M and -machine are one option: the union of both lists, errata read. */
function machinesOf(entries: OptionEntry[]): string[] {
  const out: string[] = [];
  for (const v of [...valuesOf(entries, "-machine"), ...valuesOf(entries, "-M")]) {
    const m = MACHINE_ERRATA[v] ?? v;
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** [major, minor] of a versioned virt machine type (virt-6.1), else undefined. */
export function virtVersion(type: string): [number, number] | undefined {
  const m = /^virt-(\d+)\.(\d+)$/.exec(type);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export class Profile {
  readonly supportedOptions: Set<string>;
  readonly unsupportedOptions: Set<string>;
  private readonly supportedDevices: string[];
  private readonly unsupportedDevices: string[];
  readonly supportedMachines: string[];
  readonly unsupportedMachines: string[];

  constructor(readonly data: ProfileData) {
    const l = data.lists;
    this.supportedOptions = new Set(l.supportedOptions.map((o) => o.flag));
    this.unsupportedOptions = new Set(l.unsupportedOptions.map((o) => o.flag));
    this.supportedDevices = [...valuesOf(l.supportedOptions, "-device"), ...aliasesOf(l.supportedOptions, "-device")];
    this.unsupportedDevices = [...valuesOf(l.unsupportedOptions, "-device"), ...aliasesOf(l.unsupportedOptions, "-device")];
    this.supportedMachines = machinesOf(l.supportedOptions);
    this.unsupportedMachines = machinesOf(l.unsupportedOptions);
  }

  /**
   * What a spec's `machine.type: virt` (and the default) is compiled to: `virt` where the statement
   * supports it, else its newest supported versioned type (SLES 15 SP4 lists bare `virt` as
   * unsupported and supports virt-2.6 ... virt-6.1: `virt-6.1`; docs/decisions.md).
   */
  get virtMachine(): string {
    // Read for every spec compiled: worked out once (the lists do not change).
    return (this.virtMachineMemo ??= this.newestVirtMachine());
  }

  private virtMachineMemo: string | undefined;

  /** The profile's QEMU version (`data.qemu`) parsed, once: read for every file linted. */
  get qemuVersion(): QemuVersion {
    return (this.qemuVersionMemo ??= parseTarget(this.data.qemu)!);
  }

  private qemuVersionMemo: QemuVersion | undefined;

  private newestVirtMachine(): string {
    if (this.supportedMachines.includes("virt")) return "virt";
    const versioned = this.supportedMachines.filter((m) => virtVersion(m));
    versioned.sort((a, b) => {
      const [x, y] = [virtVersion(a)!, virtVersion(b)!];
      return x[0] - y[0] || x[1] - y[1];
    });
    return versioned.at(-1) ?? "virt";
  }

  get id(): string {
    return this.data.id;
  }

  entry(flag: string, which: "supported" | "unsupported"): OptionEntry | undefined {
    return (which === "supported" ? this.data.lists.supportedOptions : this.data.lists.unsupportedOptions).find((o) => o.flag === flag);
  }

  /**
   * An option in the supported list is supported even when the unsupported list names it too
   * (there it is about some of its values: -cpu, -device, -drive, -M, -net, -netdev, -vga).
   */
  optionStatus(flag: string): Status {
    if (this.supportedOptions.has(flag)) return "supported";
    if (this.unsupportedOptions.has(flag)) return "unsupported";
    return "unlisted";
  }

  /**
   * A -device name: listed directly (a name in both lists is supported: docs/decisions.md), or
   * through an alias that names it (virtio-gpu-pci is what the unsupported alias virtio-gpu names).
   */
  deviceStatus(name: string): { status: Status; via?: string } {
    // Asked by several rules for every -device of every spec: each name worked out once.
    // (Bounded: a language server meets names without end.)
    let s = this.deviceStatuses.get(name);
    if (!s) {
      if (this.deviceStatuses.size >= 4096) this.deviceStatuses.clear();
      this.deviceStatuses.set(name, (s = Object.freeze(this.deviceStatusOf(name))));
    }
    return s;
  }

  private readonly deviceStatuses = new Map<string, Readonly<{ status: Status; via?: string }>>();

  private deviceStatusOf(name: string): { status: Status; via?: string } {
    if (this.supportedDevices.includes(name)) return { status: "supported" };
    if (this.unsupportedDevices.some((p) => globMatch(p, name))) return { status: "unsupported" };
    for (const [alias, target] of Object.entries(DEVICE_ALIASES)) {
      if (target !== name) continue;
      if (this.supportedDevices.includes(alias)) return { status: "supported", via: alias };
      if (this.unsupportedDevices.includes(alias)) return { status: "unsupported", via: alias };
    }
    return { status: "unlisted" };
  }

  hmpStatus(name: string): Status {
    if (this.data.lists.supportedHmp.includes(name)) return "supported";
    return this.data.lists.unsupportedHmp.includes(name) ? "unsupported" : "unlisted";
  }

  qmpStatus(name: string): Status {
    if (this.data.lists.supportedQmp.includes(name)) return "supported";
    return this.data.lists.unsupportedQmp.includes(name) ? "unsupported" : "unlisted";
  }
}

const cache = new Map<string, Profile>();

export function profileNamed(id: string = DEFAULT_PROFILE): Profile | undefined {
  const data = PROFILES[id];
  if (!data) return undefined;
  let p = cache.get(id);
  if (!p) cache.set(id, (p = new Profile(data)));
  return p;
}
