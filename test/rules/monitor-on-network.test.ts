// monitor-on-network: a QMP or HMP monitor on a TCP socket.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/monitor-on-network.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
monitors: {qmp: {socket: /run/vmspec/web.qmp}}
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -qmp unix:/run/web.qmp,server=on,wait=off -monitor none
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
monitors: {qmp: {tcp: "0.0.0.0:4444"}}
`,
      errors: [{ messageId: "chardevOnTcp", line: 4, column: 23, endLine: 4, endColumn: 37 }],
    },
    {
      name: "QMP on TCP, as libvirt-less test rigs do",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -qmp tcp:0.0.0.0:4444,server=on,wait=off
`,
      errors: [{ messageId: "onNetwork", line: 2, column: 3, endLine: 2, endColumn: 43 }],
    },
    {
      name: "The HMP monitor on telnet",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -monitor telnet:127.0.0.1:55555,server,nowait
`,
      errors: [{ messageId: "onNetwork", line: 2, column: 3, endLine: 2, endColumn: 48 }],
    },
    {
      name: "A monitor on a TCP chardev",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -chardev socket,id=mon0,host=0.0.0.0,port=4444,server=on,wait=off -mon chardev=mon0,mode=control
`,
      errors: [{ messageId: "chardevOnTcp", line: 2, column: 27, endLine: 2, endColumn: 39 }],
    },
  ],
});
