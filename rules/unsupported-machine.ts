// A machine type other than the statement's (none, virt, virt-2.6).
import { optionRule, type RuleDocs } from "./rule.js";
import { machineType } from "./option-helpers.js";
import { MACHINE_ERRATA, virtVersion } from "./profile.js";

const DOCS: RuleDocs = {
  statement:
    "-M [help|?|none|virt|virt-2.6] ... This advice includes moving to the most recent machine type (eg virt-2.9 instead of virt-2.6) if possible. (note: there is no virt-2.9 machine type!)",
  details:
    "A machine type other than `none`, `virt` and `virt-2.6` (SLES 12 SP3; each profile's list is below). A versioned `virt-2.9` or later, which QEMU 2.9 does not have, says so; under another profile, a versioned type newer than its QEMU does. Under SLES 15 SP4 bare `virt` is unsupported: a spec's default `virt` compiles to `virt-6.1` there (docs/decisions.md).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
machine: {type: virt-2.9}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
machine: {type: virt}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine vexpress-a15,accel=kvm -cpu host -runas qemu
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt-2.6,accel=kvm -cpu host -runas qemu
`,
    },
  ],
  fix: "Use `virt` (the newest) or `virt-2.6`.",
};

export default optionRule(
  {
    id: "unsupported-machine",
    reads: ["-machine"],
    defaultSeverity: "error",
    description: "a machine type the statement does not support",
    docs: DOCS,
    messages: {
      noSuchVersion: 'QEMU {{qemu}} has no {{type}} machine type (the statement: "there is no virt-2.9 machine type!"); use {{supported}}',
      newerThanQemu: "QEMU {{qemu}}, the version the {{profile}} statement describes, has no {{type}} machine type; use {{supported}}",
      targetLacks: "the target QEMU {{qemu}} has no {{type}} machine type; use {{supported}}, or target a newer QEMU",
      newerThanStatement:
        "QEMU {{statementQemu}}, the version the {{profile}} statement describes, has no {{type}} machine type, so the statement does not support it (the target QEMU {{qemu}} has it); use {{supported}}",
      erratum: "QEMU has no {{type}} machine type (the statement's -M list writes it where {{meant}} is meant); use {{supported}}",
      listedUnsupported: "{{type}} is in the statement's list of unsupported machine types; use {{supported}}",
      notSupported: "{{type}} is not a supported machine type; use {{supported}}",
    },
  },
  ({ options, profile, qemu, report }) => {
    const target29 = qemu[0] === 2 && qemu[1] === 9;
    const lacks = (t: string) => {
      const v = virtVersion(t);
      const c = v === undefined ? -1 : v[0] - qemu[0] || v[1] - qemu[1];
      return c > 0 || (c === 0 && target29);
    };
    for (const o of options) {
      const type = machineType(o);
      if (type === undefined || type === "help" || type === "?") continue;
      // The target QEMU (--qemu) may be older or newer than the statement's: what it lacks is said of it.
      const targetLacks = lacks(type);
      // A supported type the target has (the usual case) costs no more than this.
      if (profile.supportedMachines.includes(type) && !targetLacks) continue;
      const supported = profile.supportedMachines.filter((m) => m !== "help" && m !== "?");
      const [qMajor, qMinor] = profile.qemuVersion;
      const target = `${qemu[0]}.${qemu[1]}`;
      // A versioned type from the profile's QEMU version on is one that QEMU does not have yet
      // (QEMU 2.9's newest is the alias `virt`; QEMU 6.2 has virt-6.2, which SP4 does not list).
      const v = virtVersion(type);
      // The SLES 12 SP3 statement: "there is no virt-2.9 machine type!" (QEMU 2.9's newest is `virt`).
      const cmp = v === undefined ? -1 : v[0] - qMajor || v[1] - qMinor;
      const newer = cmp > 0 || (cmp === 0 && profile.data.qemu === "2.9");
      const meant = MACHINE_ERRATA[type];
      const sameQemu = target === profile.data.qemu;
      const messageId = meant
        ? "erratum"
        : targetLacks && !(newer && sameQemu)
          ? "targetLacks"
          : newer
            ? !sameQemu
              ? "newerThanStatement"
              : profile.data.qemu === "2.9"
                ? "noSuchVersion"
                : "newerThanQemu"
            : profile.unsupportedMachines.includes(type)
              ? "listedUnsupported"
              : "notSupported";
      const data = {
        qemu: target,
        statementQemu: profile.data.qemu,
        type,
        profile: profile.id,
        meant: meant ?? "",
        // Only the types the target QEMU has.
        supported: supported.filter((m) => m !== "none" && !lacks(m)).join(" or "),
      };
      report(o, { messageId, data, prop: o.props?.[0]?.key });
    }
  },
);
