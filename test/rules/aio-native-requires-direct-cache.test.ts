// aio-native-requires-direct-cache: aio=native without cache=none, cache=directsync or cache.direct=on.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/aio-native-requires-direct-cache.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: /var/lib/vms/web.raw, format: raw, aio: native, cache: none}
  - {name: data, file: /var/lib/vms/data.qcow2, format: qcow2, aio: threads, cache: writeback}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/dev/vg0/web,format=raw,if=virtio,cache=none,aio=native \\
  -drive file=/dev/vg0/db,format=raw,if=virtio,cache=directsync,aio=native \\
  -drive file=/dev/vg0/log,format=raw,if=virtio,cache.direct=on,aio=native
`,
    },
  ],
  invalid: [
    {
      name: "A spec disk with native AIO and the writeback cache",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: /var/lib/vms/web.raw, format: raw, aio: native, cache: writeback}
`,
      errors: [{ messageId: "cacheNotDirect", line: 5, column: 64, endLine: 5, endColumn: 70 }],
    },
    {
      name: "Native AIO with QEMU's default cache (writeback)",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/dev/vg0/web,format=raw,if=virtio,aio=native
`,
      errors: [{ messageId: "needsDirect", line: 2, column: 49, endLine: 2, endColumn: 59 }],
    },
    {
      name: "The tuning guides' line, with the cache mode that defeats it",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/var/lib/libvirt/images/web.qcow2,format=qcow2,if=virtio,cache=writethrough,aio=native
`,
      errors: [{ messageId: "cacheNotDirect", line: 2, column: 91, endLine: 2, endColumn: 101 }],
    },
  ],
});
