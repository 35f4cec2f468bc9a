// virtio-9p with security_model=passthrough: guest file ownership maps straight to the host, so
// QEMU must run as root and a guest root can create root-owned files on the host.
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";

const DOCS: RuleDocs = {
  statement: "Portions of the host file system may be shared with a guest by using virtFS.",
  details:
    "A shared folder with `security_model=passthrough`: guest file ownership maps straight onto the host, so QEMU must run as root and guest root can create root-owned (even setuid) files on the host.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
shares: [{path: /srv/share, tag: share, securityModel: passthrough}]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
shares: [{path: /srv/share, tag: share}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -fsdev local,id=f,path=/srv,security_model=passthrough
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -fsdev local,id=f,path=/srv,security_model=mapped-xattr
`,
    },
  ],
  fix: "Use `mapped-xattr` (the default).",
};

export default optionRule(
  {
    id: "virtfs-passthrough",
    reads: ["-fsdev", "-virtfs"],
    defaultSeverity: "warning",
    description: "a shared folder with security_model=passthrough",
    docs: DOCS,
    messages: {
      passthrough:
        "security_model=passthrough lets guest root create root-owned files on the host and needs QEMU to run as root: use mapped-xattr",
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if ((o.flag === "-fsdev" || o.flag === "-virtfs") && prop(o, "security_model") === "passthrough") {
        report(o, { messageId: "passthrough", prop: "security_model" });
      }
    }
  },
);
