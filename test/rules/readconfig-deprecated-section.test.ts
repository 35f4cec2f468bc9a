// readconfig-deprecated-section: [acpi], [boot-opts] or [smp-opts] in a -readconfig file.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/readconfig-deprecated-section.js";

ruleTester.run(rule, {
  valid: [
    {
      readconfig: `[machine]
  type = "virt"
  accel = "kvm"
`,
    },
  ],
  invalid: [
    {
      name: "A -readconfig file named on a command line is linted with it; the finding is at -readconfig.",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -readconfig web.cfg -nographic
`,
      files: { "web.cfg": `[smp-opts]\n  cpus = "4"\n  sockets = "1"\n` },
      errors: [{ messageId: "deprecated", line: 2, column: 3, endLine: 2, endColumn: 22 }],
    },
    {
      readconfig: `[machine]
  type = "virt"
  accel = "kvm"

[smp-opts]
  cpus = "2"
`,
      errors: [{ messageId: "deprecated", line: 5, column: 1, endLine: 6, endColumn: 13 }],
    },
    {
      name: "-writeconfig output of an old QEMU",
      readconfig: `# qemu config file

[boot-opts]
  order = "c"
  menu = "on"

[machine]
  type = "virt"
  accel = "kvm"
`,
      errors: [{ messageId: "deprecated", line: 3, column: 1, endLine: 5, endColumn: 14 }],
    },
  ],
});
