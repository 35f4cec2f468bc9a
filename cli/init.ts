// `vmspec init`: a starter VM spec that lints clean, with the modeline that gives editors the
// schema (completion, hover, validation) through yaml-language-server.
import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { packageFile } from "../spec/package-root.js";
import { UsageError, writeAtomic } from "./files.js";

export function starterSpec(schemaRef: string, name: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# A VM for vmspec: \`vmspec lint\` checks it, \`vmspec build\` prints the qemu-system-aarch64 command.
# Relative paths resolve against this file's folder.
name: ${name}
cpu:
  count: 2
memory:
  size: 2GiB
firmware:
  uefi:
    code: /usr/share/AAVMF/AAVMF_CODE.fd
    vars: ${name}_VARS.fd            # this VM's own UEFI variables, copied on first build
disks:
  - name: root
    file: ${name}.qcow2
    format: qcow2
    size: 20GiB                   # build emits qemu-img create when the image is missing
networks:
  - name: lan
    type: user
    forwards:
      - hostPort: 2222            # ssh -p 2222 localhost
        guestPort: 22
boot:
  order: [root]
runAs: qemu                       # drop root privileges after start-up
`;
}

/** Writes a starter spec to `file`; the modeline points at the installed schema (or `schemaUrl`). */
export function init(file: string, opts: { force?: boolean; schemaUrl?: string }): string {
  const target = resolve(file);
  if (existsSync(target) && !opts.force) throw new UsageError(`${file} exists: use --force to replace it`);
  let ref = opts.schemaUrl;
  if (!ref) {
    ref = relative(dirname(target), packageFile("spec/vmspec.schema.json"));
    if (!ref.startsWith(".")) ref = `./${ref}`;
  }
  const name = (target.split("/").pop() ?? "vm").replace(/\.vmspec\.ya?ml$|\.ya?ml$/, "").replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z]+/, "") || "vm";
  writeAtomic(target, starterSpec(ref, name));
  return target;
}
