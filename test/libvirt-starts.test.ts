// `vmspec build --format libvirt` on the real libvirt (Debian 12's 9.0), in a private libvirtd this
// file starts and stops (test/helpers/libvirt.ts): every example and golden spec that builds,
// built for this host (TCG, cortex-a57, QEMU 7.2), passes virt-xml-validate, is defined and started
// paused (QMP query-status: prelaunch), and the running QEMU has the devices, disks, vCPUs, memory
// and name the spec promised (QMP through virsh qemu-monitor-command). Where this host lacks
// something (QXL, a VFIO device, hugepages, a TPM) the start fails with the error naming it. And
// the command line libvirt makes of the XML (virsh domxml-to-native), linted with the same
// profile, gives no error finding the spec's own command line does not give.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { VmSpec } from "../spec/types.js";
import { parseSize } from "../spec/size.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { buildJson, copyInto, prepareHost, scratch, touch } from "./helpers/workdir.js";
import { useLibvirtd } from "./helpers/libvirt.js";
import { LIBVIRT_CASES } from "./helpers/libvirt-cases.js";
import { corpusFiles } from "./helpers/corpus.js";
import { ALL_RULES_OFF } from "./helpers/import-corpus.js";
import { importCommandLine } from "../import/import.js";
import { importedYaml } from "../import/write-yaml.js";
import { buildSpec } from "../lint/build.js";

const HOST = ["--accel", "tcg", "--cpu", "cortex-a57", "--qemu", "7.2"];

const lv = useLibvirtd();

interface Staged {
  dir: string;
  file: string;
  spec: VmSpec;
  xml: string;
  xmlFile: string;
  images: string[];
}

/** Copies a spec into a scratch folder, applies host edits, creates its images and builds the XML. */
function stage(source: string, edit?: (doc: ReturnType<typeof parseDocument>, dir: string) => void): Staged {
  const dir = scratch("vmspec-lv-");
  const file = copyInto(dir, source, "vm.yaml");
  const doc = parseDocument(readFileSync(file, "utf8"));
  edit?.(doc, dir);
  writeFileSync(file, doc.toString());
  const spec = doc.toJS() as VmSpec;
  for (const s of spec.shares ?? []) mkdirSync(resolve(dir, s.path), { recursive: true });
  if (spec.kernel) {
    touch(resolve(dir, spec.kernel.path));
    if (spec.kernel.initrd) touch(resolve(dir, spec.kernel.initrd));
  }
  const built = buildJson(file);
  // libvirtd starts swtpm itself: the command line's swtpm step is not run.
  prepareHost({ ...built, prepare: built.prepare.filter((p) => !p.argv.includes("swtpm") && p.argv[0] !== "swtpm") });
  const r = vmspec(["build", file, "--format", "libvirt", ...HOST]);
  if (r.code !== 0) throw new Error(`vmspec build --format libvirt failed: ${r.stderr}`);
  const xmlFile = join(dir, "domain.xml");
  writeFileSync(xmlFile, r.stdout);
  return { dir, file, spec, xml: r.stdout, xmlFile, images: built.images.map((i) => i.path) };
}

/** Validates, defines and starts the domain paused; returns virsh's error when define or start fails. */
function defineAndStart(s: Staged): { started: boolean; error: string } {
  const v = spawnSync("virt-xml-validate", [s.xmlFile, "domain"], { encoding: "utf8" });
  expect(v.status, v.stdout + v.stderr).toBe(0);
  const d = lv().virsh(["define", s.xmlFile]);
  if (d.code !== 0) return { started: false, error: d.stderr };
  const r = lv().virsh(["start", "--paused", s.spec.name]);
  return { started: r.code === 0, error: r.stderr };
}

function cleanUp(s: Staged): void {
  lv().virsh(["destroy", s.spec.name]);
  lv().virsh(["undefine", "--nvram", s.spec.name]);
}

