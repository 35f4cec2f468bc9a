// passt-forward-all-interfaces: a passt port forward that listens on every host address.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/passt-forward-all-interfaces.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "Loopback by default and on ::1",
      lint: { qemu: [7, 2] },
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - name: lan
    type: user
    backend: passt
    forwards:
      - {hostPort: 2222, guestPort: 22}
      - {hostAddress: "::1", hostPort: 2223, guestPort: 22}
      - {hostAddress: "2001:db8::10", hostPort: 8443, guestPort: 443}
`,
    },
    {
      name: "QEMU's own user network is hostfwd-all-interfaces' to judge",
      lint: { qemu: [7, 2] },
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: user, forwards: [{hostAddress: 0.0.0.0, hostPort: 2222, guestPort: 22}]}
`,
    },
  ],
  invalid: [
    {
      name: "SSH open on every IPv6 and IPv4 address",
      lint: { qemu: [7, 2] },
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - name: lan
    type: user
    backend: passt
    forwards:
      - {hostAddress: "::", hostPort: 2222, guestPort: 22}
      - {protocol: udp, hostAddress: 0.0.0.0, hostPort: 5353, guestPort: 53}
      - {hostAddress: "0:0:0:0:0:0:0:0", hostPort: 8080, guestPort: 80}
`,
      errors: [
        { messageId: "allInterfaces", line: 9, column: 23, endLine: 9, endColumn: 27 },
        { messageId: "allInterfaces", line: 10, column: 38, endLine: 10, endColumn: 45 },
        { messageId: "allInterfaces", line: 11, column: 23, endLine: 11, endColumn: 40 },
      ],
    },
  ],
});
