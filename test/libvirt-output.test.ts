// `vmspec build --format libvirt` without a daemon: every example and golden spec gives a domain XML
// that libvirt's own schema accepts (virt-xml-validate), the same bytes every time (test/golden/
// libvirt/<case>.xml, regenerate with UPDATE_GOLDEN=1 and review), hostile values come out
// well-formed and literal, and what libvirt cannot say is a warning at its YAML line.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSpec } from "../lint/build.js";
import { parseTarget } from "../qemu/targets.js";
import { locate } from "../core/positions.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { LIBVIRT_CASES } from "./helpers/libvirt-cases.js";

const GOLDEN = join(ROOT, "test/golden");
const OUT = join(GOLDEN, "libvirt");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function build(file: string, qemu: string, baseDir = "/vms") {
  const r = buildSpec(readFileSync(file), { format: "libvirt", baseDir, qemu: parseTarget(qemu) });
  const shown = locate(r.text, r.findings).map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`);
  return { output: r.output, findings: shown, raw: r };
}

function validate(xml: string): { code: number | null; out: string } {
  const dir = scratch("libvirt-xml-");
  writeFileSync(join(dir, "domain.xml"), xml);
  const r = spawnSync("virt-xml-validate", [join(dir, "domain.xml"), "domain"], { encoding: "utf8" });
  return { code: r.status, out: r.stdout + r.stderr };
}

function xpath(xml: string, expr: string): string {
  const dir = scratch("libvirt-xml-");
  writeFileSync(join(dir, "domain.xml"), xml);
  const r = spawnSync("xmllint", ["--xpath", expr, join(dir, "domain.xml")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`xmllint ${expr}: ${r.stderr}`);
  // xmllint ends its answer with a line break of its own.
  return r.stdout.replace(/\n$/, "");
}

describe("build --format libvirt", () => {
  for (const c of LIBVIRT_CASES) {
    it(`${c.name}: valid for libvirt's schema, deterministic, and as committed`, () => {
      const shell = buildSpec(readFileSync(c.file), { format: "shell", baseDir: "/vms", qemu: parseTarget(c.qemu) });
      const a = build(c.file, c.qemu);
      if (a.output === undefined) {
        // No XML where there is no command line either; or libvirt alone cannot take the spec,
        // which is then an output-format error (committed as <case>.err).
        const golden = join(OUT, `${c.name}.err`);
        const text = a.findings.join("\n") + "\n";
        if (shell.output !== undefined) {
          expect(a.findings.filter((f) => f.includes(" error ")).every((f) => f.endsWith("error output-format"))).toBe(true);
          if (UPDATE) writeFileSync(golden, text);
          expect(text).toBe(readFileSync(golden, "utf8"));
        }
        return;
      }
      expect(shell.output, "libvirt XML for a spec with no command line").toBeDefined();
      expect(build(c.file, c.qemu).output).toBe(a.output);
      const v = validate(a.output);
      expect(v.out).toContain("validates");
      expect(v.code).toBe(0);
      const path = join(OUT, `${c.name}.xml`);
      if (UPDATE) writeFileSync(path, a.output);
      expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(a.output).toBe(readFileSync(path, "utf8"));
    });
  }

  it("has a golden file for each case that builds for the command line, and no other", () => {
    const expected = LIBVIRT_CASES.filter(
      (c) => buildSpec(readFileSync(c.file), { format: "shell", baseDir: "/vms", qemu: parseTarget(c.qemu) }).output !== undefined,
    ).map((c) => (build(c.file, c.qemu).output !== undefined ? `${c.name}.xml` : `${c.name}.err`));
    if (UPDATE) for (const f of readdirSync(OUT)) if (!f.endsWith(".yaml") && !expected.includes(f)) unlinkSync(join(OUT, f));
    expect(
      readdirSync(OUT)
        .filter((f) => !f.endsWith(".yaml"))
        .sort(),
    ).toEqual(expected.sort());
    expect(expected.filter((f) => f.endsWith(".xml")).length).toBeGreaterThanOrEqual(10);
  });

  it("virt-2.6 with GICv3 is an error for libvirt at the GIC line: QEMU refuses libvirt's root ports there", () => {
    const r = build(join(GOLDEN, "all-features-7.2.yaml"), "7.2");
    expect(r.output).toBeUndefined();
    expect(r.findings).toEqual(expect.arrayContaining(["5:39 error output-format"]));
  });

  it("the CLI writes it, with the warnings on standard error at their YAML lines", () => {
    const dir = scratch("libvirt-cli-");
    const file = join(dir, "vm.yaml");
    writeFileSync(
      file,
      [
        "name: web01",
        "memory: {size: 1GiB}",
        "networks:",
        "  - name: lan",
        "    type: user",
        "    forwards:",
        "      - {hostPort: 2222, guestPort: 22}",
        "runAs: qemu",
        "extraArgs: [-no-reboot]",
        "",
      ].join("\n"),
    );
    const r = vmspec(["build", file, "--format", "libvirt", "--qemu", "7.2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<domain type="kvm" xmlns:qemu="http:\/\/libvirt.org\/schemas\/domain\/qemu\/1.0">/);
    expect(r.stderr).toMatch(/vm\.yaml:6:5: warning: libvirt 9\.0 cannot forward ports .* \[libvirt-passthrough\]/);
    expect(r.stderr).toMatch(/vm\.yaml:8:8: warning: libvirt runs QEMU as qemu\.conf's user .* \[libvirt-changed\]/);
    expect(r.stderr).toMatch(/vm\.yaml:9:13: warning: libvirt cannot say extraArgs.* \[libvirt-passthrough\]/);
    // What goes through is exactly the compiled options of those parts, nothing else.
    const args = xpath(r.stdout, "//*[local-name()='arg']/@value")
      .trim()
      .split("\n")
      .map((l) => l.trim().replace(/^value="(.*)"$/, "$1"));
    expect(args).toEqual([
      "-netdev",
      "user,id=net-lan,hostfwd=tcp:127.0.0.1:2222-:22",
      "-device",
      "virtio-net-pci,netdev=net-lan,id=lan,bus=pcie.0,addr=0x1f",
      "-no-reboot",
    ]);
  });

  it("a spec with nothing libvirt lacks gives no warning and no qemu namespace", () => {
    const r = build(join(ROOT, "test/golden/minimal.yaml"), "2.9");
    expect(r.findings.filter((f) => f.includes("libvirt-"))).toEqual([]);
    expect(r.output).not.toContain("qemu:");
  });

  it("hostile values come out well-formed and literal", () => {
    const dir = scratch("libvirt-hostile-");
    const file = join(dir, "vm.yaml");
    const name = `a"b'<c>&d]]>e`;
    const append = `console=ttyAMA0 x="<y>" & ]]> </cmdline><injected/>`;
    const disk = `d ]]> & <x> "q" &amp; &lt;.qcow2`;
    writeFileSync(
      file,
      [
        `name: ${JSON.stringify(name)}`,
        "memory: {size: 256MiB}",
        `kernel: {path: vmlinuz, append: ${JSON.stringify(append)}}`,
        `disks: [{name: d1, file: ${JSON.stringify(disk)}, format: qcow2}]`,
        `smbios: {product: "<product>&amp;", manufacturer: "]]>"}`,
        `extraArgs: ["-msg", "timestamp=on\\"/><qemu:arg value=\\"-S"]`,
        "",
      ].join("\n"),
    );
    const r = build(file, "7.2", dir);
    expect(r.output, r.findings.join("\n")).toBeDefined();
    const xml = r.output!;
    expect(validate(xml).code).toBe(0);
    expect(xpath(xml, "string(/domain/name)")).toBe(name);
    expect(xpath(xml, "string(/domain/os/cmdline)")).toBe(append);
    expect(xpath(xml, "string(/domain/devices/disk/source/@file)")).toBe(join(dir, disk));
    expect(xpath(xml, "string(/domain/sysinfo/system/entry[@name='product'])")).toBe("<product>&amp;");
    expect(xpath(xml, "string(/domain/sysinfo/system/entry[@name='manufacturer'])")).toBe("]]>");
    expect(xpath(xml, "count(//injected)")).toBe("0");
    // The hostile extraArgs value is one <qemu:arg>: two in all (-msg and its value).
    expect(xpath(xml, "count(//*[local-name()='arg'])")).toBe("2");
    expect(xpath(xml, "string(//*[local-name()='arg'][2]/@value)")).toBe('timestamp=on"/><qemu:arg value="-S');
  });

  it("a value libvirt refuses is an error at its line, and no XML is written", () => {
    const dir = scratch("libvirt-refused-");
    const file = join(dir, "vm.yaml");
    writeFileSync(file, "name: web01\nmemory: {size: 256MiB}\ndisks:\n  - {name: d1, file: d.qcow2, format: qcow2, serial: 'A&B'}\n");
    const out = join(dir, "vm.xml");
    const r = vmspec(["build", file, "--format", "libvirt", "--qemu", "7.2", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/vm\.yaml:4:\d+: error: libvirt allows only letters, digits.* in a disk serial: "A&B" \[output-format\]/);
    expect(existsSync(out)).toBe(false);
    // The same spec still builds as a command line: QEMU takes that serial.
    expect(vmspec(["build", file, "--format", "argv", "--qemu", "7.2"]).code).toBe(0);
  });

  it("a line break in an attribute value (a path) is an error at its line: XML would read it back as a space", () => {
    const dir = scratch("libvirt-refused-");
    const file = join(dir, "vm.yaml");
    writeFileSync(file, 'name: web01\nmemory: {size: 256MiB}\ndisks:\n  - {name: d1, file: "a\\nb.qcow2", format: qcow2}\n');
    const r = build(file, "7.2", dir);
    expect(r.output).toBeUndefined();
    expect(r.findings.filter((f) => f.includes(" error "))).toEqual(["4:22 error output-format"]);
    expect(buildSpec(readFileSync(file), { format: "shell", baseDir: dir, qemu: [7, 2] }).output).toBeDefined();
  });

  it("a name with a slash is an error at the name's line (libvirt refuses it)", () => {
    const dir = scratch("libvirt-refused-");
    const file = join(dir, "vm.yaml");
    writeFileSync(file, "memory: {size: 256MiB}\nname: a/b\n");
    const r = vmspec(["build", file, "--format", "libvirt", "--qemu", "7.2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/vm\.yaml:2:7: error: libvirt refuses a domain name with "\/"/);
  });
});

describe("issue 20's admin fields in the domain XML", () => {
  const spec = (lines: string[]) => {
    const dir = scratch("libvirt-admin-");
    const file = join(dir, "vm.yaml");
    writeFileSync(file, ["name: web01", "memory: {size: 1GiB}", ...lines, ""].join("\n"));
    return { dir, file };
  };

  it("qemuProperties.devices values come out literal in <qemu:override>, typed as QEMU's", () => {
    const hostile = `a"b'<c>&amp;]]></qemu:property><x/>`;
    const { dir, file } = spec([
      "disks: [{name: d1, file: d.qcow2, format: qcow2}]",
      "qemuProperties:",
      `  devices: {d1: {serial: ${JSON.stringify(hostile)}, write-zeroes: "off", discard_granularity: "4096", write-cache: "on"}}`,
    ]);
    const r = build(file, "7.2", dir);
    expect(r.output, r.findings.join("\n")).toBeDefined();
    const xml = r.output!;
    expect(validate(xml).code).toBe(0);
    const prop = (name: string, attr: string) => xpath(xml, `string(//*[local-name()='property'][@name='${name}']/@${attr})`);
    expect(prop("serial", "value")).toBe(hostile);
    expect(prop("serial", "type")).toBe("string");
    expect([prop("write-zeroes", "type"), prop("write-zeroes", "value")]).toEqual(["bool", "false"]);
    expect([prop("discard_granularity", "type"), prop("discard_granularity", "value")]).toEqual(["unsigned", "4096"]);
    // write-cache is on/off/auto: a string for QEMU, not a boolean.
    expect([prop("write-cache", "type"), prop("write-cache", "value")]).toEqual(["string", "on"]);
    expect(xpath(xml, "count(//x)")).toBe("0");
    expect(xpath(xml, "string(//*[local-name()='device'][*/*[@name='serial']]/@alias)")).toBe("ua-d1");
  });

  it("a property QEMU types as a boolean or a number, or a placement libvirt cannot say, is an error at its line", () => {
    const cases: [string[], RegExp][] = [
      [["  devices: {d1: {write-zeroes: maybe}}"], /virtio-blk-pci's write-zeroes is on or off/],
      [["  devices: {d1: {discard_granularity: 4k}}"], /as a number: write it in decimal digits, not "4k"/],
      // A root port that does not exist is device-placement's error (for every output), before the libvirt emitter's.
      [["  devices: {d1: {bus: rp2}}"], /^bus=rp2: no device before this one provides a bus of that name.*; the root ports are rp1$/],
      [["  devices: {d1: {bus: pcie.0}}"], /needs a slot \(addr\)/],
      [["  devices: {s1: {addr: '0x5'}}"], /s1 is not a PCI device here/],
    ];
    for (const [props, message] of cases) {
      const { dir, file } = spec([
        "pci: {rootPorts: 1}",
        "disks: [{name: d1, file: d.qcow2, format: qcow2}, {name: s1, file: s.qcow2, format: qcow2, bus: virtio-scsi}]",
        "qemuProperties:",
        ...props,
      ]);
      const r = build(file, "7.2", dir);
      expect(r.output, props[0]).toBeUndefined();
      expect(r.findings.filter((f) => f.includes(" error ")).map((f) => f.split(":")[0])).toEqual(["6"]);
      // (A bus that does not exist is also device-placement's error, at the same line.)
      expect(r.raw.findings.filter((f) => f.severity === "error").map((f) => f.message)).toContainEqual(expect.stringMatching(message));
    }
  });

  it("NUMA nodes all on hugepages: <hugepages/> for every node, with the mount left to qemu.conf (a warning at its line)", () => {
    const { dir, file } = spec([
      "memory: {size: 2GiB, hugepages: /dev/hugepages1G}",
      "cpu: {count: 2}",
      "# vmspec-disable-next-line unsupported-option",
      "numa: [{cpus: '0', memory: 1GiB}, {cpus: '1', memory: 1GiB}]",
    ]);
    // The spec's own memory line replaces the helper's.
    writeFileSync(file, readFileSync(file, "utf8").replace("memory: {size: 1GiB}\n", ""));
    const r = build(file, "7.2", dir);
    expect(r.output, r.findings.join("\n")).toBeDefined();
    expect(xpath(r.output!, "count(/domain/memoryBacking/hugepages)")).toBe("1");
    expect(xpath(r.output!, "count(/domain/cpu/numa/cell)")).toBe("2");
    expect(xpath(r.output!, "string(/domain/cpu/numa/cell[2]/@memory)")).toBe(String(1024 * 1024));
    expect(r.findings).toContain("2:33 warning libvirt-changed");
  });

  it("a bridge helper and a swtpm socket are libvirt-changed warnings at their lines; the XML has neither", () => {
    const { dir, file } = spec([
      "networks: [{name: up, type: bridge, bridge: br0, helper: /opt/qemu-bridge-helper}]",
      "# vmspec-disable-next-line tpm-backend-unsupported",
      "tpm: {type: emulator, socket: /run/swtpm.sock}",
    ]);
    const r = build(file, "7.2", dir);
    expect(r.output, r.findings.join("\n")).toBeDefined();
    expect(r.findings).toEqual(expect.arrayContaining(["3:58 warning libvirt-changed", "5:31 warning libvirt-changed"]));
    expect(r.output).not.toContain("helper");
    expect(r.output).not.toContain("swtpm.sock");
    expect(xpath(r.output!, "string(/domain/devices/tpm/backend/@type)")).toBe("emulator");
  });
});
