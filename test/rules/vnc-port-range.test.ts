// vnc-port-range: a VNC display.port below 5900 (a display number where a TCP port goes).
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/vnc-port-range.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: vnc, port: 5901}
`,
    },
    {
      name: "The SPICE port is passed as it is",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: spice, port: 3001, password: true}
`,
    },
  ],
  invalid: [
    {
      name: "A display number where the TCP port goes",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: vnc, port: 1}
`,
      errors: [{ messageId: "belowBase", line: 4, column: 28, endLine: 4, endColumn: 29 }],
    },
  ],
});
