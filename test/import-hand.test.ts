// `vmspec import` of issue 20's fields as people write them by hand (test/fixtures/scripts/hand/:
// the QEMU manual's and docs' spellings, wiki and blog style): their own ids (m0, s0, chrtpm, d0,
// n0, sec0), no ids at all, QEMU's shorthands (`-serial telnet:...,server,nowait`,
// `restrict=yes`, `hostfwd=tcp::2222-:22`, `websocket=on`). Each imports to the exact spec, and
// the real QEMU 7.2 started with the original and with the rebuilt command line answers the same
// (info qtree and the query-* of the shape). What the spec cannot say stays raw with its reason.
import { describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parse } from "yaml";
import { buildSpec } from "../lint/build.js";
import { importCommandLine } from "../import/import.js";
import { importedYaml } from "../import/write-yaml.js";
import { importLibvirt } from "../import/libvirt.js";
import { qemuWords } from "../qemu/read/shell-words.js";
import { ALL_RULES_OFF } from "./helpers/import-corpus.js";
import { startExpectingFailure, startPaused, type Qemu } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const FIXTURES = join(import.meta.dirname, "fixtures/scripts/hand");

/** The fixture with DIR/, TPMDIR/ and LOGDIR/ pointing into `dir`. */
const script = (file: string, dir: string) => readFileSync(join(FIXTURES, file), "utf8").replace(/\b(TPM|LOG)?DIR\//g, `${dir}/`);

function imp(file: string, dir = "/srv/vm") {
  const text = script(file, dir);
  const result = importCommandLine(text, "argv", { qemu: [7, 2], name: "hand", baseDir: "/" });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  const yaml = importedYaml(result, { source: file, schemaRef: "vmspec.schema.json" });
  const b = buildSpec(new TextEncoder().encode(yaml), { baseDir: "/", format: "json", rules: ALL_RULES_OFF, qemu: [7, 2] });
  expect(b.output, b.findings.map((f) => f.message).join("; ")).toBeDefined();
  const original = qemuWords(text).words.map((w) => w.text);
  return {
    result,
    yaml,
    spec: parse(yaml),
    kept: result.kept.map((k) => [k.words.join(" "), k.why]),
    argv: (JSON.parse(b.output!) as { argv: string[] }).argv,
    original,
  };
}

const BASE = { name: "hand", machine: { type: "virt" }, cpu: { model: "max" }, memory: { size: "512MiB" }, defaults: false };

/**
 * info qtree without ids, the buses named after them and back-end references (the names an import
 * gives are not seen by the guest).
 */
const qtree = (text: string) => {
  const ids = new Set([...text.matchAll(/, id "([^"]+)"/g)].map((m) => m[1]));
  return text
    .split("\n")
    .filter((l) => !/^\s*(id|drive|netdev|chardev|tpmdev|memdev) = /.test(l))
    .map((l) =>
      l
        .replace(/, id "[^"]*"/, ', id "<id>"')
        .replace(/^(\s*bus: )(.+)\.(\d+)(\s*)$/, (all, a, id, n, e) =>
          ids.has(id) || id === "scsi" || id === "usb-bus" ? `${a}<id>.${n}${e}` : all,
        ),
    )
    .join("\n");
};

async function answers(argv: string[], ask: (q: Qemu) => Promise<unknown>) {
  const q = await startPaused(argv, { timeoutMs: 30000 });
  try {
    return { qtree: qtree(await q.cmd("human-monitor-command", { "command-line": "info qtree" })), asked: await ask(q) };
  } finally {
    await q.quit();
  }
}

/** The original (without its program) and the rebuilt command line give QEMU 7.2 the same devices and answers. */
async function sameInQemu(r: ReturnType<typeof imp>, ask: (q: Qemu) => Promise<unknown>, before?: () => Promise<() => void>) {
  const run = async (argv: string[]) => {
    const stop = before ? await before() : undefined;
    try {
      return await answers(argv, ask);
    } finally {
      stop?.();
    }
  };
  const want = await run(r.original);
  const got = await run(r.argv);
  expect(got.asked).toEqual(want.asked);
  expect(got.qtree).toBe(want.qtree);
  return want;
}

const hmp = (q: Qemu, line: string): Promise<string> => q.cmd("human-monitor-command", { "command-line": line });

describe("import of NUMA nodes written by hand", () => {
  it("memory-backend-ram m0/m1 + -numa node,memdev= + -numa dist (qemu-options.hx) become numa[]", async () => {
    const r = imp("numa.sh");
    expect(r.spec).toEqual({
      ...BASE,
      cpu: { model: "max", count: 4 },
      memory: { size: "2GiB" },
      numa: [
        { cpus: "0-1", memory: "1GiB", distances: { "1": 20 } },
        { cpus: "2-3", memory: "1GiB" },
      ],
      extraArgs: ["-nographic"],
    });
    expect(r.result.notes).toContain(
      "The NUMA nodes' memory backends get vmspec's ids (m0 → ram-node0, m1 → ram-node1): the guest does not see them.",
    );
    const want = await sameInQemu(r, async (q) => ({
      memdev: ((await q.cmd("query-memdev")) as { id?: string }[]).map(({ id: _id, ...m }) => m),
      numa: await hmp(q, "info numa"),
    }));
    expect(want.asked).toMatchObject({ numa: expect.stringContaining("node 1 cpus: 2 3") });
  }, 120000);

  it("a memory-backend-file on a hugetlbfs mount (mem-path=) becomes that node's hugepages", async () => {
    const dir = scratch("hand-");
    // A stand-in for the hugetlbfs mount: QEMU makes its backing file in the folder either way.
    mkdirSync(join(dir, "hugepages"));
    const r = imp("numa-hugepages.sh", dir);
    expect(r.spec).toEqual({
      ...BASE,
      cpu: { model: "max", count: 2 },
      memory: { size: "1GiB" },
      display: { type: "none" },
      numa: [
        { cpus: "0", memory: "512MiB", hugepages: join(dir, "hugepages") },
        { cpus: "1", memory: "512MiB" },
      ],
    });
    const want = await sameInQemu(r, async (q) => ((await q.cmd("query-memdev")) as { id?: string }[]).map(({ id: _id, ...m }) => m));
    expect(want.asked).toHaveLength(2);
  }, 120000);

  it("keeps -numa node,mem= and -numa cpu raw, each with what the spec cannot say", () => {
    const r = imp("numa-legacy.sh");
    expect(r.spec.numa).toBeUndefined();
    expect(r.kept.filter(([w]) => w.startsWith("-numa"))).toEqual([
      [
        "-numa node,nodeid=0,mem=512M",
        expect.stringMatching(/^-numa node,mem= .* has no field: numa\[\]\.memory is a memory backend per node/),
      ],
      ["-numa node,nodeid=1,mem=512M", expect.stringMatching(/^-numa node,mem= /)],
      ["-numa cpu,node-id=0,socket-id=0", expect.stringMatching(/^-numa cpu .* has no field/)],
      ["-numa cpu,node-id=1,socket-id=1", expect.stringMatching(/^-numa cpu /)],
    ]);
  });
});

describe("import of a serial console over TCP or telnet written by hand", () => {
  it("-serial telnet:127.0.0.1:port,server,nowait becomes serial type telnet", async () => {
    const r = imp("serial-telnet.sh");
    expect(r.spec).toEqual({ ...BASE, display: { type: "none" }, serial: { type: "telnet", port: 44441 } });
    expect(r.kept).toEqual([]);
    // The header does not promise the same words: the same devices and settings.
    expect(r.yaml).toContain(
      "`vmspec build --qemu 7.2` gives back the same devices and settings (ids and QEMU shorthands respelled as said below).",
    );
    const want = await sameInQemu(r, async (q) =>
      ((await q.cmd("query-chardev")) as { label: string; filename: string }[]).filter((c) => c.label === "serial0"),
    );
    expect(want.asked).toEqual([expect.objectContaining({ filename: expect.stringContaining("telnet:127.0.0.1:44441,server=on") })]);
  }, 120000);

  it("-chardev socket,id=s0,...,telnet=on,logfile= + -serial chardev:s0 becomes serial with its log file; s0 becomes serial0", async () => {
    const dir = scratch("hand-");
    const r = imp("serial-chardev.sh", dir);
    expect(r.spec).toEqual({
      ...BASE,
      display: { type: "none" },
      serial: { type: "telnet", port: 44443, logfile: join(dir, "console.log") },
    });
    expect(r.result.notes).toContain(
      "The serial port's chardev s0 becomes serial0, vmspec's id for it (the spec's serial port has no name; the guest does not see the id).",
    );
    await sameInQemu(r, async (q) =>
      ((await q.cmd("query-chardev")) as { label: string; filename: string }[])
        .filter((c) => c.label === "serial0" || c.label === "s0")
        .map((c) => c.filename),
    );
    expect(existsSync(join(dir, "console.log"))).toBe(true);
  }, 120000);

  it("-serial file:<path> becomes serial type file; -serial mon:stdio stays raw with the reason", async () => {
    const dir = scratch("hand-");
    const r = imp("serial-file.sh", dir);
    expect(r.spec).toEqual({ ...BASE, display: { type: "none" }, serial: { type: "file", path: join(dir, "serial.log") } });
    const want = await sameInQemu(r, async (q) =>
      ((await q.cmd("query-chardev")) as { label: string; filename: string }[]).filter((c) => c.label === "serial0"),
    );
    expect(want.asked).toEqual([expect.objectContaining({ filename: "file" })]);
    expect(existsSync(join(dir, "serial.log"))).toBe(true);
    const mon = importCommandLine("qemu-system-aarch64 -M virt -m 512 -serial mon:stdio\n", "argv", { qemu: [7, 2], name: "t" });
    expect(mon.kept.map((k) => [k.words.join(" "), k.why])).toEqual([
      [
        "-serial mon:stdio",
        "serial writes one port as -chardev <backend>,id=serial0 + -serial chardev:serial0 (pty, stdio, file, unix socket, TCP or telnet server, null): this one says something else (another backend, a second port, a monitor multiplexed on it)",
      ],
    ]);
  }, 120000);

  it("keeps -serial tcp::port (every address) raw with the reason", () => {
    const r = imp("serial-tcp-any.sh");
    expect(r.spec.serial).toBeUndefined();
    expect(r.kept).toEqual([
      [
        "-serial tcp::44442,server=on,wait=off",
        "-serial tcp::44442,server=on,wait=off: an empty host listens on every address of the host, IPv4 and IPv6, which serial.host (one address, 127.0.0.1 unless set) cannot say: write the address (0.0.0.0 for every IPv4 address)",
      ],
    ]);
  });
});

describe("import of a software TPM written by hand (docs/specs/tpm.rst)", () => {
  it("-chardev socket,id=chrtpm + -tpmdev emulator + tpm-tis-device becomes tpm type emulator", async () => {
    const dir = scratch("hand-");
    const r = imp("tpm.sh", dir);
    expect(r.spec).toEqual({ ...BASE, display: { type: "none" }, tpm: { type: "emulator", socket: join(dir, "swtpm-sock") } });
    expect(r.kept).toEqual([]);
    const swtpm = async () => {
      const child = spawn("swtpm", [
        "socket",
        "--tpm2",
        "--tpmstate",
        `dir=${dir}`,
        "--ctrl",
        `type=unixio,path=${join(dir, "swtpm-sock")}`,
        "--terminate",
      ]);
      for (let i = 0; i < 100 && !existsSync(join(dir, "swtpm-sock")); i++) await sleep(50);
      return () => void child.kill();
    };
    // query-tpm names the back end by id (tpm0 in both) and its model; the chardev's id differs.
    const want = await sameInQemu(
      r,
      async (q) =>
        ((await q.cmd("query-tpm")) as { id: string; model: string; options: { type: string } }[]).map((t) => [
          t.id,
          t.model,
          t.options.type,
        ]),
      swtpm,
    );
    expect(want.qtree).toContain("tpm-tis-device");
    expect(want.asked).toEqual([["tpm0", "tpm-tis", "emulator"]]);
  }, 120000);
});

describe("import of USB host devices written by hand", () => {
  it("usb-host by vendorid/productid and by hostbus/hostaddr, without ids, become usb.host[] with names", async () => {
    const r = imp("usb-host.sh");
    expect(r.spec).toEqual({
      ...BASE,
      display: { type: "none" },
      usb: {
        controller: "xhci",
        host: [
          { name: "usbhost1", vendor: "0x1234", product: "0x5678" },
          { name: "usbhost2", bus: 1, address: 3 },
        ],
      },
    });
    expect(r.result.notes).toContain(
      "USB host devices without an id are named usbhost1 (0x1234:0x5678), usbhost2 (1-3) (the spec names each; QEMU's id becomes that name).",
    );
    // QEMU refuses to start with a bus/address no host device has: the real check is on the vendor:product one.
    const one = imp("usb-host.sh");
    const drop = (words: string[], value: string) => {
      const i = words.indexOf(value);
      expect(words[i - 1]).toBe("-device");
      return [...words.slice(0, i - 1), ...words.slice(i + 1)];
    };
    one.original = drop(one.original, "usb-host,hostbus=1,hostaddr=3");
    one.argv = drop(one.argv, "usb-host,bus=usb.0,hostbus=1,hostaddr=3,id=usbhost2");
    expect(one.original.join(" ")).not.toContain("hostbus");
    expect(one.argv.join(" ")).not.toContain("hostbus");
    const want = await sameInQemu(one, async (q) => (await hmp(q, "info usb")).replace(/, ID: \S+/, ""));
    expect(want.qtree.match(/dev: usb-host/g)).toHaveLength(1);
  }, 120000);
});

describe("import of user networks written by hand", () => {
  it("restrict=yes and hostfwd=tcp::2222-:22 become restrict: true and a forward from 0.0.0.0", async () => {
    const r = imp("user-net.sh");
    expect(r.spec).toEqual({
      ...BASE,
      display: { type: "none" },
      networks: [{ name: "n0", type: "user", restrict: true, forwards: [{ hostPort: 2222, guestPort: 22, hostAddress: "0.0.0.0" }] }],
    });
    const want = await sameInQemu(r, async (q) => ({
      // The NIC's name is its id, or virtio-net-pci.0 without one.
      net: (await hmp(q, "info network")).replace(/\b(net-)?n0\b|virtio-net-pci\.0/g, "<id>"),
      fwd: (await hmp(q, "info usernet")).replace(/\b(net-)?n0\b/g, "<id>"),
    }));
    expect(want.asked).toMatchObject({ net: expect.stringContaining("restrict=on") });
  }, 120000);

  it("keeps an IPv6 hostfwd raw: QEMU 7.2's user network forwards from IPv4 only", async () => {
    const r = imp("user-net-ipv6.sh");
    // The reason is QEMU's own answer.
    const refused = await startExpectingFailure(r.original);
    expect(refused.stderr).toContain("Bad host address");
    expect(r.spec.networks).toBeUndefined();
    expect(r.kept[0]).toEqual([
      "-netdev user,id=n0,hostfwd=tcp:[::1]:2222-:22",
      expect.stringMatching(/^hostfwd=tcp:\[::1\]:2222-:22: QEMU 7.2's user network forwards from IPv4 addresses only/),
    ]);
  });
});

describe("import of disks written by hand", () => {
  const ask = async (q: Qemu) => ({
    block: ((await q.cmd("query-block")) as any[]).map((b) => ({
      removable: b.removable,
      tray: b.tray_open,
      inserted: b.inserted && {
        file: b.inserted.file,
        ro: b.inserted.ro,
        iops: b.inserted.iops,
        group: b.inserted.group,
        dz: b.inserted.detect_zeroes,
      },
    })),
    iothreads: ((await q.cmd("query-iothreads")) as { id: string }[]).map((t) => t.id),
  });

  it("-object iothread + -drive id=d0 with throttling.*, detect-zeroes + virtio-blk-pci,iothread= become a disk", async () => {
    const dir = scratch("hand-");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", join(dir, "disk.qcow2"), "16M"]);
    const r = imp("iothread-disk.sh", dir);
    expect(r.spec).toEqual({
      ...BASE,
      display: { type: "none" },
      disks: [
        {
          name: "d0",
          file: join(dir, "disk.qcow2"),
          format: "qcow2",
          discard: true,
          detectZeroes: "unmap",
          throttle: { iopsTotal: 1000, group: "g1" },
          iothread: "io1",
        },
      ],
    });
    const want = await sameInQemu(r, ask);
    expect(want.asked).toMatchObject({ iothreads: ["io1"] });
    expect((want.asked as { block: unknown[] }).block).toContainEqual(
      expect.objectContaining({ inserted: expect.objectContaining({ iops: 1000, group: "g1", dz: "unmap" }) }),
    );
  }, 120000);

  it("virtio-scsi-pci,id=scsi,iothread= + scsi-hd,bus=scsi.0 become a virtio-scsi disk with the iothread", async () => {
    const dir = scratch("hand-");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", join(dir, "disk.qcow2"), "16M"]);
    const r = imp("iothread-scsi.sh", dir);
    expect(r.spec).toEqual({
      ...BASE,
      display: { type: "none" },
      disks: [{ name: "hd0", file: join(dir, "disk.qcow2"), format: "qcow2", bus: "virtio-scsi", iothread: "io1" }],
      // The guest reads a SCSI disk's device_id, which was the drive's id.
      qemuProperties: { devices: { hd0: { device_id: "hd0" } } },
    });
    const want = await sameInQemu(r, ask);
    expect(want.asked).toMatchObject({ iothreads: ["io1"] });
    expect(r.argv).toContain("virtio-scsi-pci,id=scsi0,iothread=io1");
  }, 120000);

  it("-drive if=none,id=cd0,media=cdrom without a file becomes an empty CD-ROM", async () => {
    const r = imp("empty-cdrom.sh");
    expect(r.spec).toEqual({
      ...BASE,
      display: { type: "none" },
      cdroms: [{ name: "cd0" }],
      qemuProperties: { devices: { cd0: { device_id: "cd0" } } },
    });
    expect(r.result.notes).toContain(
      "The drive cd0 is the CD-ROM named cd0 (its -drive id becomes drive-cd0); its SCSI device_id, which the guest reads and which was the drive's id, stays cd0 (qemuProperties.devices).",
    );
    const want = await sameInQemu(r, ask);
    expect(want.qtree).toMatch(/dev: scsi-cd, id "<id>"/);
    expect((want.asked as { block: unknown[] }).block.filter((b: any) => b.removable && !b.inserted).length).toBeGreaterThan(0);
  }, 120000);
});

describe("import of a VNC display written by hand", () => {
  it("websocket=on, password-secret= with its secret object and the video device become display fields", async () => {
    const dir = scratch("hand-");
    writeFileSync(join(dir, "vnc-password"), "s3cret", { mode: 0o600 });
    const r = imp("vnc.sh", dir);
    expect(r.spec).toEqual({
      ...BASE,
      display: { type: "vnc", port: 5957, websocket: 5757, passwordFile: join(dir, "vnc-password"), video: "virtio-gpu" },
    });
    expect(r.kept).toEqual([]);
    const want = await sameInQemu(r, async (q) => ({ servers: await q.cmd("query-vnc-servers"), vnc: await q.cmd("query-vnc") }));
    expect(JSON.stringify(want.asked)).toContain('"service":"5757"');
    // -vnc :1 listens on every address: display.listen names one, so it stays raw, with the reason.
    const any = importCommandLine("qemu-system-aarch64 -M virt -m 512 -device virtio-gpu-pci -vnc :1,websocket=5701\n", "argv", {
      qemu: [7, 2],
      name: "t",
    });
    expect(any.kept.find((k) => k.words[0] === "-vnc")?.why).toBe(
      "-vnc :1: no host listens on every address of the host, IPv4 and IPv6, which display.listen (one address, 127.0.0.1 unless set) cannot say: write the address (0.0.0.0:1 for every IPv4 address)",
    );
  }, 120000);
});

describe("import of PCI placement written by hand", () => {
  it("addr=0x5 on a NIC becomes qemuProperties.devices; a hand-placed root port and its disk stay raw with the reason", async () => {
    const dir = scratch("hand-");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", join(dir, "disk.qcow2"), "16M"]);
    const r = imp("pci.sh", dir);
    expect(r.spec.networks).toEqual([{ name: "n0", type: "user" }]);
    expect(r.spec.qemuProperties).toEqual({ devices: { n0: { addr: "0x5" } } });
    expect(r.kept).toEqual([
      ["-device pcie-root-port,id=root1,bus=pcie.0,chassis=1", expect.stringMatching(/^pci.rootPorts writes its ports as rp<i>/)],
      [
        `-drive file=${dir}/disk.qcow2,if=none,id=d0,format=qcow2`,
        "its device is on root1, which stays in extraArgs: as a field (disk d0) it would come before its bus",
      ],
      [
        "-device virtio-blk-pci,drive=d0,bus=root1",
        "its device is on root1, which stays in extraArgs: as a field (disk d0) it would come before its bus",
      ],
    ]);
    const pci = async (q: Qemu) =>
      (
        (await q.cmd("query-pci")) as { bus: number; devices: { bus: number; slot: number; function: number; id: { device: number } }[] }[]
      ).flatMap((b) => b.devices.map((d) => [d.bus, d.slot, d.function, d.id.device]));
    const want = await sameInQemu(r, pci);
    expect(want.asked).toContainEqual([0, 5, 0, 0x1000]);
    expect(want.qtree).toMatch(/dev: virtio-net-pci, id "<id>"\r?\n(?:\s+.*\r?\n)*?\s+addr = 05\.0/);
  }, 120000);
});

describe("libvirt import of an empty CD-ROM drive", () => {
  it("maps <disk device='cdrom'> without <source> (virt-install's drive after `virsh change-media --eject`) to cdroms[] without a file", async () => {
    const xml = readFileSync(join(import.meta.dirname, "fixtures/libvirt-xml/virt-install-aarch64.xml"), "utf8").replace(
      /\s*<source file="[^"]*\.iso"\/>/,
      "",
    );
    expect(xml).toMatch(/<disk type="file" device="cdrom">\s*<driver name="qemu" type="raw"\/>\s*<target dev="sda" bus="scsi"\/>/);
    // libvirt's own schema accepts it.
    const dir = scratch("hand-");
    writeFileSync(join(dir, "domain.xml"), xml);
    execFileSync("virt-xml-validate", [join(dir, "domain.xml"), "domain"], { stdio: "pipe" });
    const r = importLibvirt(xml, { qemu: [7, 2] });
    expect(r.spec!.cdroms).toEqual([{ name: "sda", bus: "virtio-scsi" }]);
    expect((r.notes ?? []).join("\n")).not.toMatch(/CD-ROM/);
    // Its build is the empty tray: a drive without a file, and QEMU 7.2 shows the drive empty.
    const cd = {
      name: "t",
      memory: { size: "512MiB" },
      machine: { type: "virt" },
      cpu: { model: "max" },
      accel: "tcg",
      monitors: { qmp: false },
      cdroms: r.spec!.cdroms,
    };
    const b = buildSpec(new TextEncoder().encode(JSON.stringify(cd)), { baseDir: dir, format: "json", rules: ALL_RULES_OFF, qemu: [7, 2] });
    const argv = (JSON.parse(b.output!) as { argv: string[] }).argv;
    expect(argv).toContain("if=none,id=drive-sda,media=cdrom,readonly=on");
    const q = await startPaused(
      argv.filter((w, i) => !(w === "-qmp" || argv[i - 1] === "-qmp")),
      { timeoutMs: 30000 },
    );
    try {
      const block = ((await q.cmd("query-block")) as { qdev?: string; removable: boolean; inserted?: unknown }[]).find((x) =>
        x.qdev?.includes("sda"),
      );
      expect(block).toMatchObject({ removable: true });
      expect(block!.inserted).toBeUndefined();
    } finally {
      await q.quit();
    }
  }, 120000);
});

describe("a hand-written script with every shape, devices in its author's order", () => {
  it("maps NUMA, the serial port and the TPM; devices that would change PCI slots stay raw, each with its reason", () => {
    const r = imp("mixed.sh");
    expect(Object.keys(r.spec).sort()).toEqual(["cpu", "defaults", "extraArgs", "machine", "memory", "name", "numa", "serial", "tpm"]);
    expect(r.spec.serial).toEqual({ type: "telnet", port: 4444 });
    const why = new Map(r.kept.map(([w, y]) => [w, y]));
    expect(why.get("-device qemu-xhci")).toBe(
      "kept where it stands: a field would place it before an option kept in extraArgs, which would change its address",
    );
    expect(why.get("-object iothread,id=io1")).toMatch(/^an I\/O thread is disks\[\]\.iothread/);
    expect(why.get("-vnc :1,websocket=5701")).toMatch(/^-vnc :1: no host listens on every address/);
    // No kept option claims the spec has no field for it.
    expect(r.kept.filter(([, y]) => y.startsWith("the spec has no field"))).toEqual([]);
  });
});
