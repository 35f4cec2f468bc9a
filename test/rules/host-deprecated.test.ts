// host-deprecated: what the host's real QEMU binary marks deprecated (Debian's QEMU 7.2 marks
// QMP commands and arguments; it has no deprecated machine type or CPU model, so those cases take
// its real probe with one entry marked as a later QEMU marks it: QEMU 9.1 and later deprecate
// versioned machine types 3 years old).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/host-deprecated.js";
import { probe } from "../../qemu/probe.js";
import { scratch } from "../helpers/workdir.js";

const env = { ...process.env, VMSPEC_CACHE_DIR: scratch("vmspec-probe-cache-") };
const real = probe("qemu-system-aarch64", { env }).host;
const aarch64 = { lint: { host: real } };
const marked = {
  lint: {
    host: {
      ...real,
      machines: real.machines.map((m) => (m.name === "virt-2.12" ? { ...m, deprecated: true } : m)),
      cpus: real.cpus.map((c) => (c.name === "cortex-a15" ? { ...c, deprecated: true } : c)),
    },
  },
};

ruleTester.run(rule, {
  valid: [
    { name: "without --host", qmp: '{"execute": "drive-backup", "arguments": {"device": "d", "target": "/b", "sync": "full"}}\n' },
    {
      name: "blockdev-backup",
      qmp: '{"execute": "blockdev-backup", "arguments": {"device": "d", "target": "b", "sync": "full"}}\n',
      ...aarch64,
    },
    { name: "eject by id", qmp: '{"execute": "eject", "arguments": {"id": "cd0"}}\n', ...aarch64 },
    { name: "virt-2.12 as QEMU 7.2 reports it", argv: "qemu-system-aarch64 -machine virt-2.12,accel=tcg -cpu max\n", ...aarch64 },
  ],
  invalid: [
    {
      name: "a QMP command QEMU 7.2 marks deprecated",
      qmp: '{"execute": "qmp_capabilities"}\n{"execute": "drive-backup", "arguments": {"device": "d", "target": "/b", "sync": "full"}}\n',
      ...aarch64,
      errors: [
        {
          messageId: "command",
          data: { host: "qemu-system-aarch64 7.2", name: "drive-backup" },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 27,
        },
      ],
    },
    {
      name: "an argument QEMU 7.2 marks deprecated",
      qmp: '{"execute": "eject", "arguments": {"device": "cd0"}}\n',
      ...aarch64,
      errors: [
        {
          messageId: "argument",
          data: { host: "qemu-system-aarch64 7.2", name: "eject", arg: "device" },
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 20,
        },
      ],
    },
    {
      name: "a deprecated machine type, at the spec's line",
      yaml: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: tcg\nmachine: {type: virt-2.12}\n",
      ...marked,
      errors: [{ messageId: "machine", line: 5, column: 17, endLine: 5, endColumn: 26 }],
    },
    {
      name: "a deprecated CPU model",
      argv: "qemu-system-aarch64 -machine virt,accel=tcg -cpu cortex-a15\n",
      ...marked,
      errors: [{ messageId: "cpu", line: 1, column: 50, endLine: 1, endColumn: 60 }],
    },
  ],
});
