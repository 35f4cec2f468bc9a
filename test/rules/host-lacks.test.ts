// host-lacks: what the host's real QEMU binary does not have (probed from Debian's
// qemu-system-aarch64 and qemu-system-arm, the 32-bit binary of the same package).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/host-lacks.js";
import { probe } from "../../qemu/probe.js";
import { scratch } from "../helpers/workdir.js";

const env = { ...process.env, VMSPEC_CACHE_DIR: scratch("vmspec-probe-cache-") };
const aarch64 = { lint: { host: probe("qemu-system-aarch64", { env }).host } };
const arm = { lint: { host: probe("qemu-system-arm", { env }).host } };
const HEAD = "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n";

ruleTester.run(rule, {
  valid: [
    { name: "without --host there is nothing to judge", yaml: `${HEAD}display: {type: spice, video: qxl}\n` },
    { name: "a 64-bit CPU on qemu-system-aarch64", yaml: `${HEAD}accel: tcg\ncpu: {model: cortex-a57}\n`, ...aarch64 },
    { name: "virtio-gpu on both", yaml: `${HEAD}display: {type: vnc, video: virtio-gpu}\n`, ...arm },
    {
      name: "a device named by QEMU's alias (virtio-iommu for virtio-iommu-pci)",
      argv: "qemu-system-aarch64 -M virt -device virtio-iommu\n",
      ...aarch64,
    },
    { name: "the machine alias virt", argv: "qemu-system-aarch64 -machine virt,accel=tcg -cpu max -S\n", ...aarch64 },
    {
      name: "-nodefconfig, which QEMU's removed list has (3.1): qemu-removed's finding, not a second one here",
      argv: "qemu-system-aarch64 -machine virt,accel=tcg -cpu max -nodefconfig\n",
      ...aarch64,
    },
    { name: "QMP commands it has", qmp: '{"execute": "qmp_capabilities"}\n{"execute": "query-status"}\n', ...aarch64 },
  ],
  invalid: [
    {
      name: "-nodefconfig with --qemu 2.9, which still had it: the host's 7.2 lacks it (qemu-removed says nothing for 2.9)",
      argv: "qemu-system-aarch64 -machine virt,accel=tcg -cpu cortex-a57 -nodefconfig\n",
      lint: { host: aarch64.lint.host, qemu: [2, 9] },
      errors: [{ messageId: "noOption", line: 1, column: 61, endLine: 1, endColumn: 73 }],
    },
    {
      name: "the issue's spice-desktop: no qxl-vga, at display.video",
      yaml: `${HEAD}display:\n  type: spice\n  video: qxl\n`,
      ...aarch64,
      errors: [
        {
          messageId: "noDevice",
          data: { host: "qemu-system-aarch64 7.2", name: "qxl-vga" },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 13,
        },
      ],
    },
    {
      name: "a 64-bit CPU on the 32-bit qemu-system-arm",
      yaml: `${HEAD}accel: tcg\ncpu: {model: cortex-a57}\n`,
      ...arm,
      errors: [
        { messageId: "noCpu", data: { host: "qemu-system-arm 7.2", name: "cortex-a57" }, line: 5, column: 14, endLine: 5, endColumn: 24 },
      ],
    },
    {
      name: "a machine type only qemu-system-aarch64 has",
      argv: "qemu-system-arm -machine sbsa-ref -m 1G\n",
      ...arm,
      errors: [
        { messageId: "noMachine", data: { host: "qemu-system-arm 7.2", name: "sbsa-ref" }, line: 1, column: 26, endLine: 1, endColumn: 34 },
      ],
    },
    {
      name: "a machine type newer than the binary",
      argv: "qemu-system-aarch64 -machine virt-9.0,accel=tcg -cpu max\n",
      ...aarch64,
      errors: [
        {
          messageId: "noMachine",
          data: { host: "qemu-system-aarch64 7.2", name: "virt-9.0" },
          line: 1,
          column: 30,
          endLine: 1,
          endColumn: 38,
        },
      ],
    },
    {
      name: "a QMP command it does not have",
      qmp: '{"execute": "qmp_capabilities"}\n{"execute": "query-cpus"}\n',
      ...aarch64,
      errors: [
        {
          messageId: "noCommand",
          data: { host: "qemu-system-aarch64 7.2", name: "query-cpus" },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 25,
        },
      ],
    },
  ],
});
