// pci-assign-removed: -device pci-assign or kvm-pci-assign.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/pci-assign-removed.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
hostDevices: [{name: nic0, address: "0000:01:00.0"}]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device vfio-pci,host=0000:01:00.0
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-device, "pci-assign,host=01:00.0"]
`,
      errors: [{ messageId: "removedHost", line: 4, column: 22, endLine: 4, endColumn: 47 }],
      output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-device, "vfio-pci,host=01:00.0"]
`,
    },
    {
      name: "The exact swap: host=, id= and bootindex= carry over",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device kvm-pci-assign,host=01:00.0,id=hostnet0,bootindex=1
`,
      errors: [{ messageId: "removedHost", line: 2, column: 11, endLine: 2, endColumn: 25 }],
      output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device vfio-pci,host=01:00.0,id=hostnet0,bootindex=1
`,
    },
    {
      name: "A property vfio-pci lacks: a suggestion only",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device pci-assign,host=02:00.0,configfd=15
`,
      errors: [
        {
          messageId: "removedHost",
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 21,
          suggestions: [
            {
              messageId: "useVfio",
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device vfio-pci,host=02:00.0,configfd=15
`,
            },
          ],
        },
      ],
    },
    {
      name: "No host= to carry over",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu -device pci-assign,id=hostdev0
`,
      errors: [{ messageId: "removed", line: 1, column: 83, endLine: 1, endColumn: 93 }],
      output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu -device vfio-pci,id=hostdev0
`,
    },
  ],
});
