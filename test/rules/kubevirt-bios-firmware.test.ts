// kubevirt-bios-firmware: a BIOS firmware image, which KubeVirt refuses on arm64 (--target kubevirt).
import { ruleTester } from "../helpers/rule-tester.js";
import { lintInput } from "../../lint/lint.js";
import { expect, it } from "vitest";
import rule from "../../rules/kubevirt-bios-firmware.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nfirmware:\n  uefi:\n    code: /usr/share/AAVMF/AAVMF_CODE.fd\n    vars: web_VARS.fd\n`,
    },
    { name: "no firmware: KubeVirt boots EFI", yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\n` },
  ],
  invalid: [
    {
      yaml: `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nfirmware:\n  bios: /usr/share/qemu/efi.img\n`,
      errors: [{ messageId: "bios", line: 5, column: 9, endLine: 5, endColumn: 32 }],
    },
  ],
});

it("runs only when the target is KubeVirt", () => {
  const yaml = new TextEncoder().encode(`name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nfirmware:\n  bios: /usr/share/qemu/efi.img\n`);
  const ids = (target?: "qemu" | "kubevirt") => lintInput("spec", yaml, { baseDir: "/vms", target }).findings.map((f) => f.ruleId);
  expect(ids()).not.toContain("kubevirt-bios-firmware");
  expect(ids("qemu")).not.toContain("kubevirt-bios-firmware");
  expect(ids("kubevirt")).toContain("kubevirt-bios-firmware");
});
