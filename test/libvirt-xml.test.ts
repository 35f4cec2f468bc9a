// libvirt domain XML as an input: the reader (qemu/read/libvirt-domain.ts), `vmspec lint` on it
// (each finding at the element or attribute behind it, in every output format) and `vmspec import
// --from libvirt`. Inputs: libvirt's own test data (test/fixtures/libvirt, /work/shared's reference
// copy) and a domain written the way virt-install writes one for aarch64.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readLibvirtDomain } from "../qemu/read/libvirt-domain.js";
import { isValidSpec } from "../spec/validate.js";
import { compile } from "../compiler/compile.js";
import { toArgv } from "../compiler/emit/argv.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { LINT_FORMATS } from "../cli/format.js";
import { scratch } from "./helpers/workdir.js";

const VIRT_INSTALL = join(ROOT, "test/fixtures/libvirt-xml/virt-install-aarch64.xml");
const HEADLESS = join(ROOT, "test/fixtures/libvirt-xml/aarch64-virt-headless.xml");
const EVERY = join(ROOT, "test/fixtures/libvirt-xml/every-mapped-element.xml");
const DUMPXML = join(ROOT, "test/fixtures/libvirt-xml/virsh-dumpxml-running.xml");
const ADMIN = join(ROOT, "test/fixtures/libvirt-xml/admin-elements.xml");
const CORPUS_XML = ["v3.3.0", "v9.10.0"].flatMap((v) =>
  readdirSync(join(ROOT, "test/fixtures/libvirt", v, "xml"))
    .filter((f) => f.endsWith(".xml"))
    .map((f) => join(ROOT, "test/fixtures/libvirt", v, "xml", f)),
);

/** Line and column (1-based) of an offset. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split("\n").length}:${offset - before.lastIndexOf("\n")}`;
}

/**
 * The rule ids of findings, one per distinct message: a spec says n root ports in one field
 * (pci.rootPorts), whose one finding stands for the n the XML lists element by element.
 */
function ruleIds(messages: { ruleId: string; message: string }[]): string[] {
  return [...new Map(messages.map((m) => [`${m.ruleId}\u0000${m.message}`, m.ruleId])).values()];
}

function json(file: string, extra: string[] = []) {
  const r = vmspec(["lint", file, "--format", "json", ...extra]);
  const out = JSON.parse(r.stdout) as {
    files: { file: string; findings: { ruleId: string; line: number; column: number; message: string }[] }[];
  };
  return { ...r, results: out.files.map((f) => ({ filePath: f.file, messages: f.findings })) };
}

