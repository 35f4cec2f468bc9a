// placeholder-unfilled: a ${NAME} placeholder left by vmspec import, not filled in.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/placeholder-unfilled.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "a dollar that is no placeholder",
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
kernel: {path: /srv/boot/Image, append: "console=ttyAMA0 root=$ROOT"}
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 1GiB}
runAs: qemu
kernel: {path: "\${KERNEL}"}
`,
      errors: [{ messageId: "unfilled", line: 4, column: 16, endLine: 4, endColumn: 27 }],
    },
    {
      name: "as import writes a script's unknown -name and option",
      yaml: `name: "\${VM}"
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-device, "virtio-net-pci,netdev=\${NET}"]
`,
      errors: [
        { messageId: "unfilled", line: 1, column: 7, endLine: 1, endColumn: 14 },
        { messageId: "unfilled", line: 4, column: 22, endLine: 4, endColumn: 52 },
      ],
    },
  ],
});
