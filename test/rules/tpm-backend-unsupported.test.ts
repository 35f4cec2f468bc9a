// tpm-backend-unsupported: a TPM backend other than passthrough.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/tpm-backend-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-tpmdev, "passthrough,id=tpm0,path=/dev/tpm0", -device, "tpm-tis,tpmdev=tpm0"]
`,
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -tpmdev passthrough,id=tpm0,path=/dev/tpm0,cancel-path=/sys/class/tpm/tpm0/device/cancel -device tpm-tis,tpmdev=tpm0
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-chardev, "socket,id=chrtpm,path=/run/swtpm/web.sock", -tpmdev, "emulator,id=tpm0,chardev=chrtpm", -device, "tpm-tis,tpmdev=tpm0"]
`,
      errors: [{ messageId: "emulator", line: 4, column: 77, endLine: 4, endColumn: 110 }],
    },
    {
      name: "Swtpm, as most guides set it up",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -chardev socket,id=chrtpm,path=/run/swtpm/web.sock \\
  -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis,tpmdev=tpm0
`,
      errors: [{ messageId: "emulator", line: 3, column: 11, endLine: 3, endColumn: 19 }],
    },
    {
      name: "A misspelt backend type",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -tpmdev passthru,id=tpm0,path=/dev/tpm0 -device tpm-tis,tpmdev=tpm0
`,
      errors: [{ messageId: "unsupported", line: 2, column: 11, endLine: 2, endColumn: 19 }],
    },
  ],
});
