// cpu-model-missing: KVM without -cpu: QEMU picks the machine's default CPU, not host.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/cpu-model-missing.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "-enable-kvm, then -machine accel=tcg: QEMU runs TCG, so KVM is not chosen",
      argv: `qemu-system-aarch64 -enable-kvm -machine virt,accel=tcg -m 1G -runas qemu -nographic
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -nographic
`,
    },
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
defaults: false
machine: {type: virt}
accel: kvm
cpu: {model: host}
`,
    },
    {
      name: "The defaults write -cpu host",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
`,
    },
  ],
  invalid: [
    {
      name: "The classic KVM line without -cpu",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -m 1G -runas qemu -nographic \\
  -drive file=/var/lib/vms/web.qcow2,format=qcow2,if=virtio
`,
      errors: [{ messageId: "missing", line: 1, column: 35, endLine: 1, endColumn: 44 }],
      output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -nographic \\
  -drive file=/var/lib/vms/web.qcow2,format=qcow2,if=virtio
`,
    },
    {
      name: "-enable-kvm spelling",
      argv: `qemu-system-aarch64 -M virt -enable-kvm -m 1G -runas qemu -nographic
`,
      errors: [{ messageId: "missing", line: 1, column: 29, endLine: 1, endColumn: 40 }],
      output: `qemu-system-aarch64 -M virt -enable-kvm -cpu host -m 1G -runas qemu -nographic
`,
    },
    {
      name: "-accel kvm spelling",
      argv: `qemu-system-aarch64 -M virt-2.6 -accel kvm -m 1G -runas qemu -nographic
`,
      errors: [{ messageId: "missing", line: 1, column: 33, endLine: 1, endColumn: 43 }],
      output: `qemu-system-aarch64 -M virt-2.6 -accel kvm -cpu host -m 1G -runas qemu -nographic
`,
    },
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
defaults: false
machine: {type: virt}
accel: kvm
`,
      errors: [{ messageId: "missing", line: 6, column: 8, endLine: 6, endColumn: 11 }],
    },
  ],
});
