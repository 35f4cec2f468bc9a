// Writes an import's result as a spec file: the editor modeline, where it came from, the fields,
// then extraArgs one option per pair of items, each with a comment saying why it is kept raw.
import { Document, isSeq, Scalar, visit, type YAMLSeq } from "yaml";
import { PROFILES } from "../rules/data/profiles.js";
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

/**
 * The header's first lines: how to build the spec back, and the `# vmspec-profile` (and
 * `# vmspec-qemu`) comments that select the statement and QEMU the command line was read for
 * when --profile said so or the command line showed it (import/target.ts).
 */
function targetLines(r: ImportResult, source: string, refused?: RebuildRefusal): string[] {
  const q = r.qemu?.join(".");
  // Respelled shapes (import/respell.ts) build to the same devices, not to the same words.
  const gives =
    r.needsOf === "domain"
      ? "builds it"
      : r.respelled
        ? "gives back the same devices and settings (ids and QEMU shorthands respelled as said below)"
        : "gives back its options";
  const directive = r.profile ?? r.inferred?.profile;
  // What vmspec build does with the spec, as checked by linting it (cli/commands/import.ts).
  const flags = refused?.rules.map((id) => ` --rule ${id}=off`).join("") ?? "";
  const claim = (build: string, after: string) =>
    refused && !refused.buildable
      ? `\`${build}\` refuses it (${refused.rules.join(", ") || "an error"}: see vmspec lint)${after}`
      : refused
        ? `\`${build}${flags}\` ${gives}${after}: ${refused.rules.join(", ")} ${refused.rules.length === 1 ? "refuses" : "refuse"} it under the profile's statement`
        : `\`${build}\` ${gives}${after}`;
  if (!q || !directive) return [` Imported by \`vmspec import\` from ${source}${q ? `: ${claim(`vmspec build --qemu ${q}`, "")}` : ""}.`];
  const profileQemu = PROFILES[directive].qemu;
  const lines = [
    ` Imported by \`vmspec import\` from ${source}: ${claim("vmspec build", ` (for QEMU ${q}, which the comments below select)`)}.`,
    ` vmspec-profile ${directive}`,
    ...(profileQemu !== q ? [` vmspec-qemu ${q}`] : []),
  ];
  const i = r.inferred;
  if (i?.decidedBy) {
    const others = [...new Map(i.needs.filter((n) => n !== i.decidedBy).map((n) => [n.what, n])).values()].map(
      (n) => `${n.what} needs ${n.version.join(".")}`,
    );
    lines.push(
      ` The ${r.needsOf ?? "command line"} needs QEMU ${i.decidedBy.version.join(".")} (${i.decidedBy.what}${others.length ? `; also ${others.join(", ")}` : ""}):` +
        (profileQemu === q
          ? ` ${directive} (QEMU ${profileQemu}) is the smallest profile whose QEMU accepts it.`
          : ` no SUSE statement describes a QEMU that new, so it is linted against the newest, ${directive} (QEMU ${profileQemu}), and built for QEMU ${q}.`) +
        " lint and build read these comments; --profile and --qemu override them.",
    );
  } else lines.push(` The profile given with --profile; lint and build read this comment, --profile and --qemu override it.`);
  return lines;
}

/**
 * What linting the imported spec found that would stop `vmspec build`: the rules that report
 * errors (turned off with --rule, the build gives back the options), or that it stays refused
 * even so (`buildable` false).
 */
export interface RebuildRefusal {
  rules: string[];
  buildable: boolean;
}

export function importedYaml(r: ImportResult, o: { source: string; schemaRef: string; refused?: RebuildRefusal }): string {
  const spec = r.spec ?? {};
  const ordered: Record<string, unknown> = {};
  for (const k of [...KEY_ORDER, ...Object.keys(spec).filter((k) => k !== "qemuProperties"), "qemuProperties"])
    if (k in spec && !(k in ordered)) ordered[k] = spec[k];
  if (r.kept.length) ordered.extraArgs = r.kept.flatMap((k) => k.words);
  const doc = new Document(ordered);
  const header = [
    ` yaml-language-server: $schema=${o.schemaRef}`,
    ...targetLines(r, o.source, o.refused),
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
