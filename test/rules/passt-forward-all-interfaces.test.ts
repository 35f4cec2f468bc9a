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
    {
      name: "Two passt without --socket: which one binds /tmp/passt_1.socket cannot be known",
      lint: { qemu: [7, 2] },
      argv: `passt -t 2222:22
passt -t 2223:22
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -device virtio-net-pci,netdev=s -netdev stream,id=s,server=off,addr.type=unix,addr.path=/tmp/passt_1.socket
`,
    },
    {
      name: "A script's passt bound to loopback, and a passt whose socket no -netdev stream uses",
      lint: { qemu: [7, 2] },
      argv: `#!/bin/sh
passt --socket /run/web/passt.sock -t 127.0.0.1/2222:22 -t ::1/2223:22 -u 127.0.0.1/5353:53
passt --socket /run/other.sock -t 2222:22
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev stream,id=n0,server=off,addr.type=unix,addr.path=/run/web/passt.sock -device virtio-net-pci,netdev=n0
`,
    },
  ],
  invalid: [
    {
      name: "passt's manual: -t 2222:22 (no address) in a script that starts it in the background",
      lint: { qemu: [7, 2] },
      argv: `#!/bin/bash
SOCK=/tmp/vm1-passt.sock
passt -f --socket "$SOCK" -t 2222:22 --tcp-ports=0.0.0.0/8080:80 -t ::1/8443:443 &
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev stream,id=n0,server=off,addr.type=unix,addr.path=$SOCK -device virtio-net-pci,netdev=n0
`,
      errors: [
        { messageId: "allInterfaces", line: 3, column: 30, endLine: 3, endColumn: 37 },
        { messageId: "allInterfaces", line: 3, column: 38, endLine: 3, endColumn: 65 },
      ],
    },
    {
      name: "passt's manual: no --socket, so passt binds /tmp/passt_1.socket, where QEMU connects",
      lint: { qemu: [7, 2] },
      argv: `./passt -f -t 2222:22 &
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu -display none -nodefaults -nographic \\
  -device virtio-net-pci,netdev=s -netdev stream,id=s,server=off,addr.type=unix,addr.path=/tmp/passt_1.socket
`,
      errors: [{ messageId: "allInterfaces", line: 1, column: 15, endLine: 1, endColumn: 22 }],
    },
    {
      name: "A systemd unit that starts passt with ExecStartPre=",
      lint: { qemu: [7, 2] },
      argv: `[Unit]
Description=web VM

[Service]
ExecStartPre=/usr/bin/passt --socket /run/web/passt.sock --pid /run/web/passt.pid -t 2222:22
ExecStart=/usr/bin/qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -netdev stream,id=n0,server=off,addr.type=unix,addr.path=/run/web/passt.sock -device virtio-net-pci,netdev=n0
`,
      errors: [{ messageId: "allInterfaces", line: 5, column: 86, endLine: 5, endColumn: 93 }],
    },
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
