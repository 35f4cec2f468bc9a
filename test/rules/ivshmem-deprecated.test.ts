// ivshmem-deprecated: -device ivshmem.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/ivshmem-deprecated.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-object, "memory-backend-file,id=m,share=on,mem-path=/dev/shm/s,size=4M", -device, "ivshmem-plain,memdev=m"]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -chardev socket,path=/tmp/ivshmem_socket,id=ivsh -device ivshmem-doorbell,chardev=ivsh,vectors=2
`,
    },
  ],
  invalid: [
    {
      name: "SLES 15 statements: no longer recognized",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -object memory-backend-file,id=shm0,share=on,mem-path=/dev/shm/ivshmem,size=4M -device ivshmem,memdev=shm0
`,
      lint: { profile: "sles15sp1" },
      errors: [
        {
          messageId: "removed",
          data: { profile: "sles15sp1", qemu: "4.1", instead: "ivshmem-plain (shared memory without interrupts) or ivshmem-doorbell" },
          line: 2,
          column: 90,
          endLine: 2,
          endColumn: 97,
        },
      ],
      output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -object memory-backend-file,id=shm0,share=on,mem-path=/dev/shm/ivshmem,size=4M -device ivshmem-plain,memdev=shm0
`,
    },
    {
      name: "Shared memory only: the fix is exact",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs:
  - -object
  - memory-backend-file,id=shm0,share=on,mem-path=/dev/shm/ivshmem,size=4M
  - -device
  - ivshmem,memdev=shm0
`,
      errors: [{ messageId: "deprecated", line: 8, column: 5, endLine: 8, endColumn: 24 }],
      output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs:
  - -object
  - memory-backend-file,id=shm0,share=on,mem-path=/dev/shm/ivshmem,size=4M
  - -device
  - ivshmem-plain,memdev=shm0
`,
    },
    {
      name: "The old shm= form: suggestions only",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-device, "ivshmem,shm=ivshmem,size=4M"]
`,
      errors: [{ messageId: "deprecated", line: 4, column: 22, endLine: 4, endColumn: 51 }],
    },
    {
      name: "With a chardev for interrupts: doorbell",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -chardev socket,path=/tmp/ivshmem_socket,id=ivsh -device ivshmem,chardev=ivsh
`,
      errors: [{ messageId: "deprecated", line: 2, column: 60, endLine: 2, endColumn: 67 }],
      output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -chardev socket,path=/tmp/ivshmem_socket,id=ivsh -device ivshmem-doorbell,chardev=ivsh
`,
    },
    {
      name: "The old shm= form on a command line: two suggestions, no fix",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device ivshmem,shm=ivshmem,size=1M
`,
      errors: [
        {
          messageId: "deprecated",
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 18,
          suggestions: [
            {
              messageId: "useInstead",
              data: { device: "ivshmem-plain" },
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device ivshmem-plain,shm=ivshmem,size=1M
`,
            },
            {
              messageId: "useInstead",
              data: { device: "ivshmem-doorbell" },
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device ivshmem-doorbell,shm=ivshmem,size=1M
`,
            },
          ],
        },
      ],
    },
  ],
});
