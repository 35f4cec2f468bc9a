// `vmspec lint --host domain.xml`: the probed host binary judges a libvirt domain too, as the
// private real libvirtd (libvirt 9.0) does. This host's qemu-system-aarch64 has no KVM (an x86_64
// host): libvirt refuses <domain type='kvm'> ("does not support virt type 'kvm'") and host-lacks
// reports it at the type attribute, in the domain's words; type='qemu' passes both. A device the
// binary lacks (qxl-vga) libvirt refuses from the binary's capabilities.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { lintInput } from "../lint/lint.js";
import { locate } from "../core/positions.js";
import { probe } from "../qemu/probe.js";
import { useLibvirtd } from "./helpers/libvirt.js";
import { scratch } from "./helpers/workdir.js";

const env = { ...process.env, VMSPEC_CACHE_DIR: scratch("vmspec-probe-cache-") };
const host = probe("qemu-system-aarch64", { env }).host;

// As virt-install --arch aarch64 --machine virt writes it (no disk: nothing to boot is needed to be refused).
const domain = (type: string, extra = "") => `<domain type='${type}'>
  <name>k4</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='aarch64' machine='virt'>hvm</type>
  </os>
  <cpu mode='custom' match='exact'><model fallback='forbid'>cortex-a57</model></cpu>
  <devices>
    <emulator>/usr/bin/qemu-system-aarch64</emulator>${extra}
  </devices>
</domain>
`;

const hostLacks = (xml: string) => {
  const r = lintInput("libvirt", new TextEncoder().encode(xml), { baseDir: "/", host, profile: "sles15sp4" });
  return locate(
    r.text,
    r.findings.filter((f) => f.ruleId === "host-lacks"),
  );
};

describe("lint --host on a libvirt domain, against the real libvirtd", () => {
  const lv = useLibvirtd();
  const dir = scratch("vmspec-k4-");

  const toNative = (xml: string) => {
    const file = join(dir, "d.xml");
    writeFileSync(file, xml);
    return lv().virsh(["domxml-to-native", "qemu-argv", file]);
  };

  it("<domain type='kvm'>: libvirt refuses it, and host-lacks says so at type=", () => {
    const xml = domain("kvm");
    const r = toNative(xml);
    expect(host.kvm).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("does not support virt type 'kvm'");
    const found = hostLacks(xml);
    expect(found).toMatchObject([{ severity: "error", line: 1, column: xml.indexOf("type=") + 1 }]);
    expect(found[0].message).toContain("has no KVM accelerator");
    expect(found[0].message).toContain("write <domain type='qemu'> (libvirt's TCG)");
    expect(found[0].message).not.toContain("accel: tcg");
  });

  it("<domain type='qemu'>: libvirt accepts it, and host-lacks is silent", () => {
    const xml = domain("qemu");
    const r = toNative(xml);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("-accel tcg");
    expect(hostLacks(xml)).toEqual([]);
  });

  it("a video model the binary has no device for (qxl): libvirt refuses it, host-lacks reports it", () => {
    const xml = domain("qemu", "\n    <graphics type='vnc' port='-1'/>\n    <video><model type='qxl'/></video>");
    const r = toNative(xml);
    // libvirt asks the binary's capabilities: no qxl-vga, so no qxl model.
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("does not support video model 'qxl'");
    expect(host.devices).not.toContain("qxl-vga");
    const found = hostLacks(xml);
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining("has no device qxl-vga")]);
  });
});
