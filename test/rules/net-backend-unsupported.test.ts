// net-backend-unsupported: a network backend the statement lists as unsupported.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/net-backend-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks: [{name: lan, type: user}]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev tap,id=t,ifname=tap0,script=no,downscript=no -device virtio-net-pci,netdev=t \\
  -netdev bridge,id=b,br=br0 -device virtio-net-pci,netdev=b
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-netdev, "socket,id=s,listen=:1234"]
`,
      errors: [{ messageId: "unsupported", line: 4, column: 22, endLine: 4, endColumn: 48 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev vde,id=v -device virtio-net-pci,netdev=v
`,
      errors: [{ messageId: "unsupported", line: 2, column: 11, endLine: 2, endColumn: 14 }],
    },
    {
      name: "The old -net socket multicast form",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -net nic,model=virtio -net socket,mcast=230.0.0.1:1234
`,
      errors: [{ messageId: "unsupported", line: 2, column: 30, endLine: 2, endColumn: 36 }],
    },
  ],
});
