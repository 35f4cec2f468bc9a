// Writes an import's result as a spec file: the editor modeline, where it came from, the fields,
// then extraArgs one option per pair of items, each with a comment saying why it is kept raw.
import { Document, isSeq, type Scalar, type YAMLSeq } from "yaml";
import type { ImportResult } from "./import.js";

const KEY_ORDER = ["name", "uuid", "machine", "accel", "cpu", "memory", "kernel", "rtc", "display", "sandbox", "defaults", "qemuProperties"];

export function importedYaml(r: ImportResult, o: { source: string; schemaRef: string }): string {
  const spec = r.spec ?? {};
  const ordered: Record<string, unknown> = {};
  for (const k of [...KEY_ORDER, ...Object.keys(spec)]) if (k in spec && !(k in ordered)) ordered[k] = spec[k];
  if (r.kept.length) ordered.extraArgs = r.kept.flatMap((k) => k.words);
  const doc = new Document(ordered);
  const header = [
    ` yaml-language-server: $schema=${o.schemaRef}`,
    ` Imported by \`vmspec import\` from ${o.source}${r.qemu ? `: \`vmspec build --qemu ${r.qemu.join(".")}\` gives back its options` : ""}.`,
    ...(r.binary ? [` Program: ${r.binary}`] : []),
    ...(r.notes ?? []).map((n) => ` ${n}`),
    ...(r.env.length ? [` Environment of the original command (not part of a spec): ${r.env.join(" ")}`] : []),
  ];
  doc.commentBefore = header.join("\n");
  const extra = doc.get("extraArgs", true);
  if (isSeq(extra)) {
    let i = 0;
    for (const k of r.kept) {
      const item = (extra as YAMLSeq<Scalar>).items[i] as Scalar;
      item.commentBefore = ` ${k.why}`;
      i += k.words.length;
    }
  }
  return doc.toString({ lineWidth: 0 });
}
