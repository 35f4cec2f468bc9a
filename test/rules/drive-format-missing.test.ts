// drive-format-missing: a -drive without format= (QEMU probes the image).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/drive-format-missing.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.img,format=raw,if=virtio"]
`,
    },
    {
      name: "Driver= is the other spelling of format=",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/data.img,driver=raw,if=virtio -drive file=/srv/b.qcow2,format=qcow2,if=virtio
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.img,if=virtio"]
`,
      errors: [
        {
          messageId: "probed",
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 51,
          suggestions: [
            {
              messageId: "addFormat",
              data: { format: "raw" },
              output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.img,format=raw,if=virtio"]
`,
            },
            {
              messageId: "addFormat",
              data: { format: "qcow2" },
              output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.img,format=qcow2,if=virtio"]
`,
            },
          ],
        },
      ],
    },
    {
      name: "The format declared for the same file elsewhere is the fix",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs:
  - -drive
  - file=/srv/data.raw,format=raw,if=virtio
  - -drive
  - file=/srv/data.raw,if=virtio,readonly=on
`,
      errors: [{ messageId: "probedDeclared", line: 8, column: 5, endLine: 8, endColumn: 45 }],
      output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs:
  - -drive
  - file=/srv/data.raw,format=raw,if=virtio
  - -drive
  - file=/srv/data.raw,format=raw,if=virtio,readonly=on
`,
    },
    {
      name: "As in countless blog posts",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=sles12sp3.qcow2,if=virtio
`,
      errors: [
        {
          messageId: "probed",
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 30,
          suggestions: [
            {
              messageId: "addFormat",
              data: { format: "raw" },
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=sles12sp3.qcow2,format=raw,if=virtio
`,
            },
            {
              messageId: "addFormat",
              data: { format: "qcow2" },
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=sles12sp3.qcow2,format=qcow2,if=virtio
`,
            },
          ],
        },
      ],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/data.raw,format=raw,if=none,id=d0 -device virtio-blk-pci,drive=d0 \\
  -drive file=/srv/data.raw,if=none,id=d1,readonly=on -device virtio-blk-pci,drive=d1
`,
      errors: [{ messageId: "probedDeclared", line: 3, column: 10, endLine: 3, endColumn: 28 }],
      output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/data.raw,format=raw,if=none,id=d0 -device virtio-blk-pci,drive=d0 \\
  -drive file=/srv/data.raw,format=raw,if=none,id=d1,readonly=on -device virtio-blk-pci,drive=d1
`,
    },
    {
      name: "A [drive] section without format",
      readconfig: `[drive]
  file = "/var/lib/vms/data.img"
  if = "virtio"
`,
      errors: [{ messageId: "probed", line: 2, column: 1, endLine: 2, endColumn: 33 }],
    },
  ],
});
