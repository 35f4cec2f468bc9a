// `--target kubevirt`, `target: kubevirt` in .vmspec.yaml and `build --format kubevirt` judge QEMU
// versions against the QEMU virt-launcher ships (KubeVirt v1.0: QEMU 7.2, qemu/targets.ts
// KUBEVIRT_QEMU), not the profile's: SLES 12 SP3's QEMU 2.9 runs nothing on a cluster. A TPM
// (tpm-tis-device, QEMU 5.0) and ramfb (3.0), both of which KubeVirt's arm64 takes, are no
// target-unsupported errors there; for the QEMU target they still are; `--qemu` and a
// `# vmspec-qemu` comment still say which QEMU the cluster runs.
import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { KUBEVIRT_QEMU } from "../qemu/targets.js";

// The statement's own refusal of swtpm (tpm-backend-unsupported) is the profile's, on every target.
const SPEC = "name: kv\nmemory: {size: 1GiB}\nrunAs: qemu\ndisplay: {type: vnc, video: ramfb}\ntpm: {type: emulator}\n";
const STATEMENT_OFF = ["--rule", "tpm-backend-unsupported=off", "--rule", "unlisted-device=off"];

function lines(out: string, file: string): string[] {
  return out
    .split("\n")
    .filter((l) => l.includes("[target-unsupported]"))
    .map((l) => l.slice(file.length));
}

describe("the KubeVirt target's QEMU", () => {
  const dir = scratch("vmspec-kvq-");
  const file = join(dir, "kv.yaml");
  writeFileSync(file, SPEC);

  it("is KubeVirt v1.0's QEMU 7.2", () => {
    expect(KUBEVIRT_QEMU).toEqual([7, 2]);
  });

  it("--target qemu (the default) judges against the profile's QEMU 2.9: the TPM and ramfb are errors", () => {
    const r = vmspec(["lint", file, "--format", "compact", ...STATEMENT_OFF]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout, file)).toEqual([
      ":4:29: error: display.video compiles to -device ramfb, which needs QEMU 3.0 or later; the target QEMU 2.9 refuses it: change or remove it (QEMU 2.9 has -device virtio-gpu-pci), or target a newer QEMU (--qemu, --profile) [target-unsupported]",
      ":5:1: error: a TPM on the virt board needs QEMU 5.0 or later (tpm-tis-device); QEMU 2.9 has only the ISA tpm-tis, and the virt board has no ISA bus: target a newer QEMU (--qemu) or drop tpm [target-unsupported]",
    ]);
  });

  it("--target kubevirt judges against virt-launcher's QEMU: neither is an error", () => {
    const r = vmspec(["lint", "--target", "kubevirt", file, "--format", "compact", ...STATEMENT_OFF]);
    expect(lines(r.stdout, file)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("build --format kubevirt writes the manifest with the TPM and ramfb", () => {
    const r = vmspec(["build", file, "--format", "kubevirt", ...STATEMENT_OFF]);
    expect(r.code, r.stderr).toBe(0);
    const vm = parse(r.stdout);
    expect(vm.spec.template.spec.domain.devices.tpm).toEqual({});
    expect(vm.spec.template.spec.domain.devices.video).toEqual({ type: "ramfb" });
  });

  it("target: kubevirt in .vmspec.yaml reads the same; --target qemu on the command line overrides it", () => {
    const cfgDir = join(dir, "cluster");
    mkdirSync(cfgDir);
    const inCfg = join(cfgDir, "kv.yaml");
    writeFileSync(inCfg, SPEC);
    writeFileSync(join(cfgDir, ".vmspec.yaml"), "target: kubevirt\n");
    const r = vmspec(["lint", inCfg, "--format", "compact", ...STATEMENT_OFF]);
    expect(lines(r.stdout, inCfg)).toEqual([]);
    expect(r.code).toBe(0);
    expect(lines(vmspec(["lint", "--target", "qemu", inCfg, "--format", "compact", ...STATEMENT_OFF]).stdout, inCfg)).toHaveLength(2);
  });

  it("an explicit --qemu or # vmspec-qemu comment still names the cluster's QEMU", () => {
    const r = vmspec(["lint", "--target", "kubevirt", "--qemu", "4.2", file, "--format", "compact", ...STATEMENT_OFF]);
    expect(lines(r.stdout, file)).toEqual([
      ":5:1: error: a TPM on the virt board needs QEMU 5.0 or later (tpm-tis-device); QEMU 4.2 has only the ISA tpm-tis, and the virt board has no ISA bus: target a newer QEMU (--qemu) or drop tpm [target-unsupported]",
    ]);
    const commented = join(dir, "old-cluster.yaml");
    writeFileSync(commented, `# vmspec-qemu 2.9\n${SPEC}`);
    const c = vmspec(["lint", "--target", "kubevirt", commented, "--format", "compact", ...STATEMENT_OFF]);
    expect(lines(c.stdout, commented)).toHaveLength(2);
  });

  it("command lines are judged as before: KubeVirt takes none, so --target kubevirt leaves their target alone", () => {
    const script = join(dir, "launch.sh");
    writeFileSync(script, "qemu-system-aarch64 -M virt -m 1G -runas qemu -device ramfb\n");
    const r = vmspec(["lint", "--target", "kubevirt", "--argv", script, "--format", "compact"]);
    expect(r.stdout).toContain("-device ramfb needs QEMU 3.0 or later; the target QEMU 2.9 refuses it");
  });
});
