// `vmspec import --from libvirt`: a libvirt domain XML → a spec, by the reader `vmspec lint` uses
// (qemu/read/libvirt-domain.ts). `<qemu:commandline>` arguments become extraArgs; what the reader
// does not map is listed in the spec's header comment with its line, never dropped silently. The
// target (`# vmspec-profile` / `# vmspec-qemu`) is read from the domain as import/target.ts reads
// it from a command line: its versioned machine type and the devices it names.
import { readLibvirtDomain, type LibvirtRead } from "../qemu/read/libvirt-domain.js";
import { parseTarget, type QemuVersion } from "../qemu/targets.js";
import { PROFILES } from "../rules/data/profiles.js";
import type { ImportResult, KeptOption } from "./import.js";
import { deviceSince } from "../qemu/since.js";
import { inferTarget, type TargetNeed } from "./target.js";
import { positionIn } from "../core/positions.js";

/** Line and column (1-based) of an offset. */
function lineCol(text: string, offset: number): [number, number] {
  const { line, column } = positionIn(text, offset);
  return [line, column];
}

export interface LibvirtImport extends ImportResult {
  /** The XML could not be read: its message and where. */
  error?: { message: string; line: number; column: number };
}

export interface LibvirtImportOptions {
  /** --qemu: the QEMU version the spec is built for. */
  qemu?: QemuVersion;
  /** --profile: the statement the spec is for. */
  profile?: string;
}

/** What in the domain needs a QEMU newer than 2.9: its versioned machine type, the devices it names. */
export function domainNeeds(read: LibvirtRead): TargetNeed[] {
  const needs: TargetNeed[] = [];
  const type = read.spec?.machine?.type;
  const m = type && /^virt-(\d+)\.(\d+)$/.exec(type);
  if (m)
    needs.push({
      version: [Number(m[1]), Number(m[2])],
      what: `<type machine='${type}'>`,
      range: read.positions.rangeAt(["machine", "type"]),
    });
  for (const d of read.drivers) {
    const since = deviceSince(d.driver);
    if (since && (since[0] > 2 || (since[0] === 2 && since[1] > 9)))
      needs.push({ version: since, what: d.what ?? `model='${d.driver}'`, range: d.range });
  }
  return needs;
}

export function importLibvirt(text: string, io: LibvirtImportOptions = {}): LibvirtImport {
  const read = readLibvirtDomain(text);
  const empty = { mapped: [], kept: [], env: [], problems: [] };
  if (read.error || !read.spec) {
    const [line, column] = lineCol(read.text, read.error?.range[0] ?? 0);
    return { ...empty, error: { message: read.error?.message ?? "not a libvirt domain", line, column } };
  }
  const { extraArgs, ...spec } = read.spec;
  // <qemu:commandline> arguments, one kept option per flag and its values.
  const kept: KeptOption[] = [];
  (extraArgs ?? []).forEach((word, i) => {
    const range = read.positions.rangeAt(["extraArgs", i]);
    const last = kept[kept.length - 1];
    if (last && !word.startsWith("-")) last.words.push(word);
    else kept.push({ words: [word], why: "from <qemu:commandline>: passed to QEMU as written", range });
  });
  const at = (r: [number, number]): string => `line ${lineCol(read.text, r[0])[0]}`;
  const left: string[] = [];
  // A VNC/SPICE password is a secret: never written into the spec (which is not kept secret), and
  // `password: true` would make a spec libvirt cannot be built from. Said in the header instead.
  if (read.password && spec.display?.password) {
    const { password: _secret, ...display } = spec.display;
    spec.display = display;
    left.push(
      `Left out (${at(read.password)}): <graphics passwd>: the display password is not written into the spec (a spec is no place for a secret). ` +
        `To keep one, put it in a file only its owner can read and set display.passwordFile to that file (QEMU 7.0 and later; vmspec build --format libvirt passes it through <qemu:commandline>); until then the display has no password`,
    );
  }
  const notes = [
    ...read.notes.map((n) => `Filled in (${at(n.range)}): ${n.message}`),
    ...left,
    ...read.unmapped.map((u) => `Not mapped (${at(u.range)}): ${u.what}: ${u.why}`),
  ];
  // The target: --qemu, else --profile's QEMU, else what the domain itself says it needs.
  const inferred = io.qemu || io.profile ? undefined : inferTarget(domainNeeds(read));
  const qemu = io.qemu ?? (io.profile ? parseTarget(PROFILES[io.profile].qemu)! : inferred!.qemu);
  return {
    ...empty,
    spec,
    kept,
    qemu,
    ...(inferred?.decidedBy ? { inferred } : {}),
    ...(io.profile ? { profile: io.profile } : {}),
    needsOf: "domain",
    notes: notes.length ? ["What the domain says that the spec does not:", ...notes] : ["Every element of the domain is mapped."],
  };
}
