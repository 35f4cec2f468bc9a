// pc-sysfw-removed: -device pc-sysfw.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/pc-sysfw-removed.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: old
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-no-reboot]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1024 -runas qemu \\
  -drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/qemu/aavmf-aarch64-code.bin \\
  -drive if=pflash,format=raw,unit=1,file=/var/lib/vms/web_VARS.fd
`,
    },
  ],
  invalid: [
    {
      yaml: `name: old
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-device, pc-sysfw]
`,
      errors: [{ messageId: "removed", line: 4, column: 22, endLine: 4, endColumn: 30 }],
    },
    {
      name: "Carried over from an old x86 script",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1024 -runas qemu \\
  -device pc-sysfw -nographic
`,
      errors: [{ messageId: "removed", line: 2, column: 11, endLine: 2, endColumn: 19 }],
    },
    {
      name: "Driver= spelling",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1024 -runas qemu -device driver=pc-sysfw,id=fw
`,
      errors: [{ messageId: "removed", line: 1, column: 83, endLine: 1, endColumn: 98 }],
    },
  ],
});
