// The finding ids no rule owns — reading the input, the schema, syntax, output, import, the
// suppressions' own notes and the image checks — declared once, with what each one is. Together
// with every rule's metadata they make the finding catalog (lint/catalog.ts), the one list that
// `--rule`, `.vmspec.yaml`, suppression comments, `vmspec rules` and docs/rules.md read.
import type { Severity } from "./finding.js";

export type FindingKind = "reading" | "schema" | "syntax" | "rule" | "image-check" | "cross-file" | "suppression" | "output" | "import";

export interface CatalogEntry {
  readonly id: string;
  /** Usually one; qcow2-encryption-deprecated and qed-deprecated are both a rule and an image check. */
  readonly kinds: readonly FindingKind[];
  readonly defaultSeverity: Severity;
  /** Accepted by `--rule`, `.vmspec.yaml` `rules:`/`overrides:` (a severity, or off). */
  readonly configurable: boolean;
  /** Accepted in `# vmspec-disable…` comments, and recorded in baselines. */
  readonly suppressible: boolean;
  /** One line: what it finds (`vmspec rules`, docs/rules.md, SARIF). */
  readonly doc: string;
  /** A finding a `--accel`/`--cpu` value caused is reported but does not stop `build` (rules only). */
  readonly excusedBy?: "accel" | "cpu";
}

const reading = (id: string, doc: string): CatalogEntry => ({
  id,
  kinds: ["reading"],
  defaultSeverity: "error",
  configurable: false,
  suppressible: false,
  doc,
});

/** Reading a spec file (spec/load.ts). */
export const READING_FINDINGS = [
  reading("yaml-syntax", "the file is not valid YAML"),
  reading("duplicate-key", "a mapping has the same key twice"),
  reading("multiple-documents", "the file holds more than one YAML document"),
  reading("root-not-mapping", "the top level is not a mapping of keys"),
  reading("invalid-utf8", "the file is not valid UTF-8"),
  reading("binary-file", "the file holds NUL bytes"),
  reading("file-too-large", "the file is larger than the limit"),
  reading("too-many-aliases", "the file uses more YAML aliases than allowed"),
  reading("empty-file", "the file holds no spec"),
] as const;

