// A TPM backend other than passthrough: the statement lists "-tpmdev passthrough ...", so the
// emulator backend (swtpm) is not supported. The supported backends are read from the statement.
import { optionRule, type RuleDocs } from "./rule.js";
import { firstValue } from "./option-helpers.js";
import { leadingValuesOf } from "./data/extract.js";

const DOCS: RuleDocs = {
  statement: "The following command line options are supported: ... -tpmdev passthrough ...",
  details:
    "A `-tpmdev` backend the statement does not name: it lists `-tpmdev passthrough` only, so `-tpmdev emulator` (swtpm, the backend most guides use) is not supported. The supported backends are the words the statement writes after `-tpmdev`, read from its lists, not written in the rule.",
  examples: [
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -chardev socket,id=chrtpm,path=/run/swtpm/web.sock \\
  -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis,tpmdev=tpm0
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -tpmdev passthrough,id=tpm0,path=/dev/tpm0 -device tpm-tis,tpmdev=tpm0
`,
    },
  ],
  fix: "Pass the host TPM through (`-tpmdev passthrough,id=tpm0,path=/dev/tpm0`), or drop the TPM.",
};

export default optionRule(
  {
    id: "tpm-backend-unsupported",
    reads: ["-tpmdev"],
    defaultSeverity: "error",
    description: "a TPM backend other than passthrough",
    docs: DOCS,
    messages: {
      unsupported: "-tpmdev {{type}} is unsupported: the {{title}} supports only -tpmdev {{supported}}",
      emulator: "-tpmdev {{type}} is unsupported: the {{title}} supports only -tpmdev {{supported}} (a host TPM passed through, not swtpm)",
    },
  },
  ({ options, profile, report }) => {
    const supported = leadingValuesOf(profile.data.lists.supportedOptions, "-tpmdev");
    for (const o of options) {
      if (o.flag !== "-tpmdev") continue;
      const type = firstValue(o, "type");
      if (type === undefined || type === "help" || type === "?" || supported.includes(type)) continue;
      report(o, {
        messageId: type === "emulator" ? "emulator" : "unsupported",
        data: { type: String(type), title: profile.data.title, supported: supported.join("|") },
        prop: o.props?.[0]?.key,
      });
    }
  },
);
