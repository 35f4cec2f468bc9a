// An option, property, device, machine type, CPU model or monitor command that the target QEMU
// deprecates, by QEMU's own deprecated list (rules/data/qemu/).
import { optionRule, type RuleDocs } from "./rule.js";
import { commandHits, optionHits, showVersion, VERSIONED_POLICY } from "./qemu-changes.js";
import type { QemuChange } from "./data/qemu/types.js";

const DOCS: RuleDocs = {
  details:
    "Something the target QEMU still accepts but deprecates, by QEMU's own `deprecated.rst` (7.1, 7.2, 8.2, 9.2 and 10.2's lists): from the release that deprecated it until the one that removed it (then `qemu-removed` reports it) or whose list no longer names it. QEMU removes a deprecated feature after two releases; the message says in which release it went when a later list records it. Short-form booleans (`server,nowait` for `server=on,wait=off`, deprecated since 6.0) and versioned machine types more than 3 years older than the target (QEMU's policy from 10.2's list) are reported too. The target is `--qemu`, else the version `--host` probed, else the profile's. Runs on what a spec compiles to, command lines, `-readconfig` files and QMP/HMP scripts (a command's deprecated arguments included). An entry known only from a removed list has no known deprecation release and is not reported before its removal.",
  examples: [
    {
      lang: "sh",
      kind: "incorrect",
      qemu: "7.2",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -chardev socket,id=mon0,path=/run/vm.sock,server,nowait -mon chardev=mon0,mode=control
`,
    },
    {
      lang: "sh",
      kind: "correct",
      qemu: "7.2",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -chardev socket,id=mon0,path=/run/vm.sock,server=on,wait=off -mon chardev=mon0,mode=control
`,
    },
    {
      lang: "yaml",
      kind: "incorrect",
      qemu: "7.2",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-chardev, "socket,id=c1,path=/run/c1.sock,server,nowait"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      qemu: "7.2",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-chardev, "socket,id=c1,path=/run/c1.sock,server=on,wait=off"]
`,
    },
    {
      lang: "qmp",
      kind: "incorrect",
      qemu: "7.2",
      text: `{"execute": "qmp_capabilities"}
{"execute": "eject", "arguments": {"device": "cd0"}}
`,
    },
    {
      lang: "qmp",
      kind: "correct",
      qemu: "7.2",
      text: `{"execute": "qmp_capabilities"}
{"execute": "eject", "arguments": {"id": "cd0"}}
`,
    },
  ],
  fix: "Move to the replacement the message names before the release that removes it.",
};

function later(c: QemuChange): string {
  return c.removedIn ? ` (removed in QEMU ${c.removedIn})` : "";
}

export default optionRule(
  {
    id: "qemu-deprecated",
    defaultSeverity: "warning",
    description: "something the target QEMU version deprecates (QEMU's deprecated list)",
    docs: DOCS,
    messages: {
      deprecated: "{{what}} is deprecated since QEMU {{since}}{{later}}",
      deprecatedUse: "{{what}} is deprecated since QEMU {{since}}{{later}}; use {{replacement}}",
      shortForm: "{{what}} is a short-form boolean, deprecated since QEMU {{since}}: write {{spelled}}",
      machineOld:
        "the machine type {{type}} is deprecated in QEMU {{target}}: {{policy}} deprecates virt-{{limit}} and older (3 years); use virt or a newer versioned type",
    },
  },
  ({ options, qemu, report }) => {
    for (const o of options)
      for (const h of optionHits(o, qemu)) {
        if ("versioned" in h) {
          if (h.versioned.state !== "deprecated") continue;
          const data = { target: showVersion(qemu), type: h.versioned.type, policy: VERSIONED_POLICY, limit: h.versioned.limit };
          report(o, { messageId: "machineOld", data, prop: o.props?.find((p) => p.implied || p.key === "type") });
          continue;
        }
        if (h.state !== "deprecated") continue;
        const c = h.change;
        if (c.flag === "*" && h.prop) {
          // QEMU reads a bare `noX` as X=off and a bare `X` as X=on.
          const k = h.prop.key;
          const spelled = k.startsWith("no") && k.length > 2 ? `${k.slice(2)}=off` : `${k}=on`;
          report(o, { messageId: "shortForm", data: { what: `${o.flag} ...,${k}`, since: c.deprecatedSince!, spelled }, at: h.prop });
          continue;
        }
        const data = { what: h.what, since: c.deprecatedSince!, later: later(c), replacement: c.replacement ?? "" };
        report(o, { messageId: c.replacement ? "deprecatedUse" : "deprecated", data, ...(h.prop ? { at: h.prop } : {}) });
      }
  },
  ({ commands, qemu, report }) => {
    for (const cmd of commands)
      for (const h of commandHits(cmd, qemu)) {
        if (h.state !== "deprecated") continue;
        const c = h.change;
        const data = { what: h.what, since: c.deprecatedSince!, later: later(c), replacement: c.replacement ?? "" };
        report(cmd, { messageId: c.replacement ? "deprecatedUse" : "deprecated", data });
      }
  },
);
