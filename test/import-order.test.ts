// `vmspec import` keeps the VM: the order of options that QEMU reads as addresses (PCI slots,
// SCSI ids, USB ports, serial and pflash numbers) is part of equivalence. vmspec's own output —
// every example and golden spec, and specs written to stress the order of disks, CD-ROMs and
// networks — imports and rebuilds to the byte-identical argv; a hand-written script whose
// devices vmspec cannot all map keeps the unmapped ones and every device after them where they
// stand; and the real QEMU gives the original and the rebuilt command line the same device tree.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { stringify } from "yaml";
import { buildSpec } from "../lint/build.js";
import { importCommandLine } from "../import/import.js";
import { importedYaml } from "../import/write-yaml.js";
import { optionDifference, orderClass } from "../import/equivalence.js";
import { parseOptions } from "../qemu/parse-options.js";
import { optionWords } from "../compiler/emit/argv.js";
import type { QemuOption } from "../qemu/options.js";
import type { QemuVersion } from "../qemu/targets.js";
import { ALL_RULES_OFF, originalOptions } from "./helpers/import-corpus.js";
import { ROOT } from "./helpers/cli.js";
import { startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const quote = (w: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

function argvOf(specText: string | Uint8Array, baseDir: string, qemu: QemuVersion): string[] {
  const b = buildSpec(typeof specText === "string" ? enc(specText) : specText, { baseDir, format: "json", rules: ALL_RULES_OFF, qemu });
  if (!b.output) throw new Error(`does not build: ${b.findings.map((f) => f.message).join("; ")}`);
  return (JSON.parse(b.output) as { argv: string[] }).argv;
}

/** Imports a launch script and builds the imported spec again: the rebuilt argv and the import. */
function reimport(script: string, baseDir: string, qemu: QemuVersion) {
  const result = importCommandLine(script, "argv", { qemu, baseDir });
  const errors = result.problems.filter((p) => p.severity === "error").map((p) => p.message);
  if (errors.length) throw new Error(`import failed: ${errors.join("; ")}`);
  const yaml = importedYaml(result, { source: "launch.sh", schemaRef: "vmspec.schema.json" });
  return { result, yaml, argv: argvOf(yaml, baseDir, qemu) };
}

const shellOf = (argv: string[]) => `#!/bin/sh\nexec qemu-system-aarch64 \\\n  ${argv.map(quote).join(" \\\n  ")}\n`;

describe("import of vmspec's own output gives back the byte-identical argv", () => {
  const specs = [
    ...readdirSync(join(ROOT, "examples")).map((f) => join(ROOT, "examples", f)),
    ...readdirSync(join(ROOT, "test/golden"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => join(ROOT, "test/golden", f)),
  ];
  const builds = (f: string, qemu: QemuVersion) =>
    buildSpec(readFileSync(f), { baseDir: "/srv/vms", format: "json", rules: ALL_RULES_OFF, qemu }).output !== undefined;
  // A passt network's forwards live in passt's own command line (build's preparation step), which
  // these scripts do not hold: its -netdev stream stays raw in extraArgs, at the end (checked below;
  // a script with the passt command maps it: test/import-passt.test.ts).
  const passt = (f: string) => /backend: passt/.test(readFileSync(f, "utf8"));
  const buildable = specs.filter((f) => !passt(f) && builds(f, [7, 2]));
  it("has most examples and golden specs to check", () => expect(buildable.length).toBeGreaterThanOrEqual(13));
  it("keeps a passt network's -netdev stream raw, with the reason, and the rest maps", () => {
    const file = specs.find(passt)!;
    const argv = argvOf(readFileSync(file), "/srv/vms", [7, 2]);
    const r = reimport(shellOf(argv), "/srv/vms", [7, 2]);
    const kept = r.result.kept.filter((k) => k.words[0] === "-netdev");
    expect(kept.map((k) => k.words[1])).toEqual([expect.stringMatching(/^stream,id=net-lan,/)]);
    expect(kept[0].why).toMatch(/cannot be known to be passt's/);
    // The same options, the raw ones moved to the end with the extraArgs.
    expect([...r.argv].sort()).toEqual([...argv].sort());
  });
  // A spec the target cannot express (NUMA distances, display.passwordFile for 2.9: target-unsupported) is checked for the targets that can.
  const targets = buildable.flatMap((f) => (["7.2", "2.9"] as const).map((q) => [relative(ROOT, f), q] as const));
  it.each(targets.filter(([f, q]) => q === "7.2" || builds(join(ROOT, f), [2, 9])))("%s for QEMU %s", (file, q) => {
    const qemu = q.split(".").map(Number) as unknown as QemuVersion;
    const argv = argvOf(readFileSync(join(ROOT, file)), "/srv/vms", qemu);
    expect(reimport(shellOf(argv), "/srv/vms", qemu).argv).toEqual(argv);
  });
});

// Specs as an admin writes them, with the devices in every order.
const DISKS = [
  { name: "os", file: "os.qcow2", format: "qcow2" },
  { name: "data", file: "data.raw", format: "raw", bus: "virtio-scsi" },
  { name: "logs", file: "logs.qcow2", format: "qcow2", cache: "none" },
];
const CDROMS = [
  { name: "installer", file: "installer.iso" },
  { name: "drivers", file: "drivers.iso", bus: "usb-storage" },
];
const NETWORKS = [
  { name: "lan", type: "user", forwards: [{ hostPort: 2222, guestPort: 22 }] },
  { name: "wan", type: "tap", ifname: "tap-wan" },
  { name: "dmz", type: "bridge", bridge: "br-dmz", model: "e1000e" },
  { name: "mgmt", type: "user" },
];

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

function stressSpecs(): { title: string; spec: Record<string, unknown> }[] {
  const out: { title: string; spec: Record<string, unknown> }[] = [];
  const diskOrders = permutations(DISKS);
  const netOrders = permutations(NETWORKS);
  diskOrders.forEach((disks, i) => {
    netOrders.forEach((networks, j) => {
      if ((i + j) % 3 !== 0) return; // every disk order and every network order, not every pair
      const cdroms = j % 2 ? [...CDROMS].reverse() : CDROMS;
      const names = [...disks, ...cdroms, ...networks].map((d) => d.name);
      // No boot order, one that follows the list, and one that runs against it.
      const boot = [undefined, { order: [names[1], names[0]] }, { order: [...names].reverse().slice(0, 4) }][j % 3];
      out.push({
        title: `disks ${disks.map((d) => d.name).join(",")}, cdroms ${cdroms.map((c) => c.name).join(",")}, networks ${networks.map((n) => n.name).join(",")}, boot ${boot?.order?.join(",") ?? "none"}`,
        spec: { name: "stress", memory: { size: "1GiB" }, disks, cdroms, networks, ...(boot ? { boot } : {}) },
      });
    });
  });
  // Monitors turned off and a serial console, with the defaults otherwise.
  out.push({ title: "no monitors", spec: { name: "quiet", memory: { size: "512MiB" }, monitors: { qmp: false }, disks: [DISKS[0]] } });
  out.push({
    title: "own bootindex on a device",
    spec: {
      name: "own",
      memory: { size: "512MiB" },
      disks: [{ ...DISKS[0], bootindex: 3 }, DISKS[2]],
      networks: [{ ...NETWORKS[3], bootindex: 1 }],
    },
  });
  return out;
}

describe("import of specs that stress the order of devices gives back the byte-identical argv", () => {
  const cases = stressSpecs();
  it("covers every order of the disks and of the networks", () => {
    const orders = cases.filter((c) => c.title.startsWith("disks ")).map((c) => c.title.split(", "));
    expect(new Set(orders.map((t) => t[0])).size).toBe(6);
    expect(new Set(orders.map((t) => t[2])).size).toBe(24);
    expect(cases.filter((c) => !c.title.endsWith("boot none")).length).toBeGreaterThan(10);
  });
  it.each(cases.map((c) => [c.title, c] as const))("%s", (_title, c) => {
    for (const qemu of [
      [7, 2],
      [2, 9],
    ] as QemuVersion[]) {
      const argv = argvOf(stringify(c.spec), "/srv/vms", qemu);
      const back = reimport(shellOf(argv), "/srv/vms", qemu);
      expect(back.argv).toEqual(argv);
      // Everything became a field again: nothing is left raw to hold the order.
      expect(back.yaml).not.toMatch(/^extraArgs:/m);
    }
  });
});

/** Renames host-dependent paths and back ends the same way on both sides, so QEMU 7.2 can start either. */
function forThisHost(options: QemuOption[], dir: string): string[] {
  return options
    .map((o): QemuOption => {
      if (o.flag === "-netdev" && ["tap", "bridge"].includes(o.props![0].value)) {
        // A tap or bridge needs the host's network: the NIC's slot, which is what matters here, does not.
        return { ...o, props: [{ key: "type", value: "user", implied: true }, ...o.props!.filter((p) => p.key === "id")] };
      }
      const props = o.props?.map((p) => {
        if (p.key === "accel") return { ...p, value: "tcg" };
        if (o.flag === "-cpu" && p.key === "model") return { ...p, value: "cortex-a57" };
        if (p.key === "file" || p.key === "path") return { ...p, value: join(dir, p.value.replace(/^.*\//, "")) };
        return p;
      });
      return { ...o, props };
    })
    .flatMap(optionWords);
}

async function qtree(argv: string[]): Promise<string> {
  const q = await startPaused(argv, { timeoutMs: 20000 });
  try {
    return await q.cmd("human-monitor-command", { "command-line": "info qtree" });
  } finally {
    await q.quit();
  }
}

function makeImages(dir: string, argv: string[]): void {
  for (const o of parseOptions(argv.map((t) => ({ text: t, path: [] }))).options) {
    const file = o.flag === "-drive" ? o.props?.find((p) => p.key === "file")?.value : undefined;
    const format = o.props?.find((p) => p.key === "format")?.value ?? "raw";
    if (file) execFileSync("qemu-img", ["create", "-q", "-f", format, file, "16M"]);
  }
}

// A script in the style of a blog post: the first disk with a setting no field says (werror=, so
// it stays raw even with vmspec's ids: import/respell.ts) and a NIC, then a disk and a NIC in
// vmspec's own shape. Mapped, the latter would be emitted before the raw disk and take its PCI slot.
const HAND_WRITTEN = `#!/bin/bash
# Boot the arm64 cloud image with an extra data disk
qemu-system-aarch64 -name demo -M virt,accel=kvm -cpu host -smp 2 -m 2G \\
  -drive if=none,file=/vm/ubuntu.qcow2,format=qcow2,id=hd0,werror=stop -device virtio-blk-pci,drive=hd0 \\
  -netdev user,id=n0,hostfwd=tcp::2222-:22 -device virtio-net-pci,netdev=n0 \\
  -drive file=/vm/os.qcow2,format=qcow2,if=none,id=drive-os -device virtio-blk-pci,drive=drive-os,id=os \\
  -netdev user,id=net-lan -device virtio-net-pci,netdev=net-lan,id=lan \\
  -nographic
`;

describe("import keeps what it cannot map, and every device after it, where it stands", () => {
  it("leaves a vmspec-shaped disk and NIC raw when raw devices stand before them", () => {
    const r = importCommandLine(HAND_WRITTEN, "argv", { qemu: [7, 2], baseDir: "/" });
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.spec!.disks).toBeUndefined();
    expect(r.spec!.networks).toBeUndefined();
    const kept = r.kept.map((k) => k.words.join(" "));
    expect(kept).toContain("-device virtio-blk-pci,drive=drive-os,id=os");
    expect(r.kept.find((k) => k.words[1] === "virtio-blk-pci,drive=drive-os,id=os")!.why).toMatch(
      /before an option kept in extraArgs, which would change its address/,
    );
    // Its back ends stay with it, and say so.
    expect(r.kept.find((k) => k.words[1] === "user,id=net-lan")!.why).toBe(
      "kept with the device that uses it, which stays where it stands",
    );
    expect(r.kept.find((k) => k.words[1].includes("id=drive-os"))!.why).toBe(
      "kept with the device that uses it, which stays where it stands",
    );
    // The rebuilt options keep the devices in their order.
    const yaml = importedYaml(r, { source: "demo.sh", schemaRef: "x" });
    const rebuilt = parseOptions(argvOf(yaml, "/", [7, 2]).map((t) => ({ text: t, path: [] }))).options;
    expect(optionDifference(rebuilt, originalOptions(HAND_WRITTEN))).toEqual({ onlyA: [], onlyB: [], order: [] });
  });

  it("compares the order of each order class, and only of those", () => {
    const opts = (words: string[]) => parseOptions(words.map((t) => ({ text: t, path: [] }))).options;
    const a = opts([
      "-device",
      "virtio-blk-pci,drive=d1,id=a",
      "-device",
      "virtio-blk-pci,drive=d2,id=b",
      "-netdev",
      "user,id=x",
      "-netdev",
      "user,id=y",
    ]);
    const swappedDevices = opts([
      "-device",
      "virtio-blk-pci,drive=d2,id=b",
      "-device",
      "virtio-blk-pci,drive=d1,id=a",
      "-netdev",
      "user,id=x",
      "-netdev",
      "user,id=y",
    ]);
    const swappedBackends = opts([
      "-device",
      "virtio-blk-pci,drive=d1,id=a",
      "-device",
      "virtio-blk-pci,drive=d2,id=b",
      "-netdev",
      "user,id=y",
      "-netdev",
      "user,id=x",
    ]);
    expect(optionDifference(swappedDevices, a).order).toEqual([
      "-device: place 1 holds -device drive=d2,driver=virtio-blk-pci,id=b instead of -device drive=d1,driver=virtio-blk-pci,id=a",
    ]);
    expect(optionDifference(swappedBackends, a)).toEqual({ onlyA: [], onlyB: [], order: [] });
    expect(orderClass(opts(["-device", "scsi-hd,bus=scsi0.0,drive=x"])[0])).toBe("-device bus=scsi0.0");
    expect(orderClass(opts(["-device", "virtio-net-pci,bus=pcie.0"])[0])).toBe("-device");
    expect(orderClass(opts(["-drive", "if=none,id=x,file=y"])[0])).toBeUndefined();
    expect(orderClass(opts(["-pflash", "code.fd"])[0])).toBe("-drive if=pflash");
    expect(orderClass(opts(["-serial", "pty"])[0])).toBe("-serial");
  });
});

describe("the real QEMU gives the original and the rebuilt command line the same addresses", () => {
  it("for the hand-written script and for specs with disks, CD-ROMs and NICs in mixed orders", async () => {
    const scripts: [string, string][] = [["hand-written", HAND_WRITTEN]];
    const picks = stressSpecs().filter((_, i) => i % 17 === 0);
    for (const c of picks) scripts.push([c.title, shellOf(argvOf(stringify(c.spec), "/srv/vms", [7, 2]))]);
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const [title, script] of scripts) {
      const dir = scratch("order-");
      const original = forThisHost(originalOptions(script), dir);
      const back = reimport(script, "/srv/vms", [7, 2]);
      const rebuilt = forThisHost(parseOptions(back.argv.map((t) => ({ text: t, path: [] }))).options, dir);
      makeImages(dir, original);
      writeFileSync(join(dir, "launch.sh"), script);
      const want = await qtree(original);
      // Not vacuous: the tree holds the PCI addresses and the SCSI ids the order decides.
      expect(want, title).toMatch(/addr = 0[1-9a-f]\.0/);
      expect(await qtree(rebuilt), title).toBe(want);
    }
  }, 300000);
});

describe("import gives back the spec it was built from, not only its options", () => {
  const TCG =
    "name: t\naccel: tcg\nmemory: {size: 1GiB}\ndisks:\n  - {name: os, file: os.qcow2, format: qcow2}\n  - {name: data, file: data.qcow2, format: qcow2}\ncdroms:\n  - {name: installer, file: inst.iso}\nboot: {order: [installer, os, data]}\n";
  it.each([[[7, 2]], [[2, 9]]] as [QemuVersion][])(
    "a TCG spec for QEMU %s: the CPU model vmspec picked stays vmspec's, and the boot order stays a boot order",
    (qemu) => {
      const argv = argvOf(TCG, "/srv/vms", qemu);
      const back = reimport(shellOf(argv), "/srv/vms", qemu);
      expect(back.argv).toEqual(argv);
      expect(back.result.spec!.cpu).toEqual({ count: 1 });
      expect(back.result.spec!.boot).toEqual({ order: ["installer", "os", "data"] });
      expect((back.result.spec!.disks as { bootindex?: number }[]).every((d) => d.bootindex === undefined)).toBe(true);
    },
  );

  it("reads -m with a fraction as QEMU does, and points at an -m it cannot say", () => {
    const r = importCommandLine("qemu-system-aarch64 -name m -M virt,accel=kvm -cpu host -m 1.5G -runas qemu\n", "argv", { qemu: [7, 2] });
    expect(r.problems).toEqual([]);
    expect(r.spec!.memory).toEqual({ size: "1.5GiB" });
    const text = "qemu-system-aarch64 -name m -M virt,accel=kvm -cpu host -m 1.5X -runas qemu\n";
    const bad = importCommandLine(text, "argv", { qemu: [7, 2] });
    expect(bad.problems).toEqual([
      {
        severity: "error",
        message: "-m 1.5X: the spec's memory cannot say exactly this, and a spec needs memory",
        range: [text.indexOf("-m 1.5X"), text.indexOf("-m 1.5X") + 7],
      },
    ]);
  });
});
