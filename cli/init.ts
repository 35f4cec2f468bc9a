// `vmspec init`: a starter VM spec that lints clean, with the modeline that gives editors the
// schema (completion, hover, validation) through yaml-language-server.
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { packageFile } from "../core/package-root.js";
import { UsageError, writeAtomic } from "../core/files.js";

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

export function starterConfig(schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# vmspec lint configuration: applies to every spec in this folder and below
# (the nearest .vmspec.yaml above a file wins).
profile: sles12sp3
extends: vmspec:recommended       # vmspec:strict turns warnings into errors
rules: {}                         # e.g. {runs-as-root: "off", qed-deprecated: error}
# overrides:
#   - files: ["lab/**"]
#     rules: {tcg-unsupported: "off"}   # lab hosts without KVM
ignore: []                        # globs relative to this folder, e.g. ["generated/**"]
# files: ["*.vmspec.yaml", "vms/*.yaml"]   # what \`vmspec lint <folder>\` takes (default *.vmspec.yaml, *.vmspec.yml)
requireSuppressionReasons: false  # true: "# vmspec-disable-next-line <id> -- <why>" must say why
`;
}

export function schemaRefFrom(dir: string, schemaFile: string): string {
  const ref = relative(dir, packageFile(schemaFile));
  return ref.startsWith(".") ? ref : `./${ref}`;
}

/**
 * Writes a starter spec to `file` and, when its folder has none, a commented .vmspec.yaml; the
 * modelines point at the installed schemas (or the spec's at `schemaUrl`). Returns what it wrote.
 */
export function init(file: string, opts: { force?: boolean; schemaUrl?: string }): string[] {
  const target = resolve(file);
  if (existsSync(target) && !opts.force) throw new UsageError(`${file} exists: use --force to replace it`);
  const ref = opts.schemaUrl ?? schemaRefFrom(dirname(target), "spec/vmspec.schema.json");
  const name =
    (target.split("/").pop() ?? "vm")
      .replace(/\.vmspec\.ya?ml$|\.ya?ml$/, "")
      .replace(/[^A-Za-z0-9_.-]/g, "-")
      .replace(/^[^A-Za-z]+/, "") || "vm";
  writeAtomic(target, starterSpec(ref, name));
  const written = [target];
  const config = join(dirname(target), ".vmspec.yaml");
  if (!existsSync(config)) {
    writeAtomic(config, starterConfig(schemaRefFrom(dirname(target), "spec/vmspec-config.schema.json")));
    written.push(config);
  }
  return written;
}
