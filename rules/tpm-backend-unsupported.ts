// A TPM backend other than passthrough: the statement lists "-tpmdev passthrough ...", so the
// emulator backend (swtpm) is not supported. The supported backends are read from the statement.
import { optionRule, type RuleDocs } from "./rule.js";
import { firstValue } from "./option-helpers.js";
import { leadingValuesOf } from "./data/extract.js";
import type { Profile } from "./profile.js";
import { deviceSince, later } from "../qemu/since.js";

const DOCS: RuleDocs = {
  statement: "The following command line options are supported: ... -tpmdev passthrough ...",
  details:
    "A `-tpmdev` backend the statement does not name: it lists `-tpmdev passthrough` only, so `-tpmdev emulator` (swtpm, the backend most guides use) is not supported. The supported backends are the words the statement writes after `-tpmdev`, read from its lists, not written in the rule.",
  examples: [
    {
      lang: "sh",
      kind: "incorrect",
      // tpm-tis-device, the virt board's TPM, is QEMU 5.0's.
      qemu: "7.2",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -chardev socket,id=chrtpm,path=/run/swtpm/web.sock \\
  -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis-device,tpmdev=tpm0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      qemu: "7.2",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -tpmdev passthrough,id=tpm0,path=/dev/tpm0 -device tpm-tis-device,tpmdev=tpm0
`,
    },
  ],
  fix: "Under a SUSE profile, drop the TPM: no TPM can be used on the virt board under any of them (SLES 12 SP3, 15 SP1 and 15 SP2 target a QEMU older than 5.0, which has no `tpm-tis-device`; the SLES 15 SP3 statement lists `tpm-tis-device` as unsupported, SLES 15 SP4's as no longer recognized), and the message says which applies. Elsewhere pass the host TPM through (`-tpmdev passthrough,id=tpm0,path=/dev/tpm0`).",
};

/**
 * Why no TPM at all can be used on the virt board under the profile, or undefined: its only TPM
 * front end is tpm-tis-device (QEMU 5.0 and later; the ISA tpm-tis needs a PC), which the
 * profile's QEMU may not have, or its statement may list as unsupported or no longer recognized.
 */
function noTpm(profile: Profile): string | undefined {
  const since = deviceSince("tpm-tis-device")!;
  if (later(since, profile.qemuVersion))
    return `its QEMU ${profile.data.qemu} has no tpm-tis-device, the virt board's only TPM, which came in QEMU ${since.join(".")}`;
  const removed = profile.data.lists.changes.find((c) => c.item === "-device tpm-tis-device" && c.status === "removed");
  if (removed) return "the statement says -device tpm-tis-device, the virt board's only TPM, is no longer recognized";
  if (profile.deviceStatus("tpm-tis-device").status === "unsupported")
    return "the statement lists tpm-tis-device, the virt board's only TPM, as unsupported";
  return undefined;
}

export default optionRule(
  {
    id: "tpm-backend-unsupported",
    reads: ["-tpmdev"],
    defaultSeverity: "error",
    description: "a TPM backend other than passthrough",
    docs: DOCS,
    messages: {
      unsupported: "-tpmdev {{type}} is unsupported: the {{title}} supports only -tpmdev {{supported}}{{tail}}",
      emulator: "-tpmdev {{type}} is unsupported: the {{title}} supports only -tpmdev {{supported}}{{tail}}",
    },
  },
  ({ options, profile, report }) => {
    const supported = leadingValuesOf(profile.data.lists.supportedOptions, "-tpmdev");
    const none = noTpm(profile);
    for (const o of options) {
      if (o.flag !== "-tpmdev") continue;
      const type = firstValue(o, "type");
      if (type === undefined || type === "help" || type === "?" || supported.includes(type)) continue;
      report(o, {
        messageId: type === "emulator" ? "emulator" : "unsupported",
        data: {
          type: String(type),
          title: profile.data.title,
          supported: supported.join("|"),
          // Passthrough is the way only where a TPM can exist on the virt board at all.
          tail: none
            ? `, but under it no TPM can be used on the virt board (${none}): drop the TPM`
            : type === "emulator"
              ? " (a host TPM passed through, not swtpm)"
              : "",
        },
        prop: o.props?.[0]?.key,
      });
    }
  },
);
