// The intermediate form between a spec and any output: a list of QEMU options, each with its flag,
// its ordered properties and the spec path that produced it (so a rule firing on an option can
// point at the YAML behind it).
import type { SpecPath } from "../spec/nodes.js";

/** One `key=value` property. `implied` properties are written without their key (`-device virtio-blk-pci,...`). */
export interface Prop {
  key: string;
  value: string;
  implied?: boolean;
  /** Written as the key alone (`+pmu` in -cpu, a bare flag key), which QEMU reads as key=on. */
  bare?: boolean;
  /** Where the property stands in a file that was read (command line, -readconfig), as offsets. */
  range?: [number, number];
  /**
   * The spec path of the setting that produced this property, when it is more specific than the
   * option's path (a port forward of a network, `accel` on -machine): findings on the property
   * point there, so a suppression on that line covers it.
   */
  path?: SpecPath;
}

export interface QemuOption {
  /** The flag, with its dash: `-device`. */
  flag: string;
  /**
   * The properties of a QemuOpts/keyval option (written `k=v,k=v` with commas doubled). Absent for
   * bare flags and raw options.
   */
  props?: Prop[];
  /** The value of an option QEMU takes literally, with no `k=v` parsing (`-append`, `-kernel`). */
  raw?: string;
  /** The spec path that produced this option; `extraArgs` options point at their flag's item. */
  path: SpecPath;
  /** Set on an option vmspec chose itself where the spec names nothing (the TCG CPU model). */
  byDefault?: boolean;
  /** Set on options that came from `extraArgs`. */
  extra?: boolean;
  /** Its value was written as JSON (`-device {"driver": ...}`), which only a later QEMU reads (qemu/since.ts). */
  json?: true;
  /** Where the option stands in a file that was read (command line, -readconfig), as offsets. */
  range?: [number, number];
  /** The -readconfig section name the option was read from (`drive`, `smp-opts`, ...). */
  section?: string;
  /**
   * On a `-netdev stream`: the passt process serving its socket (build's preparation step, or a
   * passt command of the same script), whose port forwards are not on QEMU's command line.
   */
  passt?: PasstPeer;
}

/** One port forward of passt (`-t`/`-u`): a Prop so that findings can point at it. */
export interface PasstForward extends Prop {
  protocol: "tcp" | "udp";
  /** The host address bound; "" when none is given (passt then binds every address). */
  address: string;
  hostPort: number;
  guestPort: number;
}

/** What vmspec knows of the passt process behind a -netdev stream. */
export interface PasstPeer {
  /** The forwards of single ports (ranges and exclusions are in `unmapped`). */
  forwards: PasstForward[];
  /** passt's words a spec cannot say (an option, a port range), each with the reason. */
  unmapped: { text: string; why: string; range?: [number, number] }[];
  /** Options about how passt runs, not what the guest's network is (`-f`, `--pid x`), as written. */
  running: string[];
  /** Where the passt command's program word stands in the file. */
  range?: [number, number];
}

/** A command to run before QEMU starts: creating a missing disk image or UEFI variable store. */
export interface PrepareStep {
  /** The file the step creates; the step is skipped when it exists. */
  creates: string;
  argv: string[];
  path: SpecPath;
  /**
   * A program that must be running (swtpm), which creates `creates` (its socket): build and its
   * output start nothing; the shell output stops with this command when `creates` is missing.
   */
  mustRun?: boolean;
}

/** A disk image the VM uses. */
export interface ImageInfo {
  path: string;
  format: string;
  size?: string;
}

export interface Compiled {
  binary: string;
  options: QemuOption[];
  prepare: PrepareStep[];
  images: ImageInfo[];
}

/** The value of property `key`, if present. */
export function prop(o: QemuOption, key: string): string | undefined {
  // A plain loop: rules call this for every option of every spec.
  const props = o.props;
  if (props) for (let i = 0; i < props.length; i++) if (props[i].key === key) return props[i].value;
  return undefined;
}

/** Builds a property list from pairs, dropping undefined values; the first may be implied. */
export function props(
  first: Prop | null,
  pairs: ([string, string | number | boolean | undefined] | [string, string | number | boolean | undefined, SpecPath | undefined])[],
): Prop[] {
  const out: Prop[] = first ? [first] : [];
  // A plain loop with no spread: the compiler builds every spec's properties through here.
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    const v = pair[1];
    if (v === undefined) continue;
    const value = typeof v === "boolean" ? (v ? "on" : "off") : typeof v === "string" ? v : String(v);
    const path = pair[2];
    out.push(path ? { key: pair[0], value, path } : { key: pair[0], value });
  }
  return out;
}

/**
 * Appends `key=value` to `out` when the value is given (a boolean as on/off), as props() does, with
 * the spec path `base` + `field` (+ `field2`), which is made only then: the compiler names every
 * setting a section can write, and most specs leave most of them out. No `base`: no path of its own.
 */
export function put(
  out: Prop[],
  key: string,
  v: string | number | boolean | undefined,
  base?: SpecPath,
  field?: string | number,
  field2?: string | number,
): void {
  if (v === undefined) return;
  const value = typeof v === "boolean" ? (v ? "on" : "off") : typeof v === "string" ? v : String(v);
  if (base === undefined) {
    out.push({ key, value });
    return;
  }
  let path = base;
  if (field !== undefined) {
    path = base.slice();
    path.push(field);
    if (field2 !== undefined) path.push(field2);
  }
  out.push({ key, value, path });
}

/** `path` when the spec sets the field, else undefined (a default has no node to point at). */
export function ifSet(value: unknown, path: SpecPath): SpecPath | undefined {
  return value === undefined ? undefined : path;
}

/** An implied first property: the driver of `-device`, the type of `-netdev`, ...; `path`: the setting that chose it. */
export function implied(key: string, value: string, path?: SpecPath): Prop {
  return path ? { key, value, implied: true, path } : { key, value, implied: true };
}
