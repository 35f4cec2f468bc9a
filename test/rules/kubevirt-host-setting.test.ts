// kubevirt-host-setting: host-process settings KubeVirt's virt-launcher owns, said once as info.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-host-setting.js";

ruleTester.run(rule, {
  valid: [{ yaml: `name: web\nmemory: {size: 2GiB}\nrng: {}\nserial: {type: pty}\n` }],
  invalid: [
    {
      name: "VNC's address and password: the Kubernetes API reaches and authenticates VNC",
      yaml: `name: web\nmemory: {size: 2GiB}\ndisplay:\n  type: vnc\n  listen: 127.0.0.1\n  password: true\n`,
      errors: [
        {
          messageId: "host",
          data: {
            field: "display.listen",
            why: "KubeVirt's VNC is reached through the Kubernetes API (virtctl vnc), which authenticates it",
          },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 20,
        },
        { messageId: "host", line: 6, column: 13, endLine: 6, endColumn: 17 },
      ],
    },
    {
      yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nmonitors:\n  qmp:\n    socket: /run/web.qmp\n`,
      errors: [
        {
          messageId: "host",
          data: { field: "runAs", why: "virt-launcher runs QEMU as its own unprivileged user" },
          line: 3,
          column: 8,
          endLine: 3,
          endColumn: 12,
        },
        { messageId: "host", line: 4, column: 1, endLine: 4, endColumn: 9 },
      ],
    },
    {
      name: "the UEFI files and the guest agent's socket, each at its line",
      yaml: `name: web\nmemory: {size: 2GiB}\nfirmware:\n  uefi:\n    code: /usr/share/AAVMF/AAVMF_CODE.fd\n    vars: web_VARS.fd\nguestAgent:\n  socket: web.qga\n`,
      errors: [
        { messageId: "host", line: 5, column: 11, endLine: 5, endColumn: 41 },
        { messageId: "host", line: 6, column: 11, endLine: 6, endColumn: 22 },
        {
          messageId: "host",
          data: { field: "guestAgent.socket", why: "KubeVirt always adds the guest agent channel and reads it itself" },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 18,
        },
      ],
    },
    {
      name: "the admin fields KubeVirt leaves to itself: a VNC password file and WebSocket port, the serial log's file",
      lint: { qemu: [7, 2] },
      yaml: `name: web\nmemory: {size: 2GiB}\ndisplay: {type: vnc, passwordFile: vnc.pw, websocket: 5700}\nserial: {type: pty, logfile: serial.log}\n`,
      errors: [
        { messageId: "host", line: 3, column: 36, endLine: 3, endColumn: 42 },
        {
          messageId: "host",
          data: {
            field: "display.websocket",
            why: "KubeVirt's VNC is reached through the Kubernetes API (virtctl vnc, or a browser client on the API's vnc subresource, itself a WebSocket)",
          },
          line: 3,
          column: 55,
          endLine: 3,
          endColumn: 59,
        },
        {
          messageId: "host",
          data: {
            field: "serial.logfile",
            why: "KubeVirt logs the serial console (logSerialConsole) in the pod's guest-console-log container (kubectl logs <pod> -c guest-console-log), not in a host file",
          },
          line: 4,
          column: 30,
          endLine: 4,
          endColumn: 40,
        },
      ],
    },
  ],
});
