// An option the profile's statement says is no longer recognized or no longer supported, in its
// "Deprecated, Superseded, Modified and Dropped Features" section (read from the SLES 15 texts;
// the SLES 12 SP3 section is one line of text, read by the rules written for its items).
import { optionRule, type RuleDocs } from "./rule.js";
import { noteOf, optionChange } from "./statement-changes.js";

const DOCS: RuleDocs = {
  statement:
    "These previously supported command line options are no longer recognized: -balloon (use -device virtio-balloon instead) ... These previously supported command line options are no longer supported: -device ide-drive (use ide-hd or ide-cd instead) (SLES 15 SP4)",
  details:
    "An option, or a value or property of one, that the profile's statement lists as *no longer recognized* or *no longer supported* (each SLES 15 statement's lists: [profiles.md](../profiles.md)). Under `sles12sp3`, whose section is one line of text, the rules written for its items report them instead (`pc-sysfw-removed`, `pci-assign-removed`, `ivshmem-deprecated`).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      profile: "sles15sp4",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-balloon, virtio]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      profile: "sles15sp4",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
balloon: {}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      profile: "sles15sp4",
      text: `qemu-system-aarch64 -machine virt-6.1,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive if=none,id=cd0,format=raw,readonly=on,file=install.iso -device ide-drive,drive=cd0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      profile: "sles15sp4",
      text: `qemu-system-aarch64 -machine virt-6.1,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive if=none,id=cd0,format=raw,readonly=on,file=install.iso -device virtio-blk-pci,drive=cd0
`,
    },
  ],
  fix: "Use what the statement names instead (the message quotes it), or drop the option.",
};

export default optionRule(
  {
    id: "statement-removed",
    defaultSeverity: "error",
    description: "an option the profile's statement says is no longer recognized or no longer supported",
    docs: DOCS,
    messages: {
      removed: "{{item}} is no longer recognized by QEMU {{qemu}} (the {{profile}} statement){{note}}",
      unsupported: "{{item}} is no longer supported by the {{profile}} statement{{note}}",
    },
  },
  ({ options, profile, report }) => {
    for (const o of options) {
      const c = optionChange(profile, o, ["removed", "unsupported"]);
      if (!c) continue;
      report(o, {
        messageId: c.status === "removed" ? "removed" : "unsupported",
        data: { item: c.item, qemu: profile.data.qemu, profile: profile.id, note: noteOf(c) },
      });
    }
  },
);
