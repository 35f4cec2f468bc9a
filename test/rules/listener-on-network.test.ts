// listener-on-network: a serial port, console, chardev, gdb stub or incoming migration listening on a network address.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/listener-on-network.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
incoming: "unix:/run/web/migrate.sock"
`,
    },
    {
      name: "A spec's telnet serial console and TCP console, on loopback by default and on ::1",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
serial: {type: telnet, port: 4555}
console: {type: tcp, host: "::1", port: 4556}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -serial telnet:127.0.0.1:4444,server,nowait \\
  -chardev socket,id=con0,path=/run/web/console.sock,server=on,wait=off \\
  -device virtio-serial-pci -device virtconsole,chardev=con0 \\
  -chardev socket,id=out,host=192.0.2.5,port=5000 -serial chardev:out
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
incoming: "tcp:0.0.0.0:4444"
`,
      errors: [{ messageId: "anyAddress", line: 4, column: 11, endLine: 4, endColumn: 29 }],
    },
    {
      name: "A spec's telnet serial console asked on every address",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
serial: {type: telnet, host: 0.0.0.0, port: 4555, logfile: /var/log/web/serial.log}
`,
      errors: [{ messageId: "anyAddress", line: 4, column: 30, endLine: 4, endColumn: 37 }],
    },
    {
      name: "The telnet serial console of many how-tos",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -serial telnet::4444,server,nowait
`,
      errors: [{ messageId: "anyAddress", line: 2, column: 3, endLine: 2, endColumn: 37 }],
    },
    {
      name: "A console chardev on every address, and the gdb stub",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -chardev socket,id=con0,host=0.0.0.0,port=4555,server=on,wait=off \\
  -device virtio-serial-pci -device virtconsole,chardev=con0 -s
`,
      errors: [
        { messageId: "anyAddress", line: 2, column: 27, endLine: 2, endColumn: 39 },
        { messageId: "anyAddress", line: 3, column: 62, endLine: 3, endColumn: 64 },
      ],
    },
    {
      name: "A specific LAN address is reachable too",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -incoming tcp:192.168.122.1:4444
`,
      errors: [{ messageId: "reachable", line: 2, column: 3, endLine: 2, endColumn: 35 }],
    },
  ],
});
