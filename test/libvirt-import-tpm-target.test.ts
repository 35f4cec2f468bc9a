// `vmspec import` of a libvirt domain with a TPM picks a target QEMU that has the TPM device the
// domain uses: libvirt gives QEMU tpm-tis-device on aarch64 (QEMU 5.0 and later) for <tpm
// model='tpm-tis'> and for no model, and refuses every other model, so the target is at least 5.0
// (it was the default profile's 2.9, which build then refused with target-unsupported). The real
// libvirtd 9.0 (domxml-to-native) shows both: the device it gives QEMU, and its refusals, which
// import and lint repeat.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importLibvirt } from "../import/libvirt.js";
import { later } from "../qemu/since.js";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { useLibvirtd } from "./helpers/libvirt.js";

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

const domain = (model: string | undefined, name: string) => `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>1</vcpu>
  <os><type arch='aarch64' machine='virt'>hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-aarch64</emulator>
    <tpm${model === undefined ? "" : ` model='${model}'`}>
      <backend type='emulator' version='2.0'/>
    </tpm>
  </devices>
</domain>
`;

describe("libvirt 9.0 and vmspec agree on <tpm model> on aarch64", () => {
  const lv = useLibvirtd();
  it.each([[undefined], ["tpm-tis"], ["tpm-crb"], ["tpm-spapr"], ["tpm-tis-device"], ["spapr-tpm-proxy"]])(
    "model %s: what libvirt gives QEMU or how it refuses, import and lint say the same",
    (model) => {
      const dir = scratch("libvirt-tpm-model-");
      const file = join(dir, "domain.xml");
      writeFileSync(file, domain(model, `tpm${model ?? "none"}`));
      const native = lv().virsh(["domxml-to-native", "qemu-argv", file]);
      const imp = vmspec(["import", file, "-o", join(dir, "vm.yaml")]);
      const lint = vmspec(["lint", file, "-f", "json"]);
      const lintFindings = JSON.parse(lint.stdout).files.flatMap(
        (r: { findings: { ruleId: string; message: string; line: number }[] }) => r.findings,
      );
      if (native.code === 0) {
        // libvirt gives QEMU tpm-tis-device for no model and for tpm-tis.
        expect(native.stdout).toContain('"driver":"tpm-tis-device"');
        expect(model === undefined || model === "tpm-tis").toBe(true);
        expect(imp.code, imp.stderr).toBe(0);
        expect(lintFindings.filter((f: { ruleId: string }) => f.ruleId === "libvirt-syntax")).toEqual([]);
        return;
      }
      // libvirt refuses every other model: vmspec quotes its words, at the model attribute (line 8).
      const said = native.stderr.replace(/^error: /, "").trim();
      expect(said).toContain(`${model}`);
      expect(imp.code).not.toBe(0);
      expect(imp.stderr).toContain(said);
      expect(imp.stderr).toMatch(/:8:\d+/);
      expect(lint.code).not.toBe(0);
      const refusal = lintFindings.find((f: { ruleId: string }) => f.ruleId === "libvirt-syntax");
      expect(refusal?.message).toContain(said);
      expect(refusal?.line).toBe(8);
    },
  );
});

describe("libvirt import: a TPM counts for the target QEMU", () => {
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
