// One image file behind two writable drives: QEMU takes a write lock on each image and refuses to
// open it a second time ("Failed to get "write" lock"); were it to open both, the guest would
// corrupt the image from two disks at once.
import { optionRule, type RuleDocs } from "./rule.js";

import { imageOpens } from "./option-helpers.js";

const DOCS: RuleDocs = {
  details:
    'Two `-drive` options or `-blockdev` protocol nodes (two spec disks, with either storage backend) on the same image file, at least one of them writable (a `-blockdev` file node is read-only when the nodes over it are). QEMU\nlocks each image it opens for writing and refuses the second: `Failed to get "write" lock` (checked\non QEMU 7.2); without the lock the guest would write to one image through two disks and corrupt it.\nThe same read-only image (an ISO on two CD drives, `readonly: true` disks) is fine. Files are\ncompared as written (after the spec\'s folder is applied), so two spellings of one path are not\nseen.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\ndisks:\n  - {name: os, file: web.qcow2, format: qcow2}\n  - {name: data, file: web.qcow2, format: qcow2}\n",
    },
    {
      lang: "yaml",
      kind: "correct",
      text: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\ndisks:\n  - {name: os, file: web.qcow2, format: qcow2}\n  - {name: data, file: web-data.qcow2, format: qcow2}\n",
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -drive file=/srv/vm.qcow2,format=qcow2,if=virtio -drive file=/srv/vm.qcow2,format=qcow2,if=virtio\n",
    },
    {
      lang: "sh",
      kind: "correct",
      text: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -drive file=/srv/boot.iso,format=raw,if=none,id=cd0,media=cdrom,readonly=on -drive file=/srv/boot.iso,format=raw,if=none,id=cd1,media=cdrom,readonly=on\n",
    },
  ],
  fix: "Give each disk its own image (`qemu-img create -b base.qcow2 -F qcow2 -f qcow2 copy.qcow2` makes a copy-on-write overlay of a shared base), or attach the shared one read-only everywhere.",
};

export default optionRule(
  {
    id: "duplicate-image",
    reads: ["-drive", "-blockdev"],
    defaultSeverity: "error",
    description: "one image file behind two drives, one of them writable, which QEMU refuses",
    docs: DOCS,
    messages: {
      shared:
        '{{file}} is already the image of another drive, and one of them is writable: QEMU refuses to open it twice (Failed to get "write" lock). Give this disk its own image, or attach both read-only',
    },
  },
  ({ options, report }) => {
    const seen = new Map<string, { readonly: boolean }>();
    for (const { option: o, key, file, readOnly: ro } of imageOpens(options)) {
      const before = seen.get(file);
      if (before && (!before.readonly || !ro)) {
        report(o, {
          messageId: "shared",
          data: { file: file.slice(file.lastIndexOf("/") + 1) },
          at: o.props!.find((p) => p.key === key),
        });
      }
      if (!before || !ro) seen.set(file, { readonly: ro && (before?.readonly ?? true) });
    }
  },
);
