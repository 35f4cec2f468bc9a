// runs-as-root: QEMU does not drop privileges (-runas).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/runs-as-root.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -nographic
`,
    },
    {
      name: "A -readconfig file holds part of a command line: not judged",
      readconfig: `[machine]
  type = "virt"
  accel = "kvm"
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
`,
      errors: [{ messageId: "noRunas", line: 1, column: 7, endLine: 1, endColumn: 10 }],
    },
    {
      name: "Started from a root shell or a unit without User=",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -nographic \\
  -drive file=/var/lib/vms/web.qcow2,format=qcow2,if=virtio
`,
      errors: [{ messageId: "noRunas", line: 1, column: 21, endLine: 1, endColumn: 44 }],
    },
  ],
});
