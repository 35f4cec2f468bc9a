// vnc-unauthenticated: a VNC or SPICE server reachable from the network without a password or TLS.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/vnc-unauthenticated.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: vnc, listen: 0.0.0.0, password: true}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -vnc 0.0.0.0:0,password=on -spice port=5930,addr=127.0.0.1,disable-ticketing=on
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: vnc, listen: 0.0.0.0}
`,
      errors: [{ messageId: "vncOpen", line: 4, column: 30, endLine: 4, endColumn: 37 }],
    },
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: spice, listen: 0.0.0.0}
`,
      errors: [{ messageId: "spiceOpen", line: 4, column: 32, endLine: 4, endColumn: 39 }],
    },
    {
      name: "The -vnc :0 of every quick start",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -vnc :0
`,
      errors: [{ messageId: "vncOpen", line: 2, column: 8, endLine: 2, endColumn: 10 }],
    },
    {
      name: "SPICE with tickets turned off",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -spice port=5930,disable-ticketing=on -device virtio-gpu-pci
`,
      errors: [{ messageId: "spiceOpen", line: 2, column: 3, endLine: 2, endColumn: 40 }],
    },
  ],
});
