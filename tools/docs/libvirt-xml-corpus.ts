// The oracle for `vmspec lint` on libvirt domain XML (docs/libvirt-xml-corpus.md, npm run docs;
// test/libvirt-xml-corpus.test.ts compares and fails on a miss). libvirt's test data pairs each
// domain XML with the command line libvirt itself generated for it (test/fixtures/libvirt/*/
// manifest.tsv). Every finding on that command line (`vmspec lint --argv`) must also be found on
// the XML (`vmspec lint domain.xml`), unless one of DIFFERENCES explains why not: each is a
// reasoned allowance (an option libvirt adds on its own, an element vmspec does not map, a
// default libvirt fills in where the XML says nothing), and each must still be used.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../../core/finding.js";
import type { QemuOption } from "../../qemu/options.js";
import { lintArgv, lintInput } from "../../lint/lint.js";
import { readLibvirtDomain, type LibvirtRead } from "../../qemu/read/libvirt-domain.js";
import { corpusFiles, CORPUS } from "./libvirt-corpus.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const LIBVIRT_XML_CORPUS_DOC = join(ROOT, "docs/libvirt-xml-corpus.md");

/** What is known about one finding on libvirt's command line. */
export interface ArgsFinding {
  finding: Finding;
  /** The option it is on (by range). */
  option?: QemuOption;
  /** The option's flag, and its first property's value or raw value (the -device driver, the -cpu model...). */
  flag: string;
  subject: string;
}

export interface Difference {
  id: string;
  /** Why a finding on the command line is not expected on the XML. */
  reason: string;
  applies(f: ArgsFinding, xml: LibvirtRead): boolean;
}

const unmappedTag = (xml: LibvirtRead, tag: string): boolean => xml.unmapped.some((u) => u.what.startsWith(`<${tag}`));

