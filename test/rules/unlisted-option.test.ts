// unlisted-option: an option in neither of the statement's lists (a technology preview).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/unlisted-option.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-no-shutdown]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -no-shutdown -nographic
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-overcommit, mem-lock=on]
`,
      errors: [{ messageId: "unlisted", line: 4, column: 13, endLine: 4, endColumn: 24 }],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -overcommit mem-lock=on -audiodev pa,id=snd0
`,
      // Written for a QEMU that has it (a newer spelling than 2.9's: target-unsupported there).
      lint: { qemu: [7, 2] },
      errors: [
        { messageId: "unlisted", line: 2, column: 3, endLine: 2, endColumn: 26 },
        { messageId: "unlisted", line: 2, column: 27, endLine: 2, endColumn: 47 },
      ],
    },
  ],
});
