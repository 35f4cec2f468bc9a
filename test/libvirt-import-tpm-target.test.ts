// `vmspec import` of a libvirt domain with a TPM picks a target QEMU that has the TPM device the
// domain uses: libvirt gives QEMU tpm-tis-device on aarch64 (QEMU 5.0 and later), whatever <tpm
// model> says, so the target is at least 5.0 (it was the default profile's 2.9, which build then
// refused with target-unsupported). The real QEMU 7.2 shows the device is tpm-tis-device, not the
// ISA tpm-tis the XML names.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importLibvirt } from "../import/libvirt.js";
import { later } from "../qemu/since.js";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { QEMU } from "./helpers/qemu.js";

const SWTPM = readFileSync(join(import.meta.dirname, "fixtures/libvirt/v9.10.0/xml/aarch64-tpm.xml"), "utf8");
// As virt-install --tpm /dev/tpm0 writes it.
const PASSTHROUGH = `<domain type="kvm">
  <name>tpmhost</name>
  <memory unit="KiB">1048576</memory>
  <vcpu>1</vcpu>
  <os><type arch="aarch64" machine="virt">hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-aarch64</emulator>
    <tpm model="tpm-tis">
      <backend type="passthrough">
        <device path="/dev/tpm0"/>
      </backend>
    </tpm>
  </devices>
</domain>
`;

describe("libvirt import: a TPM counts for the target QEMU", () => {
  it("QEMU 7.2's aarch64 build has tpm-tis-device, the TPM libvirt gives it (not the ISA tpm-tis)", () => {
    const help = spawnSync(QEMU, ["-machine", "virt", "-device", "help"], { encoding: "utf8" }).stdout;
    expect(help).toContain('name "tpm-tis-device"');
    expect(help).not.toContain('name "tpm-tis"');
  });

  it.each([
    ["swtpm (<backend type='emulator'>)", SWTPM, "<tpm> (QEMU's tpm-tis-device)", 11],
    ["a passthrough TPM, <tpm model='tpm-tis'>", PASSTHROUGH, "<tpm model='tpm-tis'> (QEMU's tpm-tis-device)", 8],
  ])("%s: a target of QEMU 5.0 or later, decided by the TPM, and a spec that builds", (_name, xml, what, line) => {
    const r = importLibvirt(xml);
    expect(r.error).toBeUndefined();
    expect(later([5, 0], r.qemu!)).toBe(false);
    expect(r.inferred?.decidedBy).toMatchObject({ version: [5, 0], what });
    expect(xml.slice(0, r.inferred!.decidedBy!.range![0]).split("\n").length).toBe(line);
    // The written spec builds with the TPM (under its profile's statement, which the header names).
    const dir = scratch("libvirt-tpm-");
    const file = join(dir, "domain.xml");
    writeFileSync(file, xml);
    const out = join(dir, "vm.yaml");
    const imp = vmspec(["import", file, "-o", out]);
    expect(imp.code, imp.stderr).toBe(0);
    const yaml = readFileSync(out, "utf8");
    const off = [...yaml.split("\n")[1].matchAll(/--rule (\S+=off)/g)].flatMap((m) => ["--rule", m[1]]);
    const b = vmspec(["build", out, "--format", "argv", "--accel", "tcg", "--cpu", "cortex-a57", ...off]);
    expect(b.stderr).not.toContain("target-unsupported");
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain("tpm-tis-device");
  });
});
