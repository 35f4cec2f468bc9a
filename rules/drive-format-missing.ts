// -drive without format= (or -pflash, which cannot say one): QEMU then probes the image, and a raw
// image whose contents look like another format (written by the guest) would be opened as that
// format: a security risk. QEMU 7.2 warns of it for both ("Image format was not specified for
// '...' and probing guessed raw").
import { optionRule, type RuleDocs } from "./rule.js";
import { prop } from "../qemu/options.js";
import { escapeValue } from "../qemu/escape.js";

/**
 * The -drive that says what `-pflash <file>` means, with the file's commas doubled (QEMU would read
 * "my,vars.fd" as the file "my" and a key "vars.fd"); a firmware code image (`*_CODE.fd`, as
 * AAVMF_CODE.fd and QEMU_EFI_CODE.fd are named) read-only, as UEFI guides write it.
 */
export function pflashDrive(file: string): string {
  const readonly = /_CODE\.fd$/i.test(file) ? "readonly=on," : "";
  return `if=pflash,format=raw,${readonly}file=${escapeValue(file)}`;
}

const DOCS: RuleDocs = {
  statement: "-drive ... (if specified ... format=[qcow2|qed|raw] ...)",
  details:
    "`-drive` without `format=` (or its `driver=` spelling), and `-pflash <file>`, which has no way to say a format: QEMU probes the image, and a guest that writes a qcow2 header into a raw image (a UEFI variable store is one the guest writes) can change how it is opened next time (a known attack). QEMU 7.2 warns of it at start for both: `Image format was not specified for 'vars.fd' and probing guessed raw`. vmspec always writes `format=` (firmware.uefi writes its pflash pair as `-drive if=pflash,format=raw`).",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=data.img,if=virtio"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-drive, "file=data.img,format=raw,if=virtio"]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=data.img,if=virtio
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive file=data.img,format=raw,if=virtio
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -pflash /usr/share/AAVMF/AAVMF_CODE.fd -pflash vars.fd
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -drive if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd \\
  -drive if=pflash,format=raw,file=vars.fd
`,
    },
  ],
  fix: "Add `format=raw` or `format=qcow2`; write `-pflash <file>` as `-drive if=pflash,format=raw,file=<file>` (firmware is raw; the message writes it for you, with the file's commas doubled and `readonly=on` for a `*_CODE.fd` firmware image). `--fix` writes format= when the input declares the same file's format elsewhere, or, with `--check-images`, when `qemu-img info` reads the existing image as raw or qcow2; otherwise both are offered as suggestions only.",
};

export default optionRule(
  {
    id: "drive-format-missing",
    defaultSeverity: "warning",
    description: "a -drive without format=, or a -pflash (QEMU probes the image)",
    reads: ["-drive", "-pflash"],
    fixable: true,
    fixedFromImageFormat: true,
    docs: DOCS,
    messages: {
      probed:
        "-drive has no format=, so QEMU probes the image: a guest that writes a header into a raw image can change how it is opened; add format=raw or format=qcow2",
      probedDeclared:
        "-drive has no format=, so QEMU probes the image: a guest that writes a header into a raw image can change how it is opened; add format={{format}} (as declared elsewhere for {{file}})",
      addFormat: "add format={{format}}",
      pflash:
        "-pflash has no format, so QEMU probes {{file}}: a guest that writes a header into a raw image can change how it is opened; write it as -drive {{drive}}",
    },
  },
  ({ options, report }) => {
    // Most inputs give every -drive its format: then there is nothing to look up.
    let probed = false;
    for (const o of options)
      if (
        o.flag === "-pflash" ||
        (o.flag === "-drive" && prop(o, "format") === undefined && prop(o, "driver") === undefined && prop(o, "file") !== undefined)
      ) {
        probed = true;
        break;
      }
    if (!probed) return;
    // A format declared for the same file elsewhere in the input is the one to write here.
    const declared = new Map<string, string>();
    for (const o of options) {
      const file = prop(o, "file") ?? prop(o, "filename");
      const format = prop(o, "format");
      if (file && format) declared.set(file, format);
    }
    for (const o of options) {
      // -pflash <file> is a pflash drive whose format cannot be said (QEMU's drive_add(IF_PFLASH, -1, optarg, PFLASH_OPTS)).
      if (o.flag === "-pflash") {
        if (o.raw !== undefined) report(o, { messageId: "pflash", data: { file: o.raw, drive: pflashDrive(o.raw) } });
        continue;
      }
      const file = prop(o, "file");
      // driver= is the other spelling of format= (QEMU takes either, not both): nothing is probed.
      if (o.flag !== "-drive" || prop(o, "format") !== undefined || prop(o, "driver") !== undefined || file === undefined) continue;
      const known = declared.get(file);
      report(o, {
        messageId: known ? "probedDeclared" : "probed",
        data: known ? { format: known, file } : undefined,
        prop: "file",
        ...(known
          ? { fix: { prop: "file", append: `format=${known}` } }
          : {
              suggest: ["raw", "qcow2"].map((f) => ({
                messageId: "addFormat",
                data: { format: f },
                change: { prop: "file", append: `format=${f}` },
              })),
            }),
      });
    }
  },
);
