// An option, property, device, machine type, CPU model or monitor command that the target QEMU
// has removed, by QEMU's own removed-features list (rules/data/qemu/).
import { optionRule, type RuleDocs } from "./rule.js";
import { commandHits, optionHits, showVersion, VERSIONED_POLICY } from "./qemu-changes.js";

const DOCS: RuleDocs = {
  details:
    "Something the target QEMU no longer accepts, by QEMU's own `removed-features.rst` (7.1, 7.2, 8.2, 9.2 and 10.2's lists, which record removals back to 2.x with their versions): an option (`-balloon`, `-nodefconfig`, `-soundhw`), an option's value or property (`-chardev tty`, `-vnc ...,tls=`, `-device virtio-blk,scsi=`), a `-device`, a machine type (`raspi2`, and versioned `virt-X.Y` types more than 6 years older than the target, QEMU's policy from 10.2's list), a CPU model, a QMP or HMP command or one of its arguments. The target is `--qemu`, else the version `--host` probed, else the profile's (2.9 for SLES 12 SP3, which still accepts all of these). Runs on what a spec compiles to (the finding is at the YAML line that asked for it), on command lines, `-readconfig` files and QMP/HMP scripts. QEMU's own headings that are free text were read by hand (`tools/qemu-deprecations/readings.ts`); the ones about other architectures, hosts and tools are not linted.",
  examples: [
    {
      lang: "sh",
      kind: "incorrect",
      qemu: "7.2",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -balloon virtio -nodefconfig
`,
    },
    {
      lang: "sh",
      kind: "correct",
      qemu: "7.2",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device virtio-balloon-pci -no-user-config
`,
    },
    {
      lang: "yaml",
      kind: "incorrect",
      qemu: "7.2",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-soundhw, hda]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      qemu: "7.2",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
`,
    },
    {
      lang: "qmp",
      kind: "incorrect",
      qemu: "7.2",
      text: `{"execute": "qmp_capabilities"}
{"execute": "query-cpus"}
`,
    },
    {
      lang: "qmp",
      kind: "correct",
      qemu: "7.2",
      text: `{"execute": "qmp_capabilities"}
{"execute": "query-cpus-fast"}
`,
    },
  ],
  fix: "Use the replacement the message names (QEMU's text says it); or target the QEMU that still has it with `--qemu` or `--profile`.",
};

export default optionRule(
  {
    id: "qemu-removed",
    defaultSeverity: "error",
    description: "something the target QEMU version has removed (QEMU's removed-features list)",
    docs: DOCS,
    messages: {
      removed: "QEMU {{target}} no longer accepts {{what}}: removed in QEMU {{removed}}",
      removedUse: "QEMU {{target}} no longer accepts {{what}}: removed in QEMU {{removed}}; use {{replacement}}",
      machineTooOld:
        "QEMU {{target}} no longer has the machine type {{type}}: {{policy}} removes virt-{{limit}} and older (6 years); use virt or a newer versioned type",
    },
  },
  ({ options, qemu, report }) => {
    for (const o of options)
      for (const h of optionHits(o, qemu)) {
        if ("versioned" in h) {
          if (h.versioned.state !== "removed") continue;
          const data = { target: showVersion(qemu), type: h.versioned.type, policy: VERSIONED_POLICY, limit: h.versioned.limit };
          report(o, { messageId: "machineTooOld", data, prop: o.props?.find((p) => p.implied || p.key === "type") });
          continue;
        }
        if (h.state !== "removed") continue;
        const c = h.change;
        const data = { target: showVersion(qemu), what: h.what, removed: c.removedIn!, replacement: c.replacement ?? "" };
        report(o, { messageId: c.replacement ? "removedUse" : "removed", data, ...(h.prop ? { at: h.prop } : {}) });
      }
  },
  ({ commands, qemu, report }) => {
    for (const cmd of commands)
      for (const h of commandHits(cmd, qemu)) {
        if (h.state !== "removed") continue;
        const c = h.change;
        const data = { target: showVersion(qemu), what: h.what, removed: c.removedIn!, replacement: c.replacement ?? "" };
        report(cmd, { messageId: c.replacement ? "removedUse" : "removed", data });
      }
  },
);
