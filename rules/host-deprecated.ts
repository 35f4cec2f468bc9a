// What the host's QEMU binary (probed with --host) itself marks deprecated: a machine type or CPU
// model (query-machines, query-cpu-definitions) or a QMP command or argument (query-qmp-schema).
import { optionRule, type RuleDocs } from "./rule.js";
import { firstValue, machineType } from "./option-helpers.js";
import { hostName, machineOf } from "./host-lacks.js";

const DOCS: RuleDocs = {
  details:
    "With `--host`, what the host's QEMU binary itself marks deprecated when probed (`vmspec probe`): a machine type (`query-machines` `deprecated`), a CPU model (`query-cpu-definitions` `deprecated`), a QMP command or one of its arguments (the feature `deprecated` in `query-qmp-schema`). Unlike `qemu-deprecated`, which reads QEMU's documentation for a version, this is what the binary that will run says of itself (a distribution's build included). Without `--host` the rule says nothing.",
  examples: [
    {
      lang: "qmp",
      kind: "incorrect",
      host: true,
      text: `{"execute": "qmp_capabilities"}
{"execute": "drive-backup", "arguments": {"device": "drive0", "target": "/backup/d.qcow2", "sync": "full"}}
`,
    },
    {
      lang: "qmp",
      kind: "correct",
      host: true,
      text: `{"execute": "qmp_capabilities"}
{"execute": "blockdev-backup", "arguments": {"device": "drive0", "target": "backup0", "sync": "full"}}
`,
    },
  ],
  fix: "Use what the binary offers instead (its documentation names the replacement); `qemu-deprecated` says which release removes it.",
};

export default optionRule(
  {
    id: "host-deprecated",
    needsHost: true,
    defaultSeverity: "warning",
    description: "a machine type, CPU model or QMP command the host's QEMU binary marks deprecated (--host)",
    docs: DOCS,
    messages: {
      machine: "this QEMU ({{host}}) marks the machine type {{name}} deprecated",
      cpu: "this QEMU ({{host}}) marks the CPU model {{name}} deprecated",
      command: "this QEMU ({{host}}) marks the QMP command {{name}} deprecated",
      argument: "this QEMU ({{host}}) marks the argument {{arg}} of the QMP command {{name}} deprecated",
    },
  },
  ({ options, host, report }) => {
    if (!host) return;
    for (const o of options) {
      const first = o.props?.find((p) => p.implied);
      const type = machineType(o);
      if (type !== undefined && machineOf(host, type)?.deprecated)
        report(o, { messageId: "machine", data: { host: hostName(host), name: type }, ...(first ? { at: first } : {}) });
      if (o.flag === "-cpu") {
        const model = firstValue(o, "model");
        if (model !== undefined && host.cpus.some((c) => c.name === model && c.deprecated))
          report(o, { messageId: "cpu", data: { host: hostName(host), name: model }, ...(first ? { at: first } : {}) });
      }
    }
  },
  ({ commands, host, report }) => {
    if (!host) return;
    for (const c of commands) {
      if (c.protocol !== "qmp") continue;
      if (host.deprecatedCommands.includes(c.name)) report(c, { messageId: "command", data: { host: hostName(host), name: c.name } });
      for (const a of c.args ?? [])
        if (host.deprecatedArguments.includes(`${c.name}.${a}`))
          report(c, { messageId: "argument", data: { host: hostName(host), name: c.name, arg: a } });
    }
  },
);
