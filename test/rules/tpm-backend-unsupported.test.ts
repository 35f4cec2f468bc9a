// tpm-backend-unsupported: a TPM backend other than passthrough.
import { describe, expect, it } from "vitest";
import { ruleTester } from "../helpers/rule-tester.js";
import { lintInput } from "../../lint/lint.js";
import rule from "../../rules/tpm-backend-unsupported.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-tpmdev, "passthrough,id=tpm0,path=/dev/tpm0", -device, "tpm-tis-device,tpmdev=tpm0"]
`,
      // tpm-tis-device, the virt board's TPM, is QEMU 5.0's (the default target, 2.9, refuses it).
      lint: { qemu: [7, 2] },
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -tpmdev passthrough,id=tpm0,path=/dev/tpm0,cancel-path=/sys/class/tpm/tpm0/device/cancel -device tpm-tis-device,tpmdev=tpm0
`,
      // tpm-tis-device, the virt board's TPM, is QEMU 5.0's (the default target, 2.9, refuses it).
      lint: { qemu: [7, 2] },
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-chardev, "socket,id=chrtpm,path=/run/swtpm/web.sock", -tpmdev, "emulator,id=tpm0,chardev=chrtpm", -device, "tpm-tis-device,tpmdev=tpm0"]
`,
      // tpm-tis-device, the virt board's TPM, is QEMU 5.0's (the default target, 2.9, refuses it).
      lint: { qemu: [7, 2] },
      errors: [{ messageId: "emulator", line: 4, column: 77, endLine: 4, endColumn: 110 }],
    },
    {
      name: "Swtpm, as most guides set it up",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -chardev socket,id=chrtpm,path=/run/swtpm/web.sock \\
  -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis-device,tpmdev=tpm0
`,
      // tpm-tis-device, the virt board's TPM, is QEMU 5.0's (the default target, 2.9, refuses it).
      lint: { qemu: [7, 2] },
      errors: [{ messageId: "emulator", line: 3, column: 11, endLine: 3, endColumn: 19 }],
    },
    {
      name: "A misspelt backend type",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -tpmdev passthru,id=tpm0,path=/dev/tpm0 -device tpm-tis-device,tpmdev=tpm0
`,
      // tpm-tis-device, the virt board's TPM, is QEMU 5.0's (the default target, 2.9, refuses it).
      lint: { qemu: [7, 2] },
      errors: [{ messageId: "unsupported", line: 2, column: 11, endLine: 2, endColumn: 19 }],
    },
  ],
});

// The message is true per profile: under no SUSE profile can a TPM exist on the virt board, so
// "use -tpmdev passthrough" would send the user to a TPM that cannot be built either.
describe("tpm-backend-unsupported says why no TPM can be used, per profile", () => {
  const SWTPM = `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -chardev socket,id=chrtpm,path=/run/swtpm/web.sock \\
  -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis-device,tpmdev=tpm0
`;
  it.each([
    ["sles12sp3", "its QEMU 2.9 has no tpm-tis-device, the virt board's only TPM, which came in QEMU 5.0"],
    ["sles15sp1", "its QEMU 4.1 has no tpm-tis-device, the virt board's only TPM, which came in QEMU 5.0"],
    ["sles15sp2", "its QEMU 4.2 has no tpm-tis-device, the virt board's only TPM, which came in QEMU 5.0"],
    ["sles15sp3", "the statement lists tpm-tis-device, the virt board's only TPM, as unsupported"],
    ["sles15sp4", "the statement says -device tpm-tis-device, the virt board's only TPM, is no longer recognized"],
  ])("%s", (profile, why) => {
    const r = lintInput("argv", new TextEncoder().encode(SWTPM), { baseDir: "/vms", profile });
    const f = r.findings.find((x) => x.ruleId === "tpm-backend-unsupported");
    expect(f?.message).toContain(
      `supports only -tpmdev passthrough, but under it no TPM can be used on the virt board (${why}): drop the TPM`,
    );
    expect(f?.message).not.toContain("a host TPM passed through");
    // What the message says of the device is what the profile's own rules say of it.
    if (profile === "sles15sp3") expect(r.findings.map((x) => x.ruleId)).toContain("unsupported-device");
    if (profile === "sles15sp4") expect(r.findings.map((x) => x.ruleId)).toContain("statement-removed");
  });
});
