// An option the statement lists as unsupported.
import { optionRule, type RuleDocs } from "./rule.js";

/** What to use instead, where the statement or QEMU offers something supported. */
const INSTEAD: Record<string, string> = {
  "-hda": "a disk on virtio (-drive if=virtio, or a disks: entry)",
  "-hdb": "a disk on virtio (-drive if=virtio, or a disks: entry)",
  "-hdc": "a disk on virtio (-drive if=virtio, or a disks: entry)",
  "-hdd": "a disk on virtio (-drive if=virtio, or a disks: entry)",
  "-fda": "a disk on virtio",
  "-fdb": "a disk on virtio",
  "-sd": "a disk on virtio",
  "-mtdblock": "a disk on virtio",
  "-pflash": "firmware.uefi (the UEFI code and variable pflash pair)",
  "-snapshot": "a qcow2 overlay image (qemu-img create -b <base>)",
  "-curses": "-display none with a serial console, or -vnc",
  "-dtb": "the device tree the virt board generates",
  "-set": "the property on the -device or -drive itself",
  "-no-kvm": "KVM (remove -no-kvm)",
  "-tb-size": "KVM: -tb-size only tunes TCG",
  "-icount": "KVM: -icount only applies to TCG",
  "-singlestep": "KVM: -singlestep only applies to TCG",
  "-soundhw": "no audio device: none is supported",
  "-numa": "no NUMA topology: none is supported",
  "-acpitable": "the tables the virt board generates",
};

const DOCS: RuleDocs = {
  statement:
    "The following command line options are unsupported: -acpitable ... -bt ... -chroot ... -cpu ... (all except host) -curses ... -dtb file -enable-hax -fda/-fdb ... -hda/-hdb/-hdc/-hdd ... -icount ... -numa ... -pflash file ... -set ... -snapshot -soundhw ... -tb-size ... -xen-attach ...",
  details: "An option the statement lists as unsupported. The message names the supported replacement where there is one.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-snapshot]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-no-reboot]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -hda disk.qcow2
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=disk.qcow2,format=qcow2,if=virtio
`,
    },
  ],
  fix: "Use the replacement the message names, or drop the option.",
};

export default optionRule(
  {
    id: "unsupported-option",
    defaultSeverity: "error",
    description: "an option the statement lists as unsupported",
    docs: DOCS,
    messages: {
      unsupported: "{{flag}} is unsupported by the {{title}}",
      unsupportedUse: "{{flag}} is unsupported by the {{title}}; use {{instead}}",
    },
  },
  ({ options, profile, report }) => {
    for (const o of options) {
      if (profile.optionStatus(o.flag) !== "unsupported") continue;
      const instead = INSTEAD[o.flag] ?? (o.flag.startsWith("-xen-") ? "KVM: Xen is not supported" : undefined);
      report(o, {
        messageId: instead ? "unsupportedUse" : "unsupported",
        data: { flag: o.flag, title: profile.data.title, instead: instead ?? "" },
      });
    }
  },
);
