// Writes an import's result as a spec file: the editor modeline, where it came from, the fields,
// then extraArgs one option per pair of items, each with a comment saying why it is kept raw.
import { Document, isSeq, Scalar, visit, type YAMLSeq } from "yaml";
import type { ImportResult } from "./import.js";

/** Plain scalars that YAML 1.1 tools (PyYAML, Ansible, older editors) read as booleans: written quoted. */
const YAML11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/** The order of the spec's own documentation (spec/types.ts); qemuProperties last, before extraArgs. */
const KEY_ORDER = [
  "name",
  "uuid",
  "machine",
  "accel",
  "cpu",
  "memory",
  "firmware",
  "kernel",
  "boot",
  "disks",
  "cdroms",
  "networks",
  "display",
  "serial",
  "console",
  "monitors",
  "guestAgent",
  "rng",
  "balloon",
  "watchdog",
  "usb",
  "shares",
  "hostDevices",
  "pci",
  "pvpanic",
  "tpm",
  "rtc",
  "smbios",
  "runAs",
  "sandbox",
  "pidfile",
  "daemonize",
  "incoming",
  "globals",
  "defaults",
];

export function importedYaml(r: ImportResult, o: { source: string; schemaRef: string }): string {
  const spec = r.spec ?? {};
  const ordered: Record<string, unknown> = {};
  for (const k of [...KEY_ORDER, ...Object.keys(spec).filter((k) => k !== "qemuProperties"), "qemuProperties"])
    if (k in spec && !(k in ordered)) ordered[k] = spec[k];
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
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && YAML11_BOOLEAN.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const extra = doc.get("extraArgs", true);
  if (isSeq(extra)) {
    let i = 0;
    for (const k of r.kept) {
      const item = (extra as YAMLSeq<Scalar>).items[i];
      item.commentBefore = ` ${k.why}`;
      i += k.words.length;
    }
  }
  return doc.toString({ lineWidth: 0 });
}
