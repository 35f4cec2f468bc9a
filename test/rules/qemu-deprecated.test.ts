// qemu-deprecated: what the target QEMU deprecates, by QEMU's own deprecated list.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/qemu-deprecated.js";

const v72 = { lint: { qemu: [7, 2] as [number, number] } };

ruleTester.run(rule, {
  valid: [
    { name: "long-form booleans", argv: "qemu-system-aarch64 -M virt -chardev socket,id=m,path=/run/m.sock,server=on,wait=off\n", ...v72 },
    {
      name: "short-form booleans before 6.0",
      argv: "qemu-system-aarch64 -M virt -chardev socket,id=m,path=/run/m.sock,server,nowait\n",
      lint: { qemu: [5, 2] },
    },
    { name: "-watchdog before 6.2 deprecated it", argv: "qemu-system-aarch64 -M virt -watchdog i6300esb\n", lint: { qemu: [6, 1] } },
    // Removed, not deprecated: qemu-removed reports it.
    { name: "-watchdog once 7.2 removed it", argv: "qemu-system-aarch64 -M virt -watchdog i6300esb\n", ...v72 },
    { name: "runAs under QEMU 9.0", yaml: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n", lint: { qemu: [9, 0] } },
    { name: "eject by id", qmp: '{"execute": "eject", "arguments": {"id": "cd0"}}\n', ...v72 },
    {
      name: "virt-8.0 is not 3 years older than 10.2",
      argv: "qemu-system-aarch64 -machine virt-8.0,accel=kvm -cpu host\n",
      lint: { qemu: [10, 2] },
    },
    { name: "-cpu features are not QemuOpts booleans", argv: "qemu-system-aarch64 -M virt,accel=kvm -cpu host,pmu\n", ...v72 },
  ],
  invalid: [
    {
      name: "a monitor socket written as blog posts write it",
      argv: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -chardev socket,id=m,path=/run/m.sock,server,nowait\n",
      ...v72,
      errors: [
        {
          messageId: "shortForm",
          data: { what: "-chardev ...,server", since: "6.0", spelled: "server=on" },
          line: 1,
          column: 111,
          endLine: 1,
          endColumn: 117,
        },
        {
          messageId: "shortForm",
          data: { what: "-chardev ...,nowait", since: "6.0", spelled: "wait=off" },
          line: 1,
          column: 118,
          endLine: 1,
          endColumn: 124,
        },
      ],
    },
    {
      name: "-watchdog in 7.1, the release before its removal",
      argv: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -watchdog i6300esb\n",
      lint: { qemu: [7, 1] },
      errors: [{ messageId: "deprecatedUse", line: 1, column: 73, endLine: 1, endColumn: 91 }],
    },
    {
      name: "what the compiler emits for runAs, at its line, under QEMU 9.1",
      yaml: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n",
      lint: { qemu: [9, 1] },
      errors: [
        {
          messageId: "deprecatedUse",
          data: { what: "-runas", since: "9.1", later: " (removed in QEMU 10.0)", replacement: "-run-with user=" },
          line: 3,
          column: 8,
          endLine: 3,
          endColumn: 12,
        },
      ],
    },
    {
      name: "a deprecated property of the virt board",
      yaml: 'name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nextraArgs: [-machine, "dtb-kaslr-seed=off"]\n',
      ...v72,
      errors: [{ messageId: "deprecatedUse", line: 4, column: 23, endLine: 4, endColumn: 43 }],
    },
    {
      name: "a versioned machine type 3 years older than the target",
      argv: "qemu-system-aarch64 -machine virt-6.0,accel=kvm -cpu host\n",
      lint: { qemu: [10, 2] },
      errors: [
        {
          messageId: "machineOld",
          data: { target: "10.2", type: "virt-6.0", policy: "QEMU's versioned machine type policy", limit: "7.2" },
          line: 1,
          column: 30,
          endLine: 1,
          endColumn: 38,
        },
      ],
    },
    {
      name: "a deprecated argument of a QMP command",
      qmp: '{"execute": "qmp_capabilities"}\n{"execute": "eject", "arguments": {"device": "cd0"}}\n',
      ...v72,
      errors: [
        {
          messageId: "deprecatedUse",
          data: { what: "the QMP command eject's argument device", since: "2.8", later: "", replacement: "id" },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 20,
        },
      ],
    },
    {
      name: "deprecated HMP commands",
      hmp: "info capture\nstopcapture 0\n",
      lint: { qemu: [10, 2] },
      errors: [
        {
          messageId: "deprecated",
          data: { what: "the HMP command info capture", since: "10.2", later: "" },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 5,
        },
        { messageId: "deprecated", line: 2, column: 1, endLine: 2, endColumn: 12 },
      ],
    },
  ],
});