/** Whether the XML's text names a CPU model (a <model> in <cpu>, or a mode that stands for one). */
function namesCpuModel(text: string): boolean {
  return /<cpu\b[^>]*\bmode=['"](host-passthrough|host-model|maximum)['"]/.test(text) || /<cpu\b[^>]*>[\s\S]*?<model\b[\s\S]*?<\/cpu>/.test(text);
}

/** The reasoned allowlist: each entry says which findings it covers and why they differ. */
export const DIFFERENCES: Difference[] = [
  {
    id: "newer-qemu-spelling",
    reason:
      "libvirt wrote the option for the QEMU its test probed, in a spelling the profile's QEMU (2.9 for SLES 12 SP3) does not have yet (JSON `-device`, `qemu-xhci`, `-machine pflash0=`...: target-unsupported); the XML names no spelling, and vmspec compiles the domain in the one the target has",
    applies: (f) => f.finding.ruleId === "target-unsupported",
  },
  {
    id: "libvirt-own-option",
    reason:
      "libvirt adds this option to every domain it starts, whatever the XML says (`-overcommit mem-lock=off`, `-audiodev` for its audio backend, ...): it is libvirt's, not the domain's, so the XML holds nothing to lint",
    applies: (f) => ["-overcommit", "-audiodev"].includes(f.flag),
  },
  {
    id: "libvirt-pci-topology",
    reason:
      "libvirt's own PCI topology: root ports and bridges it adds itself (not written in the XML), or keeps as `<controller type='pci'>` bridges, which the XML lint reports as libvirt-unmapped; vmspec places its devices itself. The `pcie-root-port` controllers an XML does list are the spec's `pci.rootPorts` (vmspec's `-device pcie-root-port`, where libvirt 3.3 wrote `ioh3420`)",
    applies: (f) =>
      f.flag === "-device" && ["pcie-root-port", "ioh3420", "i82801b11-bridge", "pcie-pci-bridge", "pci-bridge", "pxb-pcie"].includes(f.subject),
  },
  {
    id: "virtio-mmio-transport",
    reason:
      "libvirt put the device on virtio-mmio (`virtio-*-device`), from an `<address type='virtio-mmio'>` (reported as libvirt-unmapped) or its default for an old virt machine; vmspec builds virtio devices on PCI (`virtio-*-pci`), which the same rule judges on its own",
    applies: (f) => f.flag === "-device" && /^virtio-[a-z]+-device$/.test(f.subject),
  },
  {
    id: "unmapped-element",
    reason:
      "the option comes from an element vmspec does not map (a `<dtb>`, a disk on an `sd` bus or a network source, a TPM other than passthrough or a 2.0 emulator, an `<iommu>`, a `<video>` without `<graphics>`, a `type='hvf'` domain): the XML lint reports that element as libvirt-unmapped instead",
    applies: (f, xml) =>
      (f.flag === "-dtb" && unmappedTag(xml, "dtb")) ||
      ((f.flag === "-drive" || f.flag === "-blockdev") && unmappedTag(xml, "disk")) ||
      ((f.flag === "-tpmdev" || f.subject.startsWith("tpm-")) && unmappedTag(xml, "tpm")) ||
      (f.subject === "virtio-iommu" && unmappedTag(xml, "iommu")) ||
      (f.subject === "virtio-gpu-pci" && unmappedTag(xml, "video")) ||
      (f.flag === "-accel" && unmappedTag(xml, "domain type")),
  },
  {
    id: "qemu-default-cpu",
    reason:
      "the XML names no CPU model: libvirt leaves QEMU's default (cortex-a15) in place; the spec's default is `host` under KVM (the supported value) and vmspec's own model under TCG, so the finding about QEMU's default cannot arise",
    // Read from the XML's text, not from the reader's spec: a model the reader failed to map must show as missed.
    applies: (f, xml) => ["cpu-model-missing", "unsupported-cpu-model"].includes(f.finding.ruleId) && !namesCpuModel(xml.text),
  },
  {
    id: "machine-alias-resolved",
    reason:
      "the XML says `machine='virt'`; libvirt resolved the alias to the newest versioned machine of the QEMU its test probed (virt-4.2). The spec keeps the XML's `virt`",
    applies: (f, xml) => f.finding.ruleId === "unsupported-machine" && xml.spec?.machine?.type === "virt" && f.subject !== "virt",
  },
  {
    id: "accel-not-written-by-test",
    reason:
      "the XML asks for `type='kvm'`, but libvirt 3.3.0's test capabilities had no KVM, so the command line it wrote names no accelerator (QEMU then runs TCG); the spec says kvm, as the XML does",
    applies: (f, xml) => ["kvm-not-enabled", "kvm-only-setting"].includes(f.finding.ruleId) && xml.spec?.accel === "kvm",
  },
  {
    id: "test-host-cpu",
    reason:
      "libvirt 3.3.0's test wrote `-cpu host` for the XML's `<model>cortex-a57</model>` (its fake host CPU stood in for the model); the XML's own model is what the spec says, and it is reported there (unsupported-cpu-model at `<model>`)",
    applies: (f, xml) => f.finding.ruleId === "kvm-only-setting" && f.subject === "host" && (xml.spec?.cpu?.model ?? "host") !== "host",
  },
  {
    id: "board-default-nic",
    reason:
      "the `<interface>` names no model and the board is not virt (vexpress-a9): libvirt lets QEMU's board NIC (lan9118) stand; the spec's default model is virtio, and the board itself is reported by unsupported-machine on both",
    applies: (f, xml) => f.finding.ruleId === "net-model-unsupported" && !/<interface\b[\s\S]*?<model\b[\s\S]*?<\/interface>/.test(xml.text),
  },
  {
    id: "libvirt-runs-qemu",
    reason:
      "libvirtd starts QEMU as qemu.conf's user and group (it drops privileges itself, never with `-runas`), so its command line has no `-runas` and runs-as-root fires there; the domain XML has no say in it, so the rule does not run on XML (its `notWhenStartedBy: libvirt`)",
    applies: (f) => f.finding.ruleId === "runs-as-root",
  },
];

export type Outcome = { kind: "same" } | { kind: "same-rule" } | { kind: "difference"; id: string } | { kind: "missed" };

export interface FileOracle {
  version: string;
  args: string;
  xml: string;
  findings: (ArgsFinding & { outcome: Outcome })[];
  /** Findings on the XML that the command line does not have (libvirt-unmapped not counted). */
  xmlOnly: Finding[];
  unmapped: number;
}

function argsFindings(path: string): ArgsFinding[] {
  const r = lintArgv(readFileSync(path), { baseDir: "/" });
  return r.findings.map((finding) => {
    const option = r.options?.find((o) => o.range && o.range[0] <= finding.range[0] && finding.range[1] <= o.range[1]);
    const subject = option ? (option.props?.[0]?.value ?? option.raw ?? "") : "";
    return { finding, option, flag: option?.flag ?? "", subject };
  });
}

/** Compares libvirt's command line with the XML it was generated from, finding by finding. */
export function oracleFor(version: string, argsName: string): FileOracle {
  const dir = join(CORPUS, version);
  const manifest = readFileSync(join(dir, "manifest.tsv"), "utf8")
    .split("\n")
    .map((l) => l.split("\t"));
  const xmlName = manifest.find((row) => row[0] === argsName)?.[1];
  if (!xmlName) throw new Error(`${version}/${argsName}: not in manifest.tsv`);
  const xmlBytes = readFileSync(join(dir, "xml", xmlName));
  const xml = readLibvirtDomain(xmlBytes.toString("utf8"));
  const linted = lintInput("libvirt", xmlBytes, { baseDir: "/" }).findings.filter((f) => f.ruleId !== "libvirt-unmapped");
  const messages = new Set(linted.map((f) => `${f.ruleId} ${f.message}`));
  const rules = new Set(linted.map((f) => f.ruleId));
  const findings = argsFindings(join(dir, "args", argsName)).map((a) => {
    let outcome: Outcome;
    const diff = DIFFERENCES.find((d) => d.applies(a, xml));
    if (messages.has(`${a.finding.ruleId} ${a.finding.message}`)) outcome = { kind: "same" };
    else if (diff) outcome = { kind: "difference", id: diff.id };
    else if (rules.has(a.finding.ruleId)) outcome = { kind: "same-rule" };
    else outcome = { kind: "missed" };
    return { ...a, outcome };
  });
  const argsRules = new Set(findings.map((f) => f.finding.ruleId));
  return {
    version,
    args: argsName,
    xml: xmlName,
    findings,
    xmlOnly: linted.filter((f) => !argsRules.has(f.ruleId)),
    unmapped: xml.unmapped.length,
  };
}

export function xmlCorpusOracle(): FileOracle[] {
  return corpusFiles().map((f) => oracleFor(f.version, f.name));
}

/** The committed page: totals, the reasons, then one row per command line. */
export function libvirtXmlCorpusPage(): string {
  const files = xmlCorpusOracle();
  const all = files.flatMap((f) => f.findings);
  const count = (pred: (o: Outcome) => boolean, list = all) => list.filter((f) => pred(f.outcome)).length;
  const lines = [
    "# libvirt domain XML against the command line libvirt generated from it",
    "",
    "Generated by `npm run docs` (tools/docs/libvirt-xml-corpus.ts); test/libvirt-xml-corpus.test.ts fails when it is",
    "stale or when a finding is missed. The inputs are libvirt's own test data in `test/fixtures/libvirt/` (libvirt",
    "3.3.0 and 9.10.0: each `.args` command line was generated by libvirt from the `.xml` its `manifest.tsv` names; see",
    "its SOURCE.md). For each pair, every finding of `vmspec lint --argv` on the command line is looked for among the",
    "findings of `vmspec lint` on the domain XML (default profile, SLES 12 SP3):",
    "",
    "- **same**: the XML has the same finding (rule and message);",
    "- **same rule**: the XML has a finding of that rule, worded for vmspec's own option (`-accel tcg` where libvirt",
    "  wrote `-machine ...,accel=tcg`, `nec-usb-xhci` for `qemu-xhci`);",
    "- **differs**: one of the reasons below explains why the XML cannot have it;",
    "- **missed**: none of these. The test fails on any.",
    "",
    `${files.length} command lines, ${all.length} findings on them: ${count((o) => o.kind === "same")} same, ${count(
      (o) => o.kind === "same-rule",
    )} same rule, ${count((o) => o.kind === "difference")} differ for a reason below, ${count((o) => o.kind === "missed")} missed.`,
    "",
    "## Why the rest differs",
    "",
    "| reason | findings | why |",
    "|---|---:|---|",
    ...DIFFERENCES.map((d) => `| \`${d.id}\` | ${count((o) => o.kind === "difference" && o.id === d.id)} | ${d.reason} |`),
    "",
    "Findings only on the XML (not on libvirt's command line) come from what vmspec adds or chooses itself where the XML",
    "is silent.",
    "The XML's own `libvirt-unmapped` notes (elements vmspec does not map) are counted in the last column.",
    "",
    "## Per file",
    "",
    "| command line | XML | findings | same | same rule | differs (reason: count) | missed | only on the XML | unmapped elements |",
    "|---|---|---:|---:|---:|---|---:|---|---:|",
  ];
  for (const f of files) {
    const diffs = new Map<string, number>();
    for (const x of f.findings) if (x.outcome.kind === "difference") diffs.set(x.outcome.id, (diffs.get(x.outcome.id) ?? 0) + 1);
    const missed = f.findings.filter((x) => x.outcome.kind === "missed");
    const xmlOnly = [...new Set(f.xmlOnly.map((x) => x.ruleId))].sort().join(", ");
    lines.push(
      `| ${f.version}/${f.args.replace(/\.args$/, "")} | ${f.xml} | ${f.findings.length} | ${count((o) => o.kind === "same", f.findings)} | ${count(
        (o) => o.kind === "same-rule",
        f.findings,
      )} | ${[...diffs].map(([id, n]) => `${id}: ${n}`).join(", ")} | ${missed.length ? `**${missed.length}**` : 0} | ${xmlOnly} | ${f.unmapped} |`,
    );
  }
  const missed = files.flatMap((f) => f.findings.filter((x) => x.outcome.kind === "missed").map((x) => ({ f, x })));
  if (missed.length) {
    lines.push("", "## Missed", "");
    for (const { f, x } of missed) lines.push(`- ${f.version}/${f.args}: ${x.finding.ruleId}: ${x.finding.message}`);
  }
  lines.push("");
  return lines.join("\n");
}