/** What the spec promises, as QOM types by device id: libvirt's `ua-<name>` aliases, or vmspec's id for what went through. */
function promisedDevices(spec: VmSpec): Record<string, string> {
  const out: Record<string, string> = {};
  const diskType = { "virtio-blk": "virtio-blk-pci", "virtio-scsi": "scsi-hd", "usb-storage": "usb-storage" };
  for (const d of spec.disks ?? []) out[`ua-${d.name}`] = diskType[d.bus ?? "virtio-blk"];
  for (const c of spec.cdroms ?? []) out[`ua-${c.name}`] = c.bus === "usb-storage" ? "usb-storage" : "scsi-cd";
  const nic = { virtio: "virtio-net-pci", e1000: "e1000", e1000e: "e1000e", rtl8139: "rtl8139" };
  // A user network with port forwards goes through <qemu:commandline> with vmspec's own id.
  // So does one with restrict.
  for (const n of spec.networks ?? [])
    out[n.type === "user" && (n.forwards?.length || n.restrict) ? n.name : `ua-${n.name}`] = nic[n.model ?? "virtio"];
  if (spec.display && spec.display.type !== "none")
    out["ua-video0"] = { std: "VGA", qxl: "qxl-vga", "virtio-gpu": "virtio-gpu-pci", ramfb: "ramfb" }[spec.display.video ?? "std"];
  if (spec.usb?.tablet) out["ua-usb-tablet"] = "usb-tablet";
  if (spec.usb?.keyboard) out["ua-usb-keyboard"] = "usb-kbd";
  if (spec.usb?.mouse) out["ua-usb-mouse"] = "usb-mouse";
  if (spec.console) out["ua-console0"] = "virtconsole";
  if (spec.guestAgent) out["ua-qga0"] = "virtserialport";
  if (spec.rng) out["ua-rng"] = "virtio-rng-pci";
  if (spec.balloon) out["ua-balloon0"] = "virtio-balloon-pci";
  if (spec.watchdog) out["ua-watchdog0"] = "i6300esb";
  // A mapped-file share goes through <qemu:commandline> with vmspec's own id.
  for (const s of spec.shares ?? []) out[s.securityModel === "mapped-file" ? `share-${s.tag}` : `ua-share-${s.tag}`] = "virtio-9p-pci";
  if (spec.pvpanic) out.pvpanic0 = "pvpanic-pci";
  if (spec.tpm?.type === "emulator") out["ua-tpm"] = "tpm-tis-device";
  for (const h of spec.usb?.host ?? []) out[`ua-${h.name}`] = "usb-host";
  // A root port that a NIC going through names goes through with it, with vmspec's id.
  const passedPorts = (spec.networks ?? [])
    .filter((n) => n.type === "user" && (n.forwards?.length || n.restrict))
    .map((n) => spec.qemuProperties?.devices?.[n.name]?.bus);
  for (let i = 1; i <= (spec.pci?.rootPorts ?? 0); i++) out[passedPorts.includes(`rp${i}`) ? `rp${i}` : `ua-rp${i}`] = "pcie-root-port";
  return out;
}

/** Controllers libvirt names itself: their QOM types must be there. */
function promisedControllers(spec: VmSpec): string[] {
  const out: string[] = [];
  if (spec.disks?.some((d) => d.bus === "virtio-scsi") || spec.cdroms?.some((c) => (c.bus ?? "virtio-scsi") === "virtio-scsi"))
    out.push("virtio-scsi-pci");
  const usb = spec.usb || spec.disks?.some((d) => d.bus === "usb-storage") || spec.cdroms?.some((c) => c.bus === "usb-storage");
  if (usb) out.push({ ehci: "usb-ehci", ohci: "pci-ohci", xhci: "qemu-xhci" }[spec.usb?.controller ?? "ehci"]);
  if (spec.console || spec.guestAgent) out.push("virtio-serial-pci");
  return out;
}

/** The running domain, seen through QMP. */
function inventory(name: string) {
  const peripherals: { name: string; type: string }[] = lv().qmp(name, "qom-list", { path: "/machine/peripheral" });
  const devices = Object.fromEntries(
    peripherals.filter((p) => p.type.startsWith("child<")).map((p) => [p.name, p.type.slice("child<".length, -1)]),
  );
  const blocks: any[] = lv().qmp(name, "query-block");
  return {
    status: lv().qmp(name, "query-status").status as string,
    name: lv().qmp(name, "query-name").name as string,
    cpus: (lv().qmp(name, "query-cpus-fast") as unknown[]).length,
    memory: lv().qmp(name, "query-memory-size-summary")["base-memory"] as number,
    devices,
    files: blocks.map((b) => b.inserted?.file).filter(Boolean) as string[],
    chardevs: (lv().qmp(name, "query-chardev") as any[]).map((c) => c.label as string),
  };
}

