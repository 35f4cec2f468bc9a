// `vmspec import --from libvirt` writes a spec that `vmspec build` (argv and --format libvirt) builds
// back without flags and without losing or inventing what the domain says: a VNC password is left
// out and said, a libvirt network NIC is never a tap connected to nothing, autoport is said, user
// aliases and per-device boot orders come back as names and boot.order, the target comes from the
// domain. And `vmspec lint` on the XML judges what libvirt runs: no runs-as-root (libvirtd runs QEMU
// as qemu.conf's user), the USB controller the XML names. Inputs: a domain virt-install wrote for
// SLES 15 SP4 (a new user's, with passwd= and the default network), the virt-install-style and
// virsh dumpxml fixtures, and what a real libvirtd 9.0 makes of vmspec's own libvirt output.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { useLibvirtd } from "./helpers/libvirt.js";

const SLES15 = join(ROOT, "test/fixtures/libvirt-xml/virt-install-sles15-vnc-passwd.xml");
const VIRT_INSTALL = join(ROOT, "test/fixtures/libvirt-xml/virt-install-aarch64.xml");
const DUMPXML = join(ROOT, "test/fixtures/libvirt-xml/virsh-dumpxml-running.xml");
/** The statement's own findings on these domains (unsupported machine, swtpm, virtio-gpu): not what is tested here. */
const STATEMENT_OFF = [
  "unsupported-machine",
  "tpm-backend-unsupported",
  "unsupported-device",
  "unlisted-device",
  "statement-removed",
  "vnc-unauthenticated",
].flatMap((r) => ["--rule", `${r}=off`]);