describe("reading a libvirt domain", () => {
  it("maps libvirt's aarch64-virt-headless test domain field by field", () => {
    const r = readLibvirtDomain(readFileSync(HEADLESS, "utf8"));
    expect(r.error).toBeUndefined();
    expect(r.spec).toEqual({
      name: "guest",
      uuid: "1ccfd97d-5eb4-478a-bbe6-88d254c16db7",
      accel: "tcg",
      memory: { size: "4GiB" },
      cpu: { count: 4 },
      machine: { type: "virt-10.0" },
      firmware: { uefi: { code: "/usr/share/edk2/aarch64/QEMU_EFI-silent-pflash.raw", vars: "/path/to/guest_VARS.raw" } },
      boot: { order: ["vda"] },
      rtc: { base: "utc" },
      disks: [{ name: "vda", file: "/var/lib/libvirt/images/guest.qcow2", format: "qcow2", bus: "virtio-blk" }],
      usb: { controller: "xhci" },
      networks: [{ name: "net0", type: "user", model: "virtio", mac: "52:54:00:09:a4:37" }],
      serial: { type: "pty" },
      guestAgent: {},
      balloon: {},
      rng: { source: "/dev/urandom" },
    });
    // Nothing left out: the metadata is for tools, every other element is mapped.
    expect(r.unmapped).toEqual([]);
    // The source map points into the XML: the disk's file at its attribute, the machine at its attribute.
    const at = (path: (string | number)[]) => r.text.slice(...r.positions.rangeAt(path));
    expect(at(["disks", 0, "file"])).toBe("file='/var/lib/libvirt/images/guest.qcow2'");
    expect(at(["machine", "type"])).toBe("machine='virt-10.0'");
    expect(at(["accel"])).toBe("type='qemu'");
    expect(at(["memory", "size"])).toBe("4194304");
    expect(at(["firmware", "uefi", "vars"])).toBe("/path/to/guest_VARS.raw");
    // A path the reader did not set falls back to its nearest mapped parent, then <domain>.
    expect(at(["disks", 0, "cache"])).toBe("<disk");
    expect(at(["monitors"])).toBe("<domain");
  });

  it("maps a domain written the way virt-install writes one for aarch64", () => {
    const r = readLibvirtDomain(readFileSync(VIRT_INSTALL, "utf8"));
    const spec = r.spec!;
    expect(spec.accel).toBe("kvm");
    expect(spec.cpu).toEqual({ count: 4, model: "host" });
    expect(spec.machine).toEqual({ type: "virt-7.1", gicVersion: "3" });
    expect(spec.firmware).toEqual({
      uefi: {
        code: "/usr/share/qemu/aavmf-aarch64-code.bin",
        vars: "/var/lib/libvirt/qemu/nvram/sles15sp5_VARS.fd",
        varsTemplate: "/usr/share/qemu/aavmf-aarch64-vars.bin",
      },
    });
    expect(spec.disks).toEqual([
      { name: "vda", file: "/var/lib/libvirt/images/sles15sp5.qcow2", format: "qcow2", bus: "virtio-blk", discard: true },
    ]);
    expect(spec.cdroms).toEqual([
      { name: "sda", file: "/var/lib/libvirt/images/SLE-15-SP5-Full-aarch64-GM-Media1.iso", bus: "virtio-scsi" },
    ]);
    // <interface type="network">: libvirt's network is not in the domain; the NIC is left out and listed (not a tap connected to nothing).
    expect(spec.networks).toBeUndefined();
    expect(spec.display).toEqual({ type: "vnc", video: "virtio-gpu" });
    expect(spec.usb).toEqual({ controller: "xhci", tablet: true, keyboard: true });
    expect(spec.serial).toEqual({ type: "pty" });
    expect(spec.console).toBeUndefined(); // the <console> is the same pl011 as the <serial>
    expect(spec.boot).toEqual({ order: ["vda"] });
    // virt-install's two PCIe root ports are the spec's (rp1, rp2), said once as a note.
    expect(spec.pci).toEqual({ rootPorts: 2 });
    expect(r.notes.filter((n) => /root port/.test(n.message)).map((n) => lineCol(r.text, n.range[0]))).toEqual(["63:38"]);
    // What is not mapped is listed once each, at the element: lifecycle actions, libvirt's own
    // controllers, the audio backend and (once, for all of them) the guest addresses.
    const what = r.unmapped.map((u) => `${lineCol(r.text, u.range[0])} ${u.what}`);
    expect(what).toEqual([
      "38:3 <on_poweroff>",
      "39:3 <on_reboot>",
      "40:3 <on_crash>",
      "47:7 <address> (this and 8 more)",
      '62:5 <controller type="pci" model="pcie-root">',
      '73:5 <controller type="virtio-serial">',
      '76:5 <interface type="network">',
      '103:5 <audio type="none">',
    ]);
  });

  it("reads what virsh dumpxml prints for a running domain: live names kept, aliases and empty backing stores skipped", () => {
    const r = readLibvirtDomain(readFileSync(DUMPXML, "utf8"));
    // The running domain's <source network bridge>: the bridge its network put the NIC on (not the live tap vnet2).
    expect(r.spec!.networks).toEqual([{ name: "net0", type: "bridge", bridge: "virbr0", model: "virtio", mac: "52:54:00:3a:9e:11" }]);
    expect(r.spec!.guestAgent).toEqual({ socket: "/run/libvirt/qemu/channel/3-web01/org.qemu.guest_agent.0" });
    expect(r.spec!.disks).toEqual([
      { name: "vda", file: "/var/lib/libvirt/images/web01.qcow2", format: "qcow2", bus: "virtio-blk", cache: "none", aio: "native" },
    ]);
    expect(r.unmapped.map((u) => `${lineCol(r.text, u.range[0])} ${u.what}`)).toEqual([
      "11:3 <resource>",
      "26:3 <on_poweroff>",
      "27:3 <on_reboot>",
      "28:3 <on_crash>",
      "37:7 <address> (this and 5 more)",
      '43:5 <controller type="pci" model="pcie-root">',
      '72:5 <audio type="none">',
      '74:7 <stats period="5">',
      '84:3 <seclabel type="dynamic" model="apparmor">',
      '88:3 <seclabel type="dynamic" model="dac">',
    ]);
  });

  it("maps every element vmspec has a field for, each value at its own element or attribute", () => {
    const r = readLibvirtDomain(readFileSync(EVERY, "utf8"));
    expect(r.unmapped).toEqual([]);
    // The one note: the bridge interface with queues is a tap network the user creates.
    expect(r.notes.map((n) => n.message)).toEqual([expect.stringMatching(/^<interface type='bridge'> with <driver queues='4'>: /)]);
    expect(r.spec).toEqual({
      name: "db01",
      uuid: "8f0e6a3c-1d2b-4c5e-9f7a-0b1c2d3e4f50",
      accel: "kvm",
      memory: { size: "8GiB", hugepages: true, prealloc: true },
      cpu: { count: 4, maxCount: 8, model: "host", sockets: 1, cores: 4, threads: 2 },
      machine: { type: "virt-2.6", gicVersion: "3" },
      firmware: {
        uefi: {
          code: "/usr/share/AAVMF/AAVMF_CODE.fd",
          vars: "/var/lib/libvirt/qemu/nvram/db01_VARS.fd",
          varsTemplate: "/usr/share/AAVMF/AAVMF_VARS.fd",
        },
      },
      // Per-device <boot order> is boot.order (by rank), as vmspec's libvirt output writes it.
      boot: { menu: true, order: ["vda", "sda", "net2"] },
      rtc: { base: "localtime" },
      smbios: { manufacturer: "SUSE", product: "vmspec test", serial: "SN-0001" },
      serial: { type: "file", path: "/var/log/db01-serial.log" },
      console: { type: "socket", path: "/run/db01-console.sock" },
      guestAgent: { socket: "/run/db01-qga.sock" },
      display: { type: "spice", listen: "127.0.0.1", port: 5930, password: true, video: "virtio-gpu" },
      watchdog: { model: "i6300esb", action: "poweroff" },
      balloon: { deflateOnOom: true },
      rng: { source: "/dev/random" },
      tpm: { path: "/dev/tpm0" },
      pvpanic: true,
      disks: [
        {
          name: "vda",
          file: "/var/lib/libvirt/images/db01.qcow2",
          format: "qcow2",
          bus: "virtio-blk",
          cache: "none",
          aio: "native",
          discard: true,
          serial: "DB01-ROOT",
        },
        { name: "sdb", file: "/dev/vg0/db01-data", format: "raw", bus: "virtio-scsi", cache: "directsync", readonly: true },
      ],
      cdroms: [{ name: "sda", file: "/srv/iso/SLE-15-SP5-Full-aarch64-GM-Media1.iso", bus: "virtio-scsi" }],
      networks: [
        // A bridge interface with queues: libvirt's own multi_queue tap, a tap network here (docs/decisions.md).
        { name: "net0", type: "tap", ifname: "net0-mq", model: "virtio", mac: "52:54:00:12:34:56", queues: 4, vhost: true },
        { name: "net1", type: "tap", ifname: "tap-db01", model: "e1000e" },
        { name: "net2", type: "user", model: "virtio" },
      ],
      shares: [{ path: "/srv/share", tag: "share0", securityModel: "mapped-xattr", readonly: true }],
      hostDevices: [{ name: "hostdev0", address: "0000:01:00.1" }],
      usb: { controller: "xhci", tablet: true, keyboard: true, mouse: true },
      extraArgs: ["-msg", "timestamp=on"],
    });
    // Every value read from the XML has its own position, and a copied value is found there.
    const leaves = (v: unknown, path: (string | number)[]): (string | number)[][] =>
      v !== null && typeof v === "object"
        ? Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, Array.isArray(v) ? Number(k) : k]))
        : [path];
    const derived = /^(networks|hostDevices)\.\d+\.name$|^hostDevices\.\d+\.address$|^networks\.0\.ifname$/;
    for (const path of leaves(r.spec, [])) {
      if (derived.test(path.join("."))) continue;
      expect(r.positions.has(path), path.join(".")).toBe(true);
      const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], r.spec);
      const written = r.text.slice(...r.positions.rangeAt(path));
      if (
        typeof value === "string" &&
        ["file", "path", "source", "socket", "code", "vars", "varsTemplate", "mac", "bridge", "ifname", "tag", "listen"].includes(
          String(path.at(-1)),
        )
      )
        expect(written, path.join(".")).toContain(value);
    }
    expect(r.text.slice(...r.positions.rangeAt(["hostDevices", 0, "address"]))).toBe("<address");
  });

  it("maps issue 20's admin elements, spelt as libvirt documents them, to the spec's fields", () => {
    const r = readLibvirtDomain(readFileSync(ADMIN, "utf8"));
    const spec = r.spec!;
    expect(isValidSpec(spec)).toBe(true);
    expect(spec.disks).toEqual([
      {
        name: "vda",
        file: "/var/lib/libvirt/images/admin.qcow2",
        format: "qcow2",
        bus: "virtio-blk",
        cache: "none",
        aio: "native",
        discard: true,
        detectZeroes: "unmap",
        iothread: "iothread1",
        throttle: { iopsTotal: 2000, bpsWrite: 104857600, group: "tenant1" },
      },
      // The virtio-scsi controller's <driver iothread='2'> is its disks' thread.
      { name: "sda", file: "/dev/vg0/db", format: "raw", bus: "virtio-scsi", cache: "none", detectZeroes: "on", iothread: "iothread2" },
    ]);
    expect(spec.numa).toEqual([
      { cpus: "0-1", memory: "2GiB", distances: { "0": 10, "1": 20 } },
      { cpus: "2-3", memory: "2GiB", distances: { "0": 20, "1": 10 }, hugepages: true },
    ]);
    expect(spec.memory).toEqual({ size: "4GiB" });
    expect(spec.serial).toEqual({
      type: "telnet",
      host: "127.0.0.1",
      port: 4555,
      logfile: "/var/log/libvirt/qemu/admin-serial0.log",
      logAppend: true,
    });
    expect(spec.usb?.host).toEqual([
      { name: "usbhost0", vendor: "0x046d", product: "0xc52b" },
      { name: "usbhost1", bus: 1, address: 3 },
    ]);
    expect(spec.pci).toEqual({ rootPorts: 2 });
    expect(spec.tpm).toEqual({ type: "emulator" });
    expect(spec.display).toMatchObject({ type: "vnc", password: true, websocket: 5701 });
    // The NIC's user alias ua-lan names it (and its <qemu:override>).
    expect(spec.qemuProperties).toEqual({ devices: { lan: { rx_queue_size: "1024", mq: "on" } } });
    // Each field at the attribute or element that set it.
    const at = (path: (string | number)[]) => r.text.slice(...r.positions.rangeAt(path));
    expect(at(["disks", 0, "detectZeroes"])).toBe("detect_zeroes='unmap'");
    expect(at(["disks", 0, "iothread"])).toBe("iothread='1'");
    expect(at(["disks", 1, "iothread"])).toBe("iothread='2'");
    expect(at(["disks", 0, "throttle", "bpsWrite"])).toBe("104857600");
    expect(at(["disks", 0, "throttle", "group"])).toBe("tenant1");
    expect(at(["numa", 1, "cpus"])).toBe("cpus='2-3'");
    expect(at(["numa", 0, "distances", "1"])).toBe("value='20'");
    expect(at(["numa", 1, "hugepages"])).toBe("nodeset='1'");
    expect(at(["serial", "type"])).toBe("type='telnet'");
    expect(at(["serial", "port"])).toBe("service='4555'");
    expect(at(["serial", "logfile"])).toBe("file='/var/log/libvirt/qemu/admin-serial0.log'");
    expect(at(["usb", "host", 0, "vendor"])).toBe("id='0x046d'");
    expect(at(["usb", "host", 1, "address"])).toBe("device='3'");
    expect(at(["pci", "rootPorts"])).toBe("model='pcie-root-port'");
    expect(at(["tpm", "type"])).toBe("type='emulator'");
    expect(at(["display", "websocket"])).toBe("websocket='5701'");
    expect(at(["qemuProperties", "devices", "lan", "rx_queue_size"])).toBe("value='1024'");
    // Only libvirt's own pcie-root is left; the rest are said as notes (what libvirt does itself).
    expect(r.unmapped.map((u) => u.what)).toEqual(['<controller type="pci" model="pcie-root">']);
    expect(r.notes.map((n) => n.message.split(":")[0])).toEqual(["<page size='2048'>", "2 PCIe root ports", "<backend type='emulator'>"]);
  });

  it("lists what it cannot map of those elements, each once, at the element or attribute", () => {
    const text = readFileSync(ADMIN, "utf8")
      .replace("<group_name>tenant1</group_name>", "<group_name>tenant1</group_name><total_iops_sec_max>5000</total_iops_sec_max>")
      .replace("<source mode='bind' host='127.0.0.1' service='4555'/>", "<source mode='connect' host='127.0.0.1' service='4555'/>")
      .replace("websocket='5701'", "websocket='-1'")
      .replace("<backend type='emulator' version='2.0'/>", "<backend type='emulator' version='1.2'/>")
      .replace("<qemu:device alias='ua-lan'>", "<qemu:device alias='ua-nothing'>")
      .replace("<vendor id='0x046d'/>", "<vendor id='0x46d'/>");
    const r = readLibvirtDomain(text);
    expect(isValidSpec(r.spec)).toBe(true);
    expect(r.unmapped.map((u) => `${lineCol(r.text, u.range[0])} ${u.what}`)).toEqual([
      "55:41 <total_iops_sec_max>",
      '67:5 <controller type="pci" model="pcie-root">',
      '75:5 <serial type="tcp">',
      '82:52 <graphics websocket="-1">',
      '88:5 <hostdev mode="subsystem" type="usb">',
      '99:5 <tpm model="tpm-tis">',
      '104:5 <qemu:device alias="ua-nothing">',
    ]);
    expect(r.spec!.serial).toBeUndefined();
    expect(r.spec!.tpm).toBeUndefined();
    expect(r.spec!.qemuProperties).toBeUndefined();
    expect(r.spec!.usb?.host).toEqual([{ name: "usbhost0", bus: 1, address: 3 }]);
  });

  it("reads libvirt's own test domains for these elements as libvirt means them", () => {
    const read = (name: string) => {
      const r = readLibvirtDomain(readFileSync(join(ROOT, "test/fixtures/libvirt-xml/libvirt-tests", `${name}.xml`), "utf8"));
      expect(isValidSpec(r.spec), name).toBe(true);
      expect(compile(r.spec!, { baseDir: "/", qemu: [7, 2] }).problems, name).toEqual([]);
      return { ...r, spec: r.spec!, what: r.unmapped.map((u) => u.what), said: r.notes.map((n) => n.message) };
    };
    // Six cells of 2 GiB under <memory> 8 GiB: libvirt gives the guest the cells' 12 GiB, and so does the spec.
    const dist = read("numatune-distances");
    expect(dist.spec.memory.size).toBe("12GiB");
    expect(dist.spec.numa?.map((n) => n.cpus)).toEqual(["0,11", "1,10", "2,9", "3,8", "4,7", "5-6"]);
    expect(dist.spec.numa?.[0].distances).toEqual({ "1": 21, "2": 31, "3": 41, "4": 51, "5": 61 });
    expect(dist.spec.numa?.[5].distances).toBeUndefined();
    expect(dist.said.some((m) => /NUMA cells add up to 12GiB/.test(m))).toBe(true);
    // Hugepages per node set, two page sizes (each a note: the spec's mount has the host's default size).
    const huge = read("hugepages-numa-nodeset");
    expect(huge.spec.numa?.map((n) => n.hugepages)).toEqual([true, true, true, true]);
    expect(huge.spec.memory.hugepages).toBeUndefined();
    expect(huge.said.filter((m) => m.startsWith("<page size="))).toHaveLength(2);
    // One disk names thread 1; libvirt 10's several threads per disk are listed, not guessed.
    const io = read("iothreads-disk");
    expect(io.spec.disks?.map((d) => d.iothread)).toEqual(["iothread1", undefined, undefined]);
    expect(io.what.filter((w) => w === "<iothreads>")).toHaveLength(2);
    expect(io.said.some((m) => m.startsWith("<iothreads>4</iothreads>"))).toBe(true);
    // The telnet serial port (its <console> is the same port, listed twice by libvirt).
    const tel = read("serial-tcp-telnet-chardev");
    expect(tel.spec.serial).toEqual({ type: "telnet", host: "127.0.0.1", port: 9999 });
    expect(tel.spec.console).toBeUndefined();
    const ws = read("graphics-vnc-websocket");
    expect(ws.spec.display).toEqual({ type: "vnc", listen: "127.0.0.1", port: 5900, websocket: 5700 });
  });

  it("uses inputs that libvirt's own schema accepts (virt-xml-validate)", () => {
    for (const f of [VIRT_INSTALL, EVERY, HEADLESS, DUMPXML, ADMIN]) {
      const r = spawnSync("virt-xml-validate", [f], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toMatch(/validates/);
    }
  });

  it("reads every domain of libvirt's aarch64 test data into a valid spec that compiles", () => {
    expect(CORPUS_XML.length).toBe(87);
    for (const file of CORPUS_XML) {
      const r = readLibvirtDomain(readFileSync(file, "utf8"));
      expect(r.error, file).toBeUndefined();
      expect(isValidSpec(r.spec), file).toBe(true);
      expect(compile(r.spec!, { baseDir: "/", qemu: [7, 2] }).problems, file).toEqual([]);
      // Each unmapped element is reported at its start tag.
      for (const u of r.unmapped) expect(r.text[u.range[0]], `${file} ${u.what}`).toMatch(/[<a-z]/);
    }
  });

  it("refuses what is not a well-formed domain, with the line and column", () => {
    const cases: [string, RegExp, string][] = [
      ["<domain>\n  <name>x</nam>\n</domain>\n", /Opening and ending tag mismatch/, "2:9"],
      ["<network>\n  <name>default</name>\n</network>\n", /the root element is <network>, not <domain>/, "1:1"],
      ["<domain type='kvm'><name a=1/></domain>", /not well-formed XML/, "1:20"],
      // Entities are refused: no expansion (a billion laughs) and no external files.
      ['<!DOCTYPE d [<!ENTITY a "aaaaaaaa">]>\n<domain>&a;</domain>', /entity not found/, "2:1"],
      ["", /no root element|not well-formed/, "1:1"],
      // Nesting that would exhaust the parser's stack is an error, not a crash.
      [`<domain>${"<a>".repeat(20000)}${"</a>".repeat(20000)}</domain>`, /nested too deeply/, "1:1"],
      // An external DTD is never read.
      ['<!DOCTYPE domain SYSTEM "file:///etc/passwd">\n<domain type="kvm"><name>x</name></domain>', /DOCTYPE is not allowed/, "1:1"],
    ];
    for (const [xml, message, where] of cases) {
      const r = readLibvirtDomain(xml);
      expect(r.spec, xml).toBeUndefined();
      expect(r.error?.message, xml).toMatch(message);
      expect(lineCol(r.text, r.error!.range[0]), xml).toBe(where);
    }
  });

  it("never throws: any text, or a real domain with any value in any attribute, is a spec or an error", () => {
    const base = readFileSync(EVERY, "utf8");
    const values = [...base.matchAll(/='([^']*)'/g)].map((m) => m.index + 2);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(values.length - 1), fc.string({ maxLength: 40 }), (junk, i, value) => {
        for (const text of [
          junk,
          `<domain>${junk}</domain>`,
          base.slice(0, values[i]) + value + base.slice(base.indexOf("'", values[i])),
        ]) {
          const r = readLibvirtDomain(text);
          if (r.error) expect(r.spec).toBeUndefined();
          else {
            expect(isValidSpec(r.spec), text).toBe(true);
            compile(r.spec!, { baseDir: "/", qemu: [7, 2] });
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("reads a value named like an object's own property (__proto__, constructor) as any unknown value", () => {
    const base = readFileSync(EVERY, "utf8");
    for (const [from, to] of [
      [
        "bus='scsi'/>\n      <readonly/>\n    </disk>\n    <disk type='file' device='cdrom'>",
        "bus='__proto__'/>\n      <readonly/>\n    </disk>\n    <disk type='file' device='cdrom'>",
      ],
      ["<model type='virtio'/>\n    </video>", "<model type='constructor'/>\n    </video>"],
      ["model='qemu-xhci'", "model='__proto__'"],
      ["accessmode='mapped'", "accessmode='toString'"],
      ["<memory unit='GiB'>", "<memory unit='__proto__'>"],
      ["    <panic/>", "    <constructor/>"],
    ]) {
      expect(base, from).toContain(from);
      const r = readLibvirtDomain(base.replace(from, to));
      expect(isValidSpec(r.spec), to).toBe(true);
      expect(r.unmapped.length, to).toBeGreaterThanOrEqual(1);
    }
  });

  it("never lets an attribute's value become another option", () => {
    const xml = `<domain type='kvm'>
  <name>evil</name>
  <memory unit='MiB'>512</memory>
  <os><type arch='aarch64' machine='virt'>hvm</type>
    <kernel>/boot/Image,if=none -daemonize</kernel>
    <cmdline>console=ttyAMA0 -device virtio-9p-pci,fsdev=x</cmdline></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/img/a.qcow2,file.driver=ssh,file.host=evil.example'/>
      <target dev='vda' bus='virtio'/>
      <serial>x,id=pwn</serial>
    </disk>
    <interface type='bridge'><source bridge='br0,script=/tmp/x'/></interface>
    <interface type='ethernet'><target dev='tap0,script=/tmp/x'/></interface>
  </devices>
</domain>`;
    const r = readLibvirtDomain(xml);
    const compiled = compile(r.spec!, { baseDir: "/", qemu: [7, 2] });
    const argv = toArgv(compiled.options);
    // One -drive, whose file= holds the whole path with its commas doubled.
    expect(argv.filter((w) => w === "-drive")).toHaveLength(1);
    const drive = argv[argv.indexOf("-drive") + 1];
    expect(drive).toContain("file=/img/a.qcow2,,file.driver=ssh,,file.host=evil.example");
    expect(drive).not.toMatch(/(^|[^,]),file\.driver=/);
    expect(argv.find((w) => w.startsWith("serial=") || w.includes(",serial=x,,id=pwn"))).toBeDefined();
    expect(argv).not.toContain("-daemonize");
    // -append and -kernel take their value literally, as one word.
    expect(argv[argv.indexOf("-append") + 1]).toBe("console=ttyAMA0 -device virtio-9p-pci,fsdev=x");
    // A bridge name that is not an interface name is not mapped (no script= can ride on it).
    expect(r.spec!.networks).toEqual([{ name: "net0", type: "tap" }]);
    expect(r.unmapped.map((u) => u.what)).toEqual(['<interface type="bridge">', '<target dev="tap0,script=/tmp/x">']);
    expect(argv.join(" ")).not.toContain("/tmp/x");
  });

  it("never lets a value of the admin elements become another option or property", () => {
    const evil = readFileSync(ADMIN, "utf8")
      .replace("/var/log/libvirt/qemu/admin-serial0.log", "/tmp/s.log,server=off,id=pwn")
      .replace("<group_name>tenant1</group_name>", "<group_name>g,file=/etc/shadow</group_name>")
      .replace("type='unsigned' value='1024'", "type='string' value='1024,romfile=/tmp/evil.rom'");
    const r = readLibvirtDomain(evil);
    expect(isValidSpec(r.spec)).toBe(true);
    const argv = toArgv(compile(r.spec!, { baseDir: "/", qemu: [7, 2] }).options);
    const line = argv.join(" ");
    // The log path and the property value keep their commas doubled: no server=, id= or romfile= of their own.
    expect(line).toContain("logfile=/tmp/s.log,,server=off,,id=pwn");
    expect(line).toContain("rx_queue_size=1024,,romfile=/tmp/evil.rom");
    expect(line).not.toMatch(/(^|[^,]),romfile=/);
    // A group name or a host that is not one is not mapped (listed), so nothing rides on it.
    expect(r.spec!.disks![0].throttle).toEqual({ iopsTotal: 2000, bpsWrite: 104857600 });
    expect(line).not.toContain("/etc/shadow");
    const host = readLibvirtDomain(readFileSync(ADMIN, "utf8").replace("host='127.0.0.1'", "host='127.0.0.1,telnet=off'"));
    expect(host.spec!.serial).toBeUndefined();
    expect([...r.unmapped, ...host.unmapped].map((u) => u.what)).toEqual(expect.arrayContaining(["<group_name>", '<serial type="tcp">']));
  });
});

describe("vmspec lint on a domain XML", () => {
  it("reports each finding at the element or attribute behind it", () => {
    const r = json(VIRT_INSTALL);
    expect(r.code).toBe(1);
    const found = r.results[0].messages.filter((m) => m.ruleId !== "libvirt-unmapped").map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    // virt-install's PCIe root ports are the spec's pci.rootPorts: the statement's finding on them, as on libvirt's command line.
    // No runs-as-root: libvirtd runs QEMU as qemu.conf's user.
    expect(found).toEqual([
      "23:26 unsupported-machine",
      "56:38 unlisted-device",
      "63:38 unlisted-device",
      "68:38 unlisted-device",
      "105:14 unsupported-device",
    ]);
    const lines = readFileSync(VIRT_INSTALL, "utf8").split("\n");
    expect(lines[22].slice(25)).toMatch(/^machine="virt-7.1"/);
    expect(lines[104].slice(13)).toMatch(/^type="virtio"/);
    expect(lines[55].slice(37)).toMatch(/^model="qemu-xhci"/);
    // The unmapped elements (8, the network's NIC among them) and the reader's three notes (the agent's socket, the root ports, autoport) are info findings.
    expect(r.results[0].messages.filter((m) => m.ruleId === "libvirt-unmapped")).toHaveLength(11);
  });

  it("works in every output format, with the XML's lines", () => {
    const sarif = JSON.parse(vmspec(["lint", VIRT_INSTALL, "--format", "sarif"]).stdout);
    const machine = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "unsupported-machine");
    expect(machine.locations[0].physicalLocation.region).toMatchObject({ startLine: 23, startColumn: 26 });
    expect(machine.locations[0].physicalLocation.artifactLocation.uri).toMatch(/virt-install-aarch64\.xml$/);
    const github = vmspec(["lint", VIRT_INSTALL, "--format", "github"]).stdout;
    expect(github).toMatch(/::error file=.*virt-install-aarch64\.xml,line=105,.*col=14.*unsupported-device/);
    const compact = vmspec(["lint", VIRT_INSTALL, "--format", "compact"]).stdout;
    expect(compact).toContain("virt-install-aarch64.xml:23:26: error:");
    for (const format of LINT_FORMATS) {
      const out = vmspec(["lint", VIRT_INSTALL, "--format", format]);
      expect(out.code, format).toBe(1);
      expect(out.stdout, format).toContain("unsupported-machine");
      expect(out.stdout, format).toMatch(/\b23\b/);
    }
  });

  it("reads a domain from --libvirt, from a .xml path and sniffed on standard input", () => {
    const text = readFileSync(HEADLESS, "utf8");
    const ids = (args: string[], input?: string) =>
      (
        JSON.parse(vmspec(["lint", ...args, "--format", "json"], { input }).stdout) as {
          files: { findings: { ruleId: string; line: number }[] }[];
        }
      ).files[0].findings.map((m) => `${m.line} ${m.ruleId}`);
    const byFlag = ids(["--libvirt", HEADLESS]);
    expect(byFlag).toContain("14 unsupported-machine");
    expect(ids([HEADLESS])).toEqual(byFlag);
    expect(ids(["-"], text)).toEqual(byFlag);
    // --libvirt reads the file as a domain whatever its name.
    const dir = scratch();
    writeFileSync(join(dir, "domain.txt"), text);
    expect(ids(["--libvirt", join(dir, "domain.txt")])).toEqual(byFlag);
  });

  it("records a domain's findings in the baseline, so a later run reports only new ones", () => {
    const dir = scratch();
    const file = join(dir, "vm.xml");
    writeFileSync(file, readFileSync(VIRT_INSTALL, "utf8"));
    expect(vmspec(["lint", "vm.xml", "--suppress-all", "--format", "compact"], { cwd: dir }).code).toBe(0);
    expect(vmspec(["lint", "vm.xml", "--format", "compact"], { cwd: dir })).toMatchObject({ code: 0, stdout: "" });
    // A new problem in the domain is reported.
    writeFileSync(file, readFileSync(VIRT_INSTALL, "utf8").replace("<acpi/>", "<acpi/>\n    <hap/>"));
    const after = vmspec(["lint", "vm.xml", "--format", "compact"], { cwd: dir });
    expect(after.stdout).toMatch(/^vm\.xml:\d+:5: info: <hap> is not linted/m);
  });

  it("offers no fix on XML: --fix leaves the file as it was", () => {
    const dir = scratch();
    const file = join(dir, "vm.xml");
    const text = readFileSync(VIRT_INSTALL, "utf8");
    writeFileSync(file, text);
    const r = vmspec(["lint", file, "--fix", "--format", "json"]);
    expect(r.code).toBe(1);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("gives malformed XML as an error finding with its line and column, never a stack trace", () => {
    const dir = scratch();
    const bad = join(dir, "bad.xml");
    writeFileSync(bad, "<domain type='kvm'>\n  <name>x</name>\n  <devices>\n</domain>\n");
    const r = vmspec(["lint", bad, "--format", "compact"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /bad\.xml:3:12: error: not well-formed XML: Opening and ending tag mismatch: "devices" != "domain" \[libvirt-syntax\]/,
    );
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const notDomain = join(dir, "net.xml");
    writeFileSync(notDomain, "<network><name>default</name></network>\n");
    expect(vmspec(["lint", notDomain, "--format", "compact"]).stdout).toMatch(
      /net\.xml:1:1: error: the root element is <network>, not <domain>/,
    );
  });
});

describe("vmspec lint on the admin elements", () => {
  it("reports the rulebook's findings on them at the attribute behind each", () => {
    const dir = scratch();
    const file = join(dir, "admin.xml");
    // A telnet console on every address, detect_zeroes=unmap without discard (QEMU 2.9 refuses it).
    writeFileSync(
      file,
      readFileSync(ADMIN, "utf8")
        .replace("host='127.0.0.1' service='4555'", "host='0.0.0.0' service='4555'")
        .replace(" discard='unmap' detect_zeroes", " detect_zeroes"),
    );
    const r = json(file);
    const found = (id: string) => r.results[0].messages.filter((m) => m.ruleId === id).map((m) => `${m.line}:${m.column}`);
    const lines = readFileSync(file, "utf8").split("\n");
    const col = (line: number, s: string) => `${line}:${lines[line - 1].indexOf(s) + 1}`;
    expect(found("listener-on-network")).toEqual([col(76, "host='0.0.0.0'")]);
    expect(found("conflicting-settings")).toEqual([col(49, "detect_zeroes=")]);
    // The statement's -numa finding at each cell; QEMU 2.9 (the profile's) has no -numa dist: at each
    // cell's distances; and no TPM on the virt board (tpm-tis-device is 5.0's): at <tpm>.
    expect(found("unsupported-option")).toEqual([col(31, "<cell"), col(37, "<cell")]);
    expect(found("target-unsupported")).toEqual([col(32, "<distances>"), col(38, "<distances>"), col(99, "<tpm")]);
    // On a QEMU that has the TPM, the statement's finding on its backend, at the backend's type.
    const r72 = json(file, ["--qemu", "7.2"]);
    const found72 = (id: string) => r72.results[0].messages.filter((m) => m.ruleId === id).map((m) => `${m.line}:${m.column}`);
    expect(found72("tpm-backend-unsupported")).toEqual([col(100, "type='emulator'")]);
  });
});

describe("vmspec import --from libvirt", () => {
  it("writes specs that lint like the domains they came from, rule for rule", () => {
    const dir = scratch();
    for (const xml of [EVERY, HEADLESS, DUMPXML, ADMIN, ...CORPUS_XML.filter((_, i) => i % 7 === 0)]) {
      const out = join(dir, "spec.vmspec.yaml");
      // The statement the domain is linted against (import would otherwise pick the one its machine type needs).
      const r = vmspec(["import", xml, "-o", out, "--force", "--profile", "sles12sp3"]);
      expect(r.code, `${xml}: ${r.stderr}`).toBe(0);
      const fromXml = ruleIds(json(xml).results[0].messages.filter((m) => m.ruleId !== "libvirt-unmapped"));
      // The spec is started by vmspec, not libvirtd: runs-as-root applies to it alone.
      const fromYaml = ruleIds(json(out).results[0].messages).filter((id) => id !== "runs-as-root");
      expect(fromYaml.sort(), xml).toEqual(fromXml.sort());
    }
  });

  it("writes a spec that lints like the domain it came from, and says what it left out", () => {
    const dir = scratch();
    const out = join(dir, "sles15sp5.vmspec.yaml");
    const r = vmspec(["import", VIRT_INSTALL, "-o", out, "--profile", "sles12sp3"]);
    expect(r.code, r.stderr).toBe(0);
    const yaml = readFileSync(out, "utf8");
    expect(yaml).toMatch(/^# Imported by `vmspec import` from .*virt-install-aarch64\.xml \(libvirt domain XML\)/m);
    expect(yaml).toMatch(/^# Not mapped \(line 38\): <on_poweroff>: /m);
    expect(yaml).toMatch(/^# Not mapped \(line 103\): <audio type="none">: /m);
    // The spec's findings are the domain's, rule for rule (without the reader's notes).
    const fromXml = ruleIds(json(VIRT_INSTALL).results[0].messages.filter((m) => m.ruleId !== "libvirt-unmapped"));
    const fromYaml = ruleIds(json(out).results[0].messages).filter((id) => id !== "runs-as-root");
    expect(fromYaml.sort()).toEqual(fromXml.sort());
  });

  it("writes the admin elements back as the spec's fields, and the notes in the order of the domain", () => {
    const dir = scratch();
    const out = join(dir, "admin.vmspec.yaml");
    const r = vmspec(["import", ADMIN, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const yaml = readFileSync(out, "utf8");
    for (const field of [
      /^ {4}detectZeroes: unmap$/m,
      /^ {4}iothread: iothread1$/m,
      /^ {4}iothread: iothread2$/m,
      /^ {4}throttle:\n {6}iopsTotal: 2000\n {6}bpsWrite: 104857600\n {6}group: tenant1$/m,
      /^numa:\n {2}- cpus: 0-1\n {4}memory: 2GiB$/m,
      /^serial:\n {2}type: telnet\n {2}host: 127.0.0.1\n {2}port: 4555\n {2}logfile: \/var\/log\/libvirt\/qemu\/admin-serial0.log\n {2}logAppend: true$/m,
      /^ {2}host:\n {4}- name: usbhost0\n {6}vendor: "0x046d"\n {6}product: "0xc52b"$/m,
      /^pci:\n {2}rootPorts: 2$/m,
      /^tpm:\n {2}type: emulator$/m,
      /^ {2}websocket: 5701$/m,
      /^qemuProperties:\n {2}devices:\n {4}lan:\n {6}rx_queue_size: "1024"\n {6}mq: "on"$/m,
    ])
      expect(yaml).toMatch(field);
    const lines = [...yaml.matchAll(/^# (?:Filled in|Not mapped) \(line (\d+)\)/gm)].map((m) => Number(m[1]));
    // What the reader filled in, in the domain's order, then what it did not map.
    expect(lines).toEqual([14, 68, 100, 67]);
  });

  it("is chosen for a file that starts with <domain, and keeps <qemu:commandline> as extraArgs", () => {
    const dir = scratch();
    const xml = join(dir, "vm.xml");
    writeFileSync(
      xml,
      `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>vm</name><memory unit='GiB'>2</memory>
  <qemu:commandline><qemu:arg value='-msg'/><qemu:arg value='timestamp=on'/></qemu:commandline>
</domain>`,
    );
    const r = vmspec(["import", xml]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/extraArgs:\n {2}# from <qemu:commandline>: passed to QEMU as written\n {2}- -msg\n {2}- timestamp=on\n/);
    expect(r.stdout).toContain("memory:\n  size: 2GiB\n");
  });

  it("refuses malformed XML with file:line:col, exit 2 and no output file", () => {
    const dir = scratch();
    const bad = join(dir, "bad.xml");
    writeFileSync(bad, "<domain>\n  <name>x</nam>\n</domain>\n");
    const out = join(dir, "out.yaml");
    const r = vmspec(["import", "--from", "libvirt", bad, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vmspec: ${bad}:2:9: not well-formed XML: Opening and ending tag mismatch: "name" != "nam"\n`);
    expect(existsSync(out)).toBe(false);
  });
});