function assertPromises(s: Staged): ReturnType<typeof inventory> {
  const inv = inventory(s.spec.name);
  expect(inv.status).toBe("prelaunch");
  expect(inv.name).toBe(s.spec.name);
  const cpu = s.spec.cpu;
  expect(inv.cpus).toBe(cpu?.count ?? (cpu?.sockets ?? 1) * (cpu?.cores ?? 1) * (cpu?.threads ?? 1));
  expect(inv.memory).toBe(parseSize(s.spec.memory.size));
  expect(inv.devices).toMatchObject(promisedDevices(s.spec));
  expect(Object.values(inv.devices)).toEqual(expect.arrayContaining(promisedControllers(s.spec)));
  for (const d of [...(s.spec.disks ?? []), ...(s.spec.cdroms ?? [])]) {
    if (d.file === undefined) continue; // an empty CD-ROM tray
    const image = s.images.find((i) => basename(i) === basename(d.file!));
    expect(inv.files, `image of ${d.name}`).toContain(image);
  }
  if (s.spec.serial) expect(inv.chardevs).toContain("charua-serial0");
  return inv;
}

interface ArgvFinding {
  ruleId: string;
  severity: string;
  message: string;
}

function lintArgv(dir: string, name: string, text: string): ArgvFinding[] {
  const path = join(dir, name);
  writeFileSync(path, text);
  const r = vmspec(["lint", "--argv", path, "--format", "json", "--qemu", "7.2"]);
  const out = JSON.parse(r.stdout);
  return out.files.flatMap((f: { findings: ArgvFinding[] }) => f.findings);
}

/** Errors on libvirt's command line for the XML that the spec's own command line (same host flags) does not have. */
function newErrors(s: Staged): { libvirt: ArgvFinding[]; own: ArgvFinding[]; extra: string[] } {
  let native = lv().virshOk(["domxml-to-native", "qemu-argv", s.xmlFile]);
  expect(native).toContain("qemu-system-aarch64");
  // libvirt pins the alias `virt` to the host QEMU's versioned machine (virt-7.2 here), so that a
  // QEMU upgrade does not change the guest's hardware (docs/targets.md). The profile's QEMU (2.9)
  // has no virt-7.2; the spec asked for virt, which is what is linted.
  if ((s.spec.machine?.type ?? "virt") === "virt") {
    expect(native).toMatch(/ -machine virt-7\.2,/);
    native = native.replace(/ -machine virt-7\.2,/, " -machine virt,");
  }
  const own = vmspec(["build", s.file, "--format", "shell", ...HOST]);
  expect(own.code).toBe(0);
  const libvirt = lintArgv(s.dir, "libvirt.sh", native);
  const ownFindings = lintArgv(s.dir, "own.sh", own.stdout);
  const ownErrors = new Set(ownFindings.filter((f) => f.severity === "error").map((f) => f.ruleId));
  const extra = libvirt.filter((f) => f.severity === "error" && !ownErrors.has(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`);
  return { libvirt, own: ownFindings, extra };
}

const EXAMPLES = join(ROOT, "examples");

describe("examples on the real libvirt", () => {
  for (const example of ["minimal-uefi.yaml", "kernel-boot.yaml", "scsi-shares.yaml", "bridged-agent.yaml"]) {
    it(`${example}: defined, started paused, every promised device there; libvirt's command line adds no error`, () => {
      const s = stage(join(EXAMPLES, example));
      try {
        const r = defineAndStart(s);
        expect(r.started, r.error).toBe(true);
        assertPromises(s);
        expect(newErrors(s).extra).toEqual([]);
      } finally {
        cleanUp(s);
      }
    });
  }

  it("spice-desktop.yaml: Debian's aarch64 QEMU has no QXL, and libvirt says exactly that", () => {
    const s = stage(join(EXAMPLES, "spice-desktop.yaml"));
    try {
      const r = defineAndStart(s);
      expect(r.started).toBe(false);
      expect(r.error).toContain("domain configuration does not support video model 'qxl'");
    } finally {
      cleanUp(s);
    }
  });

  it("spice-desktop.yaml with VGA instead of QXL: SPICE on loopback, USB tablet and keyboard are there", () => {
    const s = stage(join(EXAMPLES, "spice-desktop.yaml"), (doc) => doc.setIn(["display", "video"], "std"));
    try {
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      assertPromises(s);
      expect(lv().qmp(s.spec.name, "query-spice")).toMatchObject({ enabled: true, host: "127.0.0.1", port: 5930 });
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });

  it("hugepages-vfio.yaml without the host device: this host has no hugetlbfs mount, and libvirt says so", () => {
    const s = stage(join(EXAMPLES, "hugepages-vfio.yaml"), (doc) => {
      doc.setIn(["memory", "size"], "256MiB");
      doc.deleteIn(["hostDevices"]);
    });
    try {
      const r = defineAndStart(s);
      expect(r.started).toBe(false);
      expect(r.error).toContain("hugetlbfs filesystem is not mounted");
    } finally {
      cleanUp(s);
    }
  });

  it("hugepages-vfio.yaml: the VFIO device needs host hardware, and libvirt says so before it looks at memory", () => {
    const s = stage(join(EXAMPLES, "hugepages-vfio.yaml"), (doc) => {
      doc.setIn(["memory", "size"], "256MiB");
    });
    try {
      const r = defineAndStart(s);
      expect(r.started).toBe(false);
      expect(r.error).toContain("host doesn't support passthrough of host PCI devices");
    } finally {
      cleanUp(s);
    }
  });

  it("hugepages-vfio.yaml without hugepages and the host device: preallocated memory, watchdog, pvpanic, SMBIOS", () => {
    const s = stage(join(EXAMPLES, "hugepages-vfio.yaml"), (doc) => {
      doc.setIn(["memory", "size"], "256MiB");
      doc.deleteIn(["memory", "hugepages"]);
      doc.deleteIn(["hostDevices"]);
      // This host's QEMU 7.2 has the virt board's panic device (pvpanic-pci); the example's 2.9 has none.
      doc.set("pvpanic", true);
    });
    try {
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      assertPromises(s);
      const memdev: any[] = lv().qmp(s.spec.name, "query-memdev");
      expect(memdev[0]).toMatchObject({ size: 256 * 1024 * 1024, prealloc: true });
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });
});

