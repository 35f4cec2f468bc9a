// kubevirt-bios-firmware: a BIOS firmware image, which KubeVirt refuses on arm64 (only with --target kubevirt; docs/kubevirt.md).
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    'With `--target kubevirt` (and `vmspec build --format kubevirt`): `firmware.bios` would become `firmware.bootloader.bios`, which KubeVirt\'s arm64 admission (pkg/virt-api/webhooks/arm64.go, ValidateVirtualMachineInstanceArm64Setting) refuses: "Arm64 does not support bios boot, please change to uefi boot". An arm64 VirtualMachine boots UEFI (AAVMF) without secure boot; vmspec writes `bootloader: {efi: {secureBoot: false}}` for a spec with `firmware.uefi` or no firmware.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
firmware:
  bios: /usr/share/qemu/efi.img
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
firmware:
  uefi:
    code: /usr/share/AAVMF/AAVMF_CODE.fd
    vars: web_VARS.fd
`,
    },
  ],
  fix: "Use `firmware.uefi` (or no `firmware`): the manifest then asks for EFI without secure boot.",
};

export default specRule(
  {
    id: "kubevirt-bios-firmware",
    target: "kubevirt",
    defaultSeverity: "error",
    description: "a BIOS firmware image, which KubeVirt refuses on arm64",
    docs: DOCS,
    messages: {
      bios: 'KubeVirt refuses a BIOS bootloader on arm64 ("Arm64 does not support bios boot"): use firmware.uefi, which becomes EFI without secure boot',
    },
  },
  ({ spec, report }) => {
    if (spec.firmware?.bios !== undefined) report({ messageId: "bios", path: ["firmware", "bios"] });
  },
);
