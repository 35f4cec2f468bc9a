// `vmspec import --from libvirt`: a libvirt domain XML → a spec, by the reader `vmspec lint` uses
// (qemu/read/libvirt-domain.ts). `<qemu:commandline>` arguments become extraArgs; what the reader
// does not map is listed in the spec's header comment with its line, never dropped silently.
import { readLibvirtDomain } from "../qemu/read/libvirt-domain.js";
import type { ImportResult, KeptOption } from "./import.js";

/** Line and column (1-based) of an offset. */
function lineCol(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return [line, offset - before.lastIndexOf("\n")];
}

export interface LibvirtImport extends ImportResult {
  /** The XML could not be read: its message and where. */
  error?: { message: string; line: number; column: number };
}

export function importLibvirt(text: string): LibvirtImport {
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
  const notes = [
    ...read.notes.map((n) => `Filled in (${at(n.range)}): ${n.message}`),
    ...read.unmapped.map((u) => `Not mapped (${at(u.range)}): ${u.what}: ${u.why}`),
  ];
  return {
    ...empty,
    spec,
    kept,
    notes: notes.length ? ["What the domain says that the spec does not:", ...notes] : ["Every element of the domain is mapped."],
  };
}