/** Every built-in finding id, in the order docs/rules.md lists them. */
export const BUILTIN_FINDINGS: readonly CatalogEntry[] = [
  ...READING_FINDINGS,
  {
    id: "schema",
    kinds: ["schema"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "the spec does not match the JSON Schema (unknown key with did-you-mean, wrong type, value not allowed, ...)",
  },
  {
    id: "extra-args-invalid",
    kinds: ["syntax"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "`extraArgs` words that do not form options",
  },
  {
    id: "target-unsupported",
    kinds: ["output"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "a spec field the target QEMU version (`--qemu`) cannot express, such as `display.passwordFile` or NUMA distances for 2.9, or an option spelling it does not have yet (`-nic` before 2.12), or a PC device no qemu-system-aarch64 has (`-device pvpanic`, `tpm-tis`), on a command line or in `extraArgs` (build and lint)",
  },
  {
    id: "output-format",
    kinds: ["output"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "the chosen output format cannot hold a value (build only)",
  },
  {
    id: "libvirt-passthrough",
    kinds: ["output"],
    defaultSeverity: "warning",
    configurable: false,
    suppressible: false,
    doc: "`build --format libvirt`: libvirt's domain XML cannot say this, so it goes into `<qemu:commandline>` (docs/targets.md)",
  },
  {
    id: "libvirt-changed",
    kinds: ["output"],
    defaultSeverity: "warning",
    configurable: false,
    suppressible: false,
    doc: "`build --format libvirt`: libvirt sets this itself or host-wide (its monitor, qemu.conf's user), so it is not in the XML (docs/targets.md)",
  },
  {
    id: "argv-syntax",
    kinds: ["syntax"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "a command line that cannot be read (unterminated quote, no qemu-system-* command, an option without its argument)",
  },
  {
    id: "argv-unknown",
    kinds: ["syntax"],
    defaultSeverity: "warning",
    configurable: true,
    suppressible: true,
    doc: "a warning, not an error (its severity can be set, or turned off, like a rule's): a value of a script that cannot be known without running it (a command substitution, a variable from the environment, arithmetic, an assignment or a command inside an if, a loop or a function, a systemd specifier); import keeps it as a placeholder to fill",
  },
  {
    id: "argv-default",
    kinds: ["syntax"],
    defaultSeverity: "info",
    configurable: true,
    suppressible: true,
    doc: "a `${VAR:-default}` (or `${VAR:=default}`) of a script that never sets VAR: the default is what is linted, and the environment may give another value; import says so in the spec's header",
  },
  {
    id: "libvirt-syntax",
    kinds: ["syntax"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "a libvirt domain XML that is not well-formed, or whose root is not `<domain>` (at its line and column)",
  },
  {
    id: "libvirt-unmapped",
    kinds: ["syntax"],
    defaultSeverity: "info",
    configurable: true,
    suppressible: true,
    doc: "an element (or value) of a libvirt domain XML that vmspec does not map, so no rule checks it, or a default vmspec filled in where the XML says nothing; once each, at the element",
  },
  {
    id: "readconfig-syntax",
    kinds: ["syntax"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: 'a -readconfig line that is neither `[group "id"]` nor `key = "value"`',
  },
  {
    id: "readconfig-unreadable",
    kinds: ["syntax"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "a -readconfig file named on a command line that cannot be read (QEMU would not start)",
  },
  {
    id: "monitor-syntax",
    kinds: ["syntax"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "a QMP script that is not JSON command objects (one per line, pretty-printed over several lines, or an array)",
  },
  {
    id: "profile-directive",
    kinds: ["syntax"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "a `# vmspec-profile` or `# vmspec-qemu` comment in a spec that names no profile or no QEMU version",
  },
  {
    id: "unused-suppression",
    kinds: ["suppression"],
    defaultSeverity: "warning",
    configurable: true,
    suppressible: true,
    doc: "a `# vmspec-disable...` comment that suppresses nothing",
  },
  {
    id: "suppression-unknown-rule",
    kinds: ["suppression"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "a `# vmspec-disable...` comment naming an id that is no rule (with did-you-mean) or one that cannot be suppressed, at the id; the comment's other ids still apply and the rest of the file is linted",
  },
  {
    id: "suppression-reason-missing",
    kinds: ["suppression"],
    defaultSeverity: "error",
    configurable: true,
    suppressible: false,
    doc: "a suppression without `-- <reason>` when `requireSuppressionReasons: true` (it then suppresses nothing)",
  },
  {
    id: "image-format-mismatch",
    kinds: ["image-check"],
    defaultSeverity: "error",
    configurable: true,
    suppressible: true,
    doc: "`qemu-img info` finds another format than the spec or option says",
  },
  {
    id: "image-backing-missing",
    kinds: ["image-check"],
    defaultSeverity: "error",
    configurable: true,
    suppressible: true,
    doc: "an image's backing file does not exist",
  },
  {
    id: "image-unreadable",
    kinds: ["image-check"],
    defaultSeverity: "warning",
    configurable: true,
    suppressible: true,
    doc: "`qemu-img info` cannot read an image",
  },
  {
    id: "qcow2-encryption-deprecated",
    kinds: ["image-check"],
    defaultSeverity: "warning",
    configurable: true,
    suppressible: true,
    doc: "an existing qcow2 image uses the deprecated built-in AES encryption",
  },
  {
    id: "qed-deprecated",
    kinds: ["image-check"],
    defaultSeverity: "warning",
    configurable: true,
    suppressible: true,
    doc: "an existing image is in the deprecated QED format",
  },
  {
    id: "shared-host-path",
    kinds: ["cross-file"],
    defaultSeverity: "error",
    configurable: true,
    suppressible: false,
    doc: "`vmspec lint` of several specs: two VMs would take the same socket, pidfile, log file or writable image (names that sanitise alike: `db 01` and `db_01` both get `db_01.run/qmp.sock`)",
  },
  {
    id: "import",
    kinds: ["import"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "`vmspec import`: what cannot be read or mapped (an error), or a value it had to guess or keep as a placeholder (a warning)",
  },
  {
    id: "import-strict",
    kinds: ["import"],
    defaultSeverity: "error",
    configurable: false,
    suppressible: false,
    doc: "`vmspec import --strict`: an option that would stay raw in extraArgs",
  },
];

/** Words for a kind in messages: "yaml-syntax is a reading error". */
export const KIND_WORDS: Record<FindingKind, string> = {
  reading: "a reading error",
  schema: "a schema error",
  syntax: "a syntax error",
  rule: "a rule",
  "image-check": "an image check",
  "cross-file": "a check across the files linted together",
  suppression: "a note about suppressions",
  output: "an output error",
  import: "an import problem",
};
