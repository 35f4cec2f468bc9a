// An option the profile's statement deprecates, in its "Deprecated, Superseded, Modified and
// Dropped Features" section (read from the SLES 15 texts; the SLES 12 SP3 section is one line of
// text, read by the rules written for its items).
import { optionRule, type RuleDocs } from "./rule.js";
import { noteOf, optionChange } from "./statement-changes.js";

const DOCS: RuleDocs = {
  statement:
    "These previously supported command line options are now considered deprecated: ... -writeconfig (no replacement - never really worked right) ... -chardev tty (use serial name instead) (SLES 15 SP4)",
  details:
    "An option, or a value or property of one, that the profile's statement lists as deprecated (each SLES 15 statement's lists: [profiles.md](../profiles.md)). Free-text items (`-share and noshare must be replaced by share=on/share=off`) name no option and are not matched. Under `sles12sp3`, whose section is one line of text, the rules written for its items report them instead.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      profile: "sles15sp4",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-writeconfig, web-saved.cfg]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      profile: "sles15sp4",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      profile: "sles15sp4",
      text: `qemu-system-aarch64 -machine virt-6.1,accel=kvm -cpu host -m 1G -runas qemu \\
  -chardev tty,id=s0,path=/dev/ttyS0 -serial chardev:s0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      profile: "sles15sp4",
      text: `qemu-system-aarch64 -machine virt-6.1,accel=kvm -cpu host -m 1G -runas qemu \\
  -chardev serial,id=s0,path=/dev/ttyS0 -serial chardev:s0
`,
    },
  ],
  fix: "Use what the statement names instead (the message quotes it).",
};

export default optionRule(
  {
    id: "statement-deprecated",
    defaultSeverity: "warning",
    description: "an option the profile's statement deprecates",
    docs: DOCS,
    messages: {
      deprecated: "{{item}} is deprecated by the {{profile}} statement{{note}}",
    },
  },
  ({ options, profile, report }) => {
    for (const o of options) {
      const c = optionChange(profile, o, ["deprecated"]);
      if (c) report(o, { messageId: "deprecated", data: { item: c.item, profile: profile.id, note: noteOf(c) } });
    }
  },
);