describe("the accelerator decides the domain type and the CPU mode", () => {
  it("accel: tcg with no CPU model: <domain type=qemu>, <cpu mode=maximum>, and QEMU runs a max-arm-cpu", () => {
    const dir = scratch("vmspec-lv-tcg-");
    const file = join(dir, "lab01.yaml");
    // The SLES documentation's shape for a host without KVM.
    writeFileSync(file, "name: lab01\naccel: tcg\ncpu: {count: 2}\nmemory: {size: 512MiB}\n");
    const r = vmspec(["build", file, "--format", "libvirt", "--qemu", "7.2"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('<domain type="qemu">');
    expect(r.stdout).toContain('<cpu mode="maximum" check="none"/>');
    const s: Staged = {
      dir,
      file,
      spec: { name: "lab01", memory: { size: "512MiB" }, cpu: { count: 2 } },
      xml: r.stdout,
      xmlFile: join(dir, "domain.xml"),
      images: [],
    };
    writeFileSync(s.xmlFile, r.stdout);
    try {
      const started = defineAndStart(s);
      expect(started.started, started.error).toBe(true);
      assertPromises(s);
      const cpus: any[] = lv().qmp("lab01", "query-cpus-fast");
      expect(lv().qmp("lab01", "qom-get", { path: cpus[0]["qom-path"], property: "type" })).toBe("max-arm-cpu");
    } finally {
      cleanUp(s);
    }
  });
});

describe("hostile values on the real libvirt", () => {
  it("a name and a kernel command line with quotes, <, & and ]]> reach libvirt and QEMU literally", () => {
    const dir = scratch("vmspec-lv-hostile-");
    const file = join(dir, "vm.yaml");
    const name = `a"b'<c>&d]]>e &amp;`;
    const append = `console=ttyAMA0 x="<y>" & ]]> </cmdline><injected/> &lt;`;
    writeFileSync(
      file,
      `name: ${JSON.stringify(name)}\naccel: tcg\nmemory: {size: 256MiB}\nkernel: {path: vmlinuz, append: ${JSON.stringify(append)}}\n`,
    );
    touch(join(dir, "vmlinuz"));
    const r = vmspec(["build", file, "--format", "libvirt", "--qemu", "7.2"]);
    expect(r.code, r.stderr).toBe(0);
    const s: Staged = {
      dir,
      file,
      spec: { name, memory: { size: "256MiB" } },
      xml: r.stdout,
      xmlFile: join(dir, "domain.xml"),
      images: [],
    };
    writeFileSync(s.xmlFile, r.stdout);
    try {
      const started = defineAndStart(s);
      expect(started.started, started.error).toBe(true);
      expect(lv().qmp(name, "query-name").name).toBe(name);
      const native = lv().virshOk(["domxml-to-native", "qemu-argv", s.xmlFile]);
      // The kernel command line is one shell word: the same text, quoted as the shell needs.
      expect(native).toContain(`-append '${append.replace(/'/g, "'\\''")}'`);
    } finally {
      cleanUp(s);
    }
  });
});

describe("golden specs on the real libvirt", () => {
  const goldens = LIBVIRT_CASES.filter((c) => !c.name.startsWith("example-"));
  for (const c of goldens) {
    it(`${c.name}: starts paused with what it promises, or fails naming what the host lacks`, () => {
      const text = readFileSync(c.file, "utf8");
      const dir = scratch("vmspec-lv-probe-");
      writeFileSync(join(dir, "vm.yaml"), text);
      const lvBuild = vmspec(["build", join(dir, "vm.yaml"), "--format", "libvirt", ...HOST]);
      if (lvBuild.code !== 0) {
        // A spec that does not build gives no XML, for libvirt as for the command line; or libvirt
        // alone cannot take it, and says why (output-format; see libvirt-output.test.ts).
        const shell = vmspec(["build", join(dir, "vm.yaml"), "--format", "shell", ...HOST]);
        if (shell.code === 0) expect(lvBuild.stderr).toMatch(/error: libvirt .* \[output-format\]/);
        return;
      }
      const s = stage(c.file);
      try {
        const r = defineAndStart(s);
        if (c.name === "admin-fields-7.2") {
          // Its host USB devices: this host has no USB bus at all.
          expect(r.started).toBe(false);
          expect(r.error).toContain("cannot open directory '/sys/bus/usb/devices'");
          return;
        }
        if (c.name === "storage-7.2" || c.name === "blockdev-7.2") {
          // The database disk is an LVM volume this host does not have.
          expect(r.started).toBe(false);
          expect(r.error).toContain("/dev/vg0/db");
          return;
        }
        if (c.name.includes("all-features")) {
          // Every feature at once needs host hardware this host lacks; libvirt names the first.
          expect(r.started).toBe(false);
          expect(r.error).toContain("host doesn't support passthrough of host PCI devices");
          return;
        }
        expect(r.started, r.error).toBe(true);
        assertPromises(s);
        expect(newErrors(s).extra).toEqual([]);
      } finally {
        cleanUp(s);
      }
    });
  }

  it("libvirt/all-features-virt without what this host lacks (VFIO, TPM, hugetlbfs, LVM): everything else is there", () => {
    const s = stage(join(ROOT, "test/golden/libvirt/all-features-virt.yaml"), (doc) => {
      doc.deleteIn(["hostDevices"]);
      doc.deleteIn(["tpm"]);
      doc.deleteIn(["memory", "hugepages"]);
      doc.setIn(["disks", 1, "file"], "scratch.raw");
    });
    try {
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      const inv = assertPromises(s);
      // The passthrough parts are there too: both monitors' sockets, the -global, -msg.
      expect(inv.chardevs).toEqual(expect.arrayContaining(["qmp", "hmp"]));
      expect(lv().qmp(s.spec.name, "qom-get", { path: "/machine/peripheral/ua-root", property: "scsi" })).toBe(false);
      expect(lv().qmp(s.spec.name, "query-vnc")).toMatchObject({ enabled: true, host: "127.0.0.1", service: "5901" });
      // The tap NIC is multi-queue on the existing tap0 (libvirt's managed="no").
      expect(lv().qmp(s.spec.name, "qom-get", { path: "/machine/peripheral/ua-fast", property: "mq" })).toBe(true);
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });
});

describe("libvirt's own command lines, imported and built back for libvirt", () => {
  it("every corpus file (test/fixtures/libvirt) gives a domain that validates and that the real libvirtd defines, or an output-format error", () => {
    const dir = scratch("vmspec-lv-corpus-");
    const files = corpusFiles();
    const defined: string[] = [];
    const refused: string[] = [];
    for (const f of files) {
      const imported = importCommandLine(readFileSync(f.path, "utf8"), "argv", { qemu: [7, 2] });
      const yaml = new TextEncoder().encode(importedYaml(imported, { source: f.name, schemaRef: "../spec/vmspec.schema.json" }));
      const opts = { baseDir: "/", rules: ALL_RULES_OFF, qemu: [7, 2] as const, overrides: { accel: "tcg" as const, cpu: "max" } };
      expect(buildSpec(yaml, { ...opts, format: "json" }).output, `${f.name} builds as a command line`).toBeDefined();
      const built = buildSpec(yaml, { ...opts, format: "libvirt" });
      if (built.output === undefined) {
        const errors = built.findings.filter((x) => x.severity === "error");
        expect(errors.map((e) => e.ruleId)).toEqual(["output-format"]);
        refused.push(`${f.name}: ${errors[0].message}`);
        continue;
      }
      const xmlFile = join(dir, `${f.version}-${f.name}.xml`);
      writeFileSync(xmlFile, built.output);
      const v = spawnSync("virt-xml-validate", [xmlFile, "domain"], { encoding: "utf8" });
      expect(v.status, `${f.name}: ${v.stderr}`).toBe(0);
      const d = lv().virsh(["define", xmlFile]);
      expect(d.code, `${f.name}: ${d.stderr}`).toBe(0);
      const name = spawnSync("xmllint", ["--xpath", "string(/domain/name)", xmlFile], { encoding: "utf8" }).stdout.trim();
      lv().virshOk(["undefine", "--nvram", name]);
      defined.push(f.name);
    }
    expect(files.length).toBe(92);
    expect(defined.length).toBe(89);
    // Under TCG (this host), a versioned virt board before 6.2 with GICv3 has no ITS for libvirt's root ports.
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r).toMatch(/virt-4\.2 with GICv3 has no ITS under TCG/);
  }, 600000);
});

// Issue 20's admin fields as libvirt maps them (compiler/emit/libvirt.ts), checked in the running
// QEMU through QMP: what the XML says must be what QEMU got.
describe("issue 20's admin fields on the real libvirt", () => {
  const GOLDEN = join(ROOT, "test/golden");
  const qomGet = (dom: string, path: string, property: string) => lv().qmp(dom, "qom-get", { path, property });

  it("storage-7.2 (the LVM volume on a file): detect-zeroes, I/O limits and the throttle group, I/O threads on virtio-blk and the virtio-scsi controller, an empty tray", () => {
    const s = stage(join(GOLDEN, "storage-7.2.yaml"), (doc) => doc.setIn(["disks", 1, "file"], "db.raw"));
    try {
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      assertPromises(s);
      const blocks: any[] = lv().qmp("storage", "query-block");
      const byDev = (alias: string) => blocks.find((b) => b.qdev === alias || b.qdev === `/machine/peripheral/${alias}/virtio-backend`);
      expect(byDev("ua-root").inserted.detect_zeroes).toBe("unmap");
      expect(byDev("ua-db").inserted).toMatchObject({ detect_zeroes: "on", iops_rd: 2000, iops_wr: 1000, bps: 104857600, iops: 0 });
      expect(byDev("ua-logs").inserted).toMatchObject({ detect_zeroes: "off", iops: 500, group: "slow" });
      expect(byDev("ua-backup").inserted).toMatchObject({ iops: 500, group: "slow" });
      expect(byDev("ua-install").inserted).toBeUndefined();
      const threads = (lv().qmp("storage", "query-iothreads") as { id: string }[]).map((t) => t.id).sort();
      expect(threads).toEqual(["iothread1", "iothread2"]);
      expect(qomGet("storage", "/machine/peripheral/ua-root", "iothread")).toBe("/objects/iothread1");
      expect(qomGet("storage", "/machine/peripheral/ua-backup", "iothread")).toBe("/objects/iothread1");
      expect(qomGet("storage", "/machine/peripheral/scsi0", "iothread")).toBe("/objects/iothread2");
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });

  it("consoles-7.2: a telnet serial on loopback and a raw TCP console on ::1, each logging to its file; wait is a warning at its line", () => {
    const s = stage(join(GOLDEN, "consoles-7.2.yaml"));
    try {
      const built = vmspec(["build", s.file, "--format", "libvirt", ...HOST]);
      // At the wait field (stage() rewrites the file, so its line is looked up).
      const waitLine =
        readFileSync(s.file, "utf8")
          .split("\n")
          .findIndex((l) => /^\s*wait: true/.test(l)) + 1;
      expect(waitLine).toBeGreaterThan(0);
      expect(built.stderr).toMatch(
        new RegExp(`vm\\.yaml:${waitLine}:\\d+: warning: libvirt never lets a console server wait .*\\[libvirt-changed\\]`),
      );
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      assertPromises(s);
      const chardevs: { label: string; filename: string }[] = lv().qmp("consoles", "query-chardev");
      const file = (label: string) => chardevs.find((c) => c.label === label)?.filename;
      expect(file("charua-serial0")).toBe("disconnected:telnet:127.0.0.1:4555,server=on");
      expect(file("charua-console0")).toBe("disconnected:tcp:::1:4556,server=on");
      const native = lv().virshOk(["domxml-to-native", "qemu-argv", s.xmlFile]);
      expect(native).toContain(`logfile=${join(s.dir, "logs/serial.log")},logappend=on`);
      expect(native).toContain(`logfile=${join(s.dir, "logs/console.log")},logappend=off`);
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });

  it("libvirt/numa-virt: three nodes with their vCPUs, a memory backend each, and the distances both ways", () => {
    const s = stage(join(GOLDEN, "libvirt/numa-virt.yaml"));
    try {
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      assertPromises(s);
      const memdev: { id: string; size: number }[] = lv().qmp(s.spec.name, "query-memdev");
      expect(memdev.map((m) => [m.id, m.size]).sort()).toEqual([
        ["ram-node0", 256 * 1024 * 1024],
        ["ram-node1", 256 * 1024 * 1024],
        ["ram-node2", 256 * 1024 * 1024],
      ]);
      const cpus: { "cpu-index": number; props: { "node-id": number } }[] = lv().qmp(s.spec.name, "query-cpus-fast");
      expect(cpus.map((c) => [c["cpu-index"], c.props["node-id"]]).sort()).toEqual([
        [0, 0],
        [1, 0],
        [2, 1],
        [3, 1],
        [4, 2],
        [5, 2],
      ]);
      // Node 1 gave only its distance to node 2; node 0's to node 1 holds both ways.
      const native = lv().virshOk(["domxml-to-native", "qemu-argv", s.xmlFile]);
      for (const d of ["src=0,dst=1,val=20", "src=1,dst=0,val=20", "src=1,dst=2,val=25", "src=2,dst=1,val=25", "src=2,dst=0,val=30"])
        expect(native).toContain(`-numa dist,${d}`);
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });

  it("libvirt/admin-virt: root ports with the NIC on rp2, the disk at slot 5, typed device properties, restrict, a VNC WebSocket, swtpm started by libvirtd", () => {
    const s = stage(join(GOLDEN, "libvirt/admin-virt.yaml"));
    try {
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      assertPromises(s);
      const dom = s.spec.name;
      expect(qomGet(dom, "/machine/peripheral/ua-uplink", "parent_bus")).toBe("/machine/peripheral/ua-rp2/ua-rp2");
      expect(qomGet(dom, "/machine/peripheral/ua-uplink", "rx_queue_size")).toBe(1024);
      expect(qomGet(dom, "/machine/peripheral/ua-root", "parent_bus")).toMatch(/\/pcie\.0$/);
      expect(qomGet(dom, "/machine/peripheral/ua-root", "addr")).toBe(5 << 3);
      expect(qomGet(dom, "/machine/peripheral/ua-root", "write-cache")).toBe("off");
      expect(qomGet(dom, "/machine/peripheral/ua-root", "serial")).toBe("disk-1");
      expect(lv().virshOk(["qemu-monitor-command", "--hmp", dom, "info network"])).toMatch(/net-lan: .*type=user.*restrict=on/);
      const vnc: any[] = lv().qmp(dom, "query-vnc-servers");
      expect(vnc[0].server).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ host: "127.0.0.1", service: "5700", websocket: true }),
          expect.objectContaining({ host: "127.0.0.1", service: "5900", websocket: false }),
        ]),
      );
      // The warning at pci.rootPorts: libvirt put its own PCIe-to-PCI bridge (for VGA and EHCI) on
      // rp1; rp3 is still free, and a device hot-plugs onto it.
      expect(qomGet(dom, "/machine/peripheral/pci.5", "parent_bus")).toBe("/machine/peripheral/ua-rp1/ua-rp1");
      lv().qmp(dom, "device_add", { driver: "virtio-rng-pci", id: "hotplugged", bus: "ua-rp3" });
      expect(qomGet(dom, "/machine/peripheral/hotplugged", "parent_bus")).toBe("/machine/peripheral/ua-rp3/ua-rp3");
      const tpm: any[] = lv().qmp(dom, "query-tpm");
      expect(tpm).toEqual([expect.objectContaining({ model: "tpm-tis", options: expect.objectContaining({ type: "emulator" }) })]);
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });

  it("a VNC password file: the display goes through with the secret object, QEMU asks for the password, and the XML holds no password", () => {
    const s = stage(join(GOLDEN, "libvirt/admin-virt.yaml"), (doc, dir) => {
      doc.setIn(["display", "passwordFile"], "vnc.pw");
      writeFileSync(join(dir, "vnc.pw"), "s3cr&t<1");
    });
    try {
      expect(s.xml).not.toContain("s3cr");
      expect(s.xml).toContain(`file=${join(s.dir, "vnc.pw")},format=raw`);
      expect(s.xml).not.toContain("<graphics");
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      const vnc: any[] = lv().qmp(s.spec.name, "query-vnc-servers");
      expect(vnc[0].auth).toBe("vnc");
      expect(vnc[0].server).toEqual(expect.arrayContaining([expect.objectContaining({ service: "5700", websocket: true })]));
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });

  it("admin-fields-7.2 (without host USB, on br0, with its password file): lan goes through on rp1, which goes through with it; the other ports are libvirt's", () => {
    const s = stage(join(GOLDEN, "admin-fields-7.2.yaml"), (doc, dir) => {
      doc.deleteIn(["usb", "host"]);
      doc.deleteIn(["qemuProperties", "devices", "token"]);
      doc.setIn(["networks", 2, "bridge"], "br0");
      mkdirSync(join(dir, "secrets"));
      writeFileSync(join(dir, "secrets/vnc.pw"), "pw");
    });
    try {
      const r = defineAndStart(s);
      expect(r.started, r.error).toBe(true);
      assertPromises(s);
      const dom = s.spec.name;
      expect(qomGet(dom, "/machine/peripheral/lan", "parent_bus")).toBe("/machine/peripheral/rp1/rp1");
      expect(qomGet(dom, "/machine/peripheral/lan", "rx_queue_size")).toBe(1024);
      expect(qomGet(dom, "/machine/peripheral/ua-rp2", "type")).toBe("pcie-root-port");
      expect(lv().virshOk(["qemu-monitor-command", "--hmp", dom, "info network"])).toMatch(/net-lan: .*type=user.*restrict=on/);
      const vnc: any[] = lv().qmp(dom, "query-vnc-servers");
      expect(vnc[0].auth).toBe("vnc");
      expect(vnc[0].server).toEqual(
        expect.arrayContaining([expect.objectContaining({ host: "0.0.0.0", service: "5700", websocket: true })]),
      );
      expect(newErrors(s).extra).toEqual([]);
    } finally {
      cleanUp(s);
    }
  });

  it("usb.host: libvirt looks the device up at start, and this host has no USB bus: the start fails saying so", () => {
    for (const host of [
      { name: "token", vendor: "046d", product: "C52B" },
      { name: "reader", bus: 1, address: 3 },
    ]) {
      const s = stage(join(GOLDEN, "libvirt/admin-virt.yaml"), (doc) => doc.setIn(["usb", "host"], [host]));
      try {
        expect(s.xml).toContain('<hostdev mode="subsystem" type="usb" managed="no">');
        const r = defineAndStart(s);
        expect(r.started).toBe(false);
        expect(r.error).toContain("cannot open directory '/sys/bus/usb/devices'");
      } finally {
        cleanUp(s);
      }
    }
  });
});
