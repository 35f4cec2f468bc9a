// `vmspec lint` of a libvirt domain with two <controller type='pci' model='pcie-root-port'>: both
// unlisted-device warnings pointed at the first controller's line and column. Each points at its
// own element now; a spec's pci.rootPorts (a count) still has its one finding at the count.
import { describe, expect, it } from "vitest";
import { lintInput } from "../lint/lint.js";
import { locate } from "../core/positions.js";

const XML = `<domain type='kvm'>
  <name>rp</name>
  <memory unit='GiB'>1</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='aarch64' machine='virt'>hvm</type>
  </os>
  <cpu mode='host-passthrough'/>
  <devices>
    <emulator>/usr/bin/qemu-system-aarch64</emulator>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type='pci' index='1' model='pcie-root-port'/>
    <controller type='pci' index='2' model='pcie-root-port'/>
    <controller type='pci' index='3' model='pcie-root-port'/>
  </devices>
</domain>
`;

const at = (kind: "libvirt" | "spec", text: string) => {
  const r = lintInput(kind, new TextEncoder().encode(text), { baseDir: "/vms" });
  return locate(r.text, r.findings)
    .filter((f) => f.ruleId === "unlisted-device")
    .map((f) => `${f.line}:${f.column}`);
};

describe("each root port's finding at its own element", () => {
  it("three <controller model='pcie-root-port'>: three positions", () => {
    expect(at("libvirt", XML)).toEqual(["12:38", "13:38", "14:38"]);
  });
  it("a spec's pci.rootPorts: one finding, at the count", () => {
    expect(at("spec", "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\npci:\n  rootPorts: 3\n")).toEqual(["5:14"]);
  });
});
