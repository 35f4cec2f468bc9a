// -net dump|socket|vde and -netdev hubport|l2tpv3|socket|vde|dump: unsupported network backends.
import { optionRule, type RuleDocs } from "./rule.js";
import { firstValue } from "./option-helpers.js";
import { valuesOf } from "./data/extract.js";

const DOCS: RuleDocs = {
  statement: "unsupported: -net [dump|socket|vde] ... -netdev [dump|hubport|l2tpv3|socket|vde] ...",
  details: "A network backend the statement lists as unsupported.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-netdev, "socket,id=s,listen=:1234"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
networks: [{name: lan, type: user}]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev vde,id=v
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -netdev tap,id=t,ifname=tap0,script=no,downscript=no
`,
    },
  ],
  fix: "Use `-netdev user`, `tap` or `bridge`.",
};

export default optionRule(
  {
    id: "net-backend-unsupported",
    reads: ["-net", "-netdev"],
    defaultSeverity: "error",
    description: "a network backend the statement lists as unsupported",
    docs: DOCS,
    messages: {
      unsupported: "{{flag}} {{type}} is unsupported: use -netdev {{supported}}",
    },
  },
  ({ options, profile, report }) => {
    const l = profile.data.lists;
    for (const o of options) {
      if (o.flag !== "-net" && o.flag !== "-netdev") continue;
      const type = firstValue(o, "type");
      if (type === undefined || !valuesOf(l.unsupportedOptions, o.flag).includes(type)) continue;
      const supported = valuesOf(l.supportedOptions, "-netdev");
      report(o, {
        messageId: "unsupported",
        data: { flag: o.flag, type: String(type), supported: supported.join(", ") },
        prop: o.props?.[0]?.key,
      });
    }
  },
);