function importTo(xml: string, extra: string[] = []): { file: string; yaml: string; dir: string } {
  const dir = scratch();
  const file = join(dir, "vm.vmspec.yaml");
  const r = vmspec(["import", xml, "-o", file, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return { file, yaml: readFileSync(file, "utf8"), dir };
}

function lintJson(file: string, extra: string[] = []) {
  const r = vmspec(["lint", file, "--format", "json", ...extra]);
  return (JSON.parse(r.stdout) as { files: { findings: { ruleId: string; line: number; column: number; message: string }[] }[] }).files[0]
    .findings;
}

describe("import of a <graphics passwd>", () => {
  it("leaves the password out of the spec, says so in the header, and the spec builds for libvirt with display.passwordFile", () => {
    const { file, yaml } = importTo(SLES15);
    expect(yaml).not.toContain("hunter2");
    expect(yaml).not.toMatch(/^ {2}password: true$/m);
    expect(yaml).toMatch(
      /^# Left out \(line 88\): <graphics passwd>: the display password is not written into the spec .*display\.passwordFile/m,
    );
    // The spec builds for libvirt (the statement's own findings aside): password: true would not.
    const pw = join(file, "..", "display.pw");
    writeFileSync(pw, "hunter2", { mode: 0o600 });
    const doc = parseDocument(readFileSync(file, "utf8"));
    doc.setIn(["display", "passwordFile"], pw);
    writeFileSync(file, doc.toString());
    const b = vmspec(["build", file, "--format", "libvirt", ...STATEMENT_OFF]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain("password-secret=");
    expect(b.stdout).not.toContain("hunter2");
  });

  it("still counts the XML's passwd as a password when linting the domain", () => {
    const ids = lintJson(SLES15).map((f) => f.ruleId);
    expect(ids).not.toContain("vnc-unauthenticated");
  });
});

describe("import of <interface type='network'>", () => {
  it("leaves a NIC on a libvirt network out, listed at the element, so the rebuilt domain has no NIC connected to nothing", () => {
    for (const [xml, line] of [
      [SLES15, 62],
      [VIRT_INSTALL, 76],
    ] as const) {
      const { file, yaml } = importTo(xml);
      expect(yaml).toMatch(
        new RegExp(`^# Not mapped \\(line ${line}\\): <interface type="network">: libvirt network "default" has no spec field`, "m"),
      );
      expect(yaml).not.toMatch(/type: tap/);
      const b = vmspec(["build", file, "--format", "libvirt", ...STATEMENT_OFF]);
      expect(b.code, b.stderr).toBe(0);
      expect(b.stdout).not.toContain('<interface type="ethernet"');
      // lint says so at the element (info), the way it says every element it does not map.
      const at = lintJson(xml).find((f) => f.ruleId === "libvirt-unmapped" && f.line === line);
      expect(at?.message).toMatch(/^<interface type="network"> is not linted: libvirt network "default"/);
    }
  });

  it("attaches the NIC to the bridge a running domain's XML names", () => {
    const { yaml } = importTo(DUMPXML);
    expect(yaml).toMatch(/^ {2}- name: net0\n {4}type: bridge\n {4}bridge: virbr0\n/m);
    expect(yaml).toMatch(/^# Filled in \(line 48\): <interface type='network'>: libvirt network "default" put this NIC on bridge virbr0/m);
  });
});

describe("import of autoport='yes'", () => {
  it("sets no port and says that the spec's display port is fixed", () => {
    const { yaml } = importTo(VIRT_INSTALL);
    expect(yaml).not.toMatch(/^ {2}port:/m);
    expect(yaml).toMatch(
      /^# Filled in \(line 100\): autoport='yes': libvirt gives the display the first free port from 5900 at each start; the spec has no automatic port/m,
    );
  });
});

describe("the target of a libvirt import", () => {
  it("is read from the domain's machine type and devices, written as # vmspec-profile / # vmspec-qemu, so the spec builds without flags", () => {
    const { file, yaml } = importTo(SLES15);
    expect(yaml).toMatch(
      /^# vmspec-profile sles15sp4\n# vmspec-qemu 7\.2\n# The domain needs QEMU 7\.2 \(<type machine='virt-7\.2'>; also model='qemu-xhci' needs 2\.10, <tpm model='tpm-tis'> \(QEMU's tpm-tis-device\) needs 5\.0\)/m,
    );
    // Without the comments (QEMU 2.9) the build stops at the machine type; with them it builds.
    const b = vmspec(["build", file, "--format", "argv", ...STATEMENT_OFF]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout.split("\n")).toContain("virt-7.2,accel=kvm,gic-version=3");
  });

  it("writes no target comment when nothing in the domain needs more than the default profile's QEMU", () => {
    // (Its TPM out too: libvirt gives QEMU tpm-tis-device, QEMU 5.0, which is a need of its own.)
    const xml = readFileSync(SLES15, "utf8")
      .replace("machine='virt-7.2'", "machine='virt'")
      .replace("model='qemu-xhci'", "model='ehci'")
      .replace(/ *<tpm model='tpm-tis'>[\s\S]*?<\/tpm>\n/, "");
    expect(xml).not.toContain("<tpm");
    const file = join(scratch(), "vm.xml");
    writeFileSync(file, xml);
    const { yaml } = importTo(file);
    expect(yaml).not.toMatch(/^# vmspec-(profile|qemu)/m);
    // The header says what build does with it: for 2.9, with the rules its statement refuses it by
    // (VNC on 0.0.0.0, virtio-gpu) turned off; nothing in it is beyond QEMU 2.9.
    expect(yaml).toMatch(/^# Imported by `vmspec import` from .*: `vmspec build --qemu 2\.9( --rule \S+=off)+` builds it: .*$/m);
    expect(yaml).not.toContain("target-unsupported");
  });

  it("follows --profile and --qemu as command-line import does", () => {
    const { yaml } = importTo(SLES15, ["--profile", "sles15sp3"]);
    expect(yaml).toMatch(/^# vmspec-profile sles15sp3$/m);
    expect(yaml).not.toMatch(/^# vmspec-qemu/m);
  });
});

describe("vmspec lint on a domain XML judges what libvirt runs", () => {
  it("does not report runs-as-root: libvirtd runs QEMU as qemu.conf's user", () => {
    for (const xml of [SLES15, VIRT_INSTALL, DUMPXML]) expect(lintJson(xml).map((f) => f.ruleId)).not.toContain("runs-as-root");
    // The same spec as YAML is started by vmspec: the rule is there.
    const { file } = importTo(SLES15);
    expect(lintJson(file).map((f) => f.ruleId)).toContain("runs-as-root");
  });

  it("names the USB controller the XML names (qemu-xhci), not the one a QEMU 2.9 target would build", () => {
    const f = lintJson(SLES15).filter((x) => x.line === 42);
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/^-device qemu-xhci is in neither device list/)]);
    expect(JSON.stringify(lintJson(SLES15))).not.toContain("nec-usb-xhci");
  });
});

describe("user aliases and boot order through a real libvirtd", () => {
  const lv = useLibvirtd();

  it("build --format libvirt, virsh define, virsh dumpxml, import: the devices' names and boot.order come back", () => {
    const dir = scratch();
    const spec = join(dir, "app03.vmspec.yaml");
    writeFileSync(
      spec,
      `# vmspec-profile sles15sp4
# vmspec-qemu 7.2
name: app03
accel: kvm
cpu: {count: 2, model: host}
memory: {size: 2GiB}
boot:
  order: [cdrom0, os]
disks:
  - {name: os, file: /var/lib/libvirt/images/app03.qcow2, format: qcow2, bus: virtio-blk}
  - {name: logs, file: /dev/vg0/app03-logs, format: raw, bus: virtio-scsi}
cdroms:
  - {name: cdrom0, file: /var/lib/libvirt/images/install.iso, bus: virtio-scsi}
networks:
  - {name: eth0, type: bridge, bridge: br0, model: virtio}
`,
    );
    // The test host has no /dev/kvm: built for TCG, as on a host that differs.
    const b = vmspec([
      "build",
      spec,
      "--format",
      "libvirt",
      "-o",
      join(dir, "app03.xml"),
      "--accel",
      "tcg",
      "--cpu",
      "cortex-a57",
      ...STATEMENT_OFF,
    ]);
    expect(b.code, b.stderr).toBe(0);
    lv().virshOk(["define", join(dir, "app03.xml")]);
    const dumped = join(dir, "dumped.xml");
    writeFileSync(dumped, lv().virshOk(["dumpxml", "app03"]));
    lv().virshOk(["undefine", "app03", "--nvram"]);
    const back = parseDocument(importTo(dumped).yaml).toJS() as Record<string, any>;
    expect(back.boot).toEqual({ order: ["cdrom0", "os"] });
    expect(back.disks.map((d: { name: string; bootindex?: number }) => [d.name, d.bootindex])).toEqual([
      ["os", undefined],
      ["logs", undefined],
    ]);
    expect(back.cdroms.map((d: { name: string }) => d.name)).toEqual(["cdrom0"]);
    expect(back.networks.map((d: { name: string }) => d.name)).toEqual(["eth0"]);
  });

  it("reads a virt-manager user's ua- aliases and <boot order> the same way", () => {
    // The test host has no /dev/kvm: libvirt defines a TCG domain (type qemu). libvirt 9.0 refuses
    // firmware autoselection with a read-only loader, which this hand-written domain has both of.
    const xml = readFileSync(VIRT_INSTALL, "utf8")
      .replace('<domain type="kvm"', '<domain type="qemu"')
      .replace('<os firmware="efi">', "<os>")
      .replace(/<firmware>[\s\S]*?<\/firmware>/, "")
      .replace('<cpu mode="host-passthrough" check="none"/>', '<cpu mode="custom"><model>cortex-a57</model></cpu>')
      .replace(/<boot dev="hd"\/>/, "")
      .replace(/(<target dev="vda" bus="virtio"\/>)/, '$1<boot order="2"/><alias name="ua-system"/>')
      .replace(/(<target dev="sda" bus="scsi"\/>)/, '$1<boot order="1"/><alias name="ua-installer"/>');
    const file = join(scratch(), "vm.xml");
    writeFileSync(file, xml);
    lv().virshOk(["define", file]);
    lv().virshOk(["undefine", "sles15sp5", "--nvram"]);
    const back = parseDocument(importTo(file).yaml).toJS() as Record<string, any>;
    expect(back.boot).toEqual({ order: ["installer", "system"] });
    expect(back.disks[0].name).toBe("system");
    expect(back.cdroms[0].name).toBe("installer");
  });
});
