// A GlusterFS image: "GlusterFS integration is not enabled."
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";
import { imageFile, IMAGE_FLAGS } from "./option-helpers.js";

const DOCS: RuleDocs = {
  statement: "GlusterFS integration is not enabled.",
  details: "An image on GlusterFS (`gluster://` file names or `driver=gluster`).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=gluster://server/vol/img.qcow2,format=qcow2,if=virtio"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks: [{name: d, file: /var/lib/vms/img.qcow2, format: qcow2}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=gluster+tcp://server/vol/img,format=raw
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=/dev/vg0/img,format=raw
`,
    },
  ],
  fix: "Use local storage, a logical volume, iSCSI or NBD.",
};

export default optionRule(
  {
    id: "gluster-not-enabled",
    reads: IMAGE_FLAGS,
    defaultSeverity: "error",
    description: "an image on GlusterFS",
    docs: DOCS,
    messages: {
      notEnabled: "GlusterFS integration is not enabled: use an image on local storage, a logical volume, iSCSI or NBD",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      const file = imageFile(o);
      const viaDriver = o.flag === "-blockdev" && (prop(o, "driver") === "gluster" || prop(o, "file.driver") === "gluster");
      if (!viaDriver && !(file && /^gluster(\+[a-z]+)?:/.test(file))) continue;
      // At the property that names gluster: driver=, file.driver= (a format over gluster), or the URL.
      report(o, { messageId: "notEnabled", prop: !viaDriver ? "file" : prop(o, "driver") === "gluster" ? "driver" : "file.driver" });
    }
  },
);
