// kubevirt-host-setting: host-process settings KubeVirt's virt-launcher owns, said once as info.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-host-setting.js";

ruleTester.run(rule, {
  valid: [{ yaml: `name: web\nmemory: {size: 2GiB}\nrng: {}\nserial: {type: pty}\n` }],
  invalid: [
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
  ],
});
