// hostfwd-all-interfaces: a port forward that listens on every host address.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/hostfwd-all-interfaces.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks: [{name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev user,id=n,hostfwd=tcp:127.0.0.1:2222-:22 -device virtio-net-pci,netdev=n
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks: [{name: lan, type: user, forwards: [{hostAddress: 0.0.0.0, hostPort: 2222, guestPort: 22}]}]
`,
      errors: [{ messageId: "allInterfaces", line: 4, column: 47, endLine: 4, endColumn: 100 }],
    },
    {
      name: "The ssh forward every quick-start guide shows",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev user,id=net0,hostfwd=tcp::2222-:22 -device virtio-net-pci,netdev=net0
`,
      errors: [{ messageId: "allInterfaces", line: 2, column: 24, endLine: 2, endColumn: 45 }],
    },
    {
      name: "Old -net user, udp on 0.0.0.0, and an empty protocol field (TCP, as QEMU reads it)",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -net nic,model=virtio -net user,hostfwd=udp:0.0.0.0:5353-:53,hostfwd=::8080-:80
`,
      errors: [
        { messageId: "allInterfaces", line: 2, column: 35, endLine: 2, endColumn: 63 },
        { messageId: "allInterfaces", line: 2, column: 64, endLine: 2, endColumn: 82 },
      ],
    },
  ],
});
