// net-model-unsupported: -net nic with a model other than e1000, rtl8139 or virtio.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/net-model-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: legacy
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-net, "nic,model=virtio", -net, user]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -net nic,model=rtl8139 -net user -net nic,model=virtio -net nic
`,
    },
  ],
  invalid: [
    {
      yaml: `name: legacy
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-net, "nic,model=pcnet", -net, user]
`,
      errors: [{ messageId: "unsupported", line: 4, column: 19, endLine: 4, endColumn: 36 }],
    },
    {
      name: "The old -net pair from many blog posts, with the NE2000 model",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -net nic,model=ne2k_pci,macaddr=52:54:00:12:34:56 -net user
`,
      errors: [
        {
          messageId: "unsupported",
          data: { model: "ne2k_pci", models: "e1000, rtl8139, virtio" },
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 26,
        },
      ],
    },
    {
      name: "Two NICs, one fine and one not",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -net nic,vlan=0,model=e1000 -net nic,vlan=1,model=i82559er -net user,vlan=0 -net user,vlan=1
`,
      errors: [{ messageId: "unsupported", line: 2, column: 47, endLine: 2, endColumn: 61 }],
    },
  ],
});
