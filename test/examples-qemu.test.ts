// Every example, built for this host (TCG, cortex-a57, QEMU 7.2), started paused in the real
// qemu-system-aarch64: QMP must show every disk, NIC, controller, chardev, the vCPU count, the
// memory size and the name the spec declares. Devices that need host hardware are checked for the
// exact error QEMU gives. The readconfig output must give the same devices as the argv.
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { parseSize } from "../spec/size.js";
import type { VmSpec } from "../spec/types.js";
import { ROOT } from "./helpers/cli.js";
import { buildJson, copyInto, prepareHost, scratch, touch, type BuiltJson } from "./helpers/workdir.js";
import { peripherals, startExpectingFailure, startPaused, type Qemu } from "./helpers/qemu.js";

const EXAMPLES = join(ROOT, "examples");
const BRIDGE_WRAPPER = join(ROOT, "test/helpers/bridge-netns.sh");

/** What the spec promises, as QOM types by device id (the test's own reading of the spec). */
function promisedDevices(spec: VmSpec): Record<string, string> {
  const out: Record<string, string> = {};
  const diskType = { "virtio-blk": "virtio-blk-pci", "virtio-scsi": "scsi-hd", "usb-storage": "usb-storage" };
  for (const d of spec.disks ?? []) out[d.name] = diskType[d.bus ?? "virtio-blk"];
  for (const c of spec.cdroms ?? []) out[c.name] = c.bus === "usb-storage" ? "usb-storage" : "scsi-cd";
  if (spec.disks?.some((d) => d.bus === "virtio-scsi") || spec.cdroms?.some((c) => (c.bus ?? "virtio-scsi") === "virtio-scsi"))
    out.scsi0 = "virtio-scsi-pci";
  const nic = { virtio: "virtio-net-pci", e1000: "e1000", e1000e: "e1000e", rtl8139: "rtl8139" };
  for (const n of spec.networks ?? []) out[n.name] = nic[n.model ?? "virtio"];
  if (spec.display && spec.display.type !== "none")
    out.video0 = { std: "VGA", qxl: "qxl-vga", "virtio-gpu": "virtio-gpu-pci", ramfb: "ramfb" }[spec.display.video ?? "std"];
  const usb = spec.usb;
  if (usb?.tablet) out["usb-tablet"] = "usb-tablet";
  if (usb?.keyboard) out["usb-keyboard"] = "usb-kbd";
  if (usb?.mouse) out["usb-mouse"] = "usb-mouse";
  if (usb || Object.values(out).includes("usb-storage"))
    out.usb = { ehci: "usb-ehci", ohci: "pci-ohci", xhci: "qemu-xhci" }[usb?.controller ?? "ehci"];
  if (spec.console || spec.guestAgent) out["virtio-serial0"] = "virtio-serial-pci";
  if (spec.console) out.virtconsole0 = "virtconsole";
  if (spec.guestAgent) out.qga0 = "virtserialport";
  if (spec.rng) out.rng = "virtio-rng-pci";
  if (spec.balloon) out.balloon0 = "virtio-balloon-pci";
  if (spec.watchdog) out.watchdog0 = "i6300esb";
  for (const s of spec.shares ?? []) out[`share-${s.tag}`] = "virtio-9p-pci";
  for (const h of spec.hostDevices ?? []) out[h.name] = "vfio-pci";
  if (spec.pvpanic) out.pvpanic0 = "pvpanic-pci";
  if (spec.tpm) out.tpm = "tpm-tis-device";
  return out;
}

function promisedChardevs(spec: VmSpec): string[] {
  const out: string[] = [];
  if (spec.serial) out.push("serial0");
  if (spec.console) out.push("console0");
  if (spec.guestAgent) out.push("qga0");
  if (spec.monitors?.qmp !== false) out.push("qmp");
  if (spec.monitors?.hmp) out.push("hmp");
  return out;
}

/** Copies an example into a scratch folder, applying host-specific edits to the copy. */
function stage(example: string, edit?: (doc: ReturnType<typeof parseDocument>, dir: string) => void) {
  const dir = scratch();
  const file = copyInto(dir, join(EXAMPLES, example));
  const doc = parseDocument(readFileSync(file, "utf8"));
  // Host-specific: Debian has no "qemu" user; QEMU drops to "nobody" here instead.
  if (doc.has("runAs")) doc.set("runAs", "nobody");
  edit?.(doc, dir);
  writeFileSync(file, doc.toString());
  const spec = doc.toJS() as VmSpec;
  for (const s of spec.shares ?? []) mkdirSync(resolve(dir, s.path), { recursive: true });
  if (spec.kernel) {
    touch(resolve(dir, spec.kernel.path));
    if (spec.kernel.initrd) touch(resolve(dir, spec.kernel.initrd));
  }
  const built = buildJson(file);
  prepareHost(built);
  return { dir, file, spec, built };
}

/** A snapshot of what QMP shows, for assertions and for comparing two starts. */
async function inventory(q: Qemu) {
  const blocks: any[] = await q.cmd("query-block");
  const chardevs: any[] = await q.cmd("query-chardev");
  const pci: any[] = await q.cmd("query-pci");
  return {
    name: (await q.cmd("query-name")).name as string,
    cpus: ((await q.cmd("query-cpus-fast")) as unknown[]).length,
    memory: (await q.cmd("query-memory-size-summary"))["base-memory"] as number,
    devices: await peripherals(q),
    blocks: Object.fromEntries(blocks.map((b) => [b.device || b.qdev, b.inserted?.file ?? null])),
    chardevs: chardevs
      .map((c) => c.label as string)
      .filter((l) => l !== "compat_monitor0")
      .sort(),
    pci: pci.flatMap((bus) => bus.devices.map((d: any) => `${d.slot}.${d.function}:${d.qdev_id}:${d.id.device}`)).sort(),
  };
}

async function withQemu<T>(argv: string[], cwd: string, f: (q: Qemu) => Promise<T>, wrap: string[] = []): Promise<T> {
  const q = await startPaused(argv, { cwd, prefix: wrap });
  try {
    return await f(q);
  } finally {
    await q.quit();
  }
}

function assertPromises(inv: Awaited<ReturnType<typeof inventory>>, spec: VmSpec, built: BuiltJson) {
  expect(inv.name).toBe(spec.name);
  expect(inv.cpus).toBe(spec.cpu?.count ?? (spec.cpu?.sockets ?? 1) * (spec.cpu?.cores ?? 1) * (spec.cpu?.threads ?? 1));
  expect(inv.memory).toBe(parseSize(spec.memory.size));
  expect(inv.devices).toMatchObject(promisedDevices(spec));
  for (const d of [...(spec.disks ?? []), ...(spec.cdroms ?? [])]) {
    const file = d.file;
    const image = file === undefined ? undefined : built.images.find((i) => i.path.endsWith(file.replace(/^\.\//, "")));
    expect(inv.blocks[`drive-${d.name}`], `drive of ${d.name}`).toBe(image?.path ?? null);
  }
  expect(inv.chardevs).toEqual(expect.arrayContaining(promisedChardevs(spec)));
}

/** Starts the readconfig form of a build and checks it matches the argv form exactly. */
async function sameFromReadconfig(
  built: BuiltJson,
  dir: string,
  argvInventory: Awaited<ReturnType<typeof inventory>>,
  wrap: string[] = [],
) {
  expect("file" in built.readconfig).toBe(true);
  if (!("file" in built.readconfig)) return;
  writeFileSync(join(dir, `${argvInventory.name.replace(/[^A-Za-z0-9_.-]/g, "_")}.cfg`), built.readconfig.file);
  const fromConfig = await withQemu(built.readconfig.argv, dir, inventory, wrap);
  expect(fromConfig).toEqual(argvInventory);
}

const EXAMPLE_FILES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

describe("examples on the real QEMU", () => {
  it("covers every example file", () => {
    expect(EXAMPLE_FILES).toEqual([
      "bridged-agent.yaml",
      "hugepages-vfio.yaml",
      "kernel-boot.yaml",
      "minimal-uefi.yaml",
      "scsi-shares.yaml",
      "spice-desktop.yaml",
    ]);
  });

  for (const example of ["minimal-uefi.yaml", "kernel-boot.yaml", "scsi-shares.yaml"]) {
    it(`${example}: every promised device is there, from argv and from -readconfig`, async () => {
      const { dir, spec, built } = stage(example);
      const inv = await withQemu(built.argv, dir, inventory);
      assertPromises(inv, spec, built);
      await sameFromReadconfig(built, dir, inv);
    });
  }

  it("bridged-agent.yaml: the NIC is attached to a real bridge by qemu-bridge-helper (private namespace)", async () => {
    const { dir, spec, built } = stage("bridged-agent.yaml");
    const wrap = ["unshare", "--net", "--mount", "sh", BRIDGE_WRAPPER, join(dir, "overlay")];
    const inv = await withQemu(built.argv, dir, inventory, wrap);
    assertPromises(inv, spec, built);
    await sameFromReadconfig(built, dir, inv, wrap);
  });

  it("bridged-agent.yaml: outside such a namespace QEMU names the missing bridge set-up", async () => {
    const { dir, built } = stage("bridged-agent.yaml");
    const r = await startExpectingFailure(built.argv, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("-netdev bridge,id=net-uplink,br=br0: bridge helper failed");
  });

  it("spice-desktop.yaml: Debian's aarch64 QEMU has no QXL, and says exactly that", async () => {
    const { dir, built } = stage("spice-desktop.yaml");
    const r = await startExpectingFailure(built.argv, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("-device qxl-vga,id=video0: 'qxl-vga' is not a valid device model name");
  });

  it("spice-desktop.yaml with VGA instead of QXL: SPICE, USB tablet and keyboard are there", async () => {
    const { dir, spec, built } = stage("spice-desktop.yaml", (doc) => doc.setIn(["display", "video"], "std"));
    const inv = await withQemu(built.argv, dir, async (q) => ({ ...(await inventory(q)), spice: await q.cmd("query-spice") }));
    const { spice, ...rest } = inv;
    assertPromises(rest, spec, built);
    expect(spice).toMatchObject({ enabled: true, host: "127.0.0.1", port: 5930 });
    await sameFromReadconfig(built, dir, rest);
  });

  it("hugepages-vfio.yaml: the VFIO device needs host hardware, and QEMU says which", async () => {
    // Host-specific: hugetlbfs is not mounted here, so memory comes from a scratch folder (QEMU
    // backs RAM with a file there the same way), and 8GiB preallocated is more than a test should take.
    const { dir, built } = stage("hugepages-vfio.yaml", (doc, d) => {
      doc.setIn(["memory", "hugepages"], d);
      doc.setIn(["memory", "size"], "256MiB");
    });
    const r = await startExpectingFailure(built.argv, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("-device vfio-pci,host=0000:01:00.0,id=nic0: vfio /sys/bus/pci/devices/0000:01:00.0: no such host device");
  });

  it("hugepages-vfio.yaml without the host device: memory from the file backend, watchdog, pvpanic", async () => {
    const { dir, spec, built } = stage("hugepages-vfio.yaml", (doc, d) => {
      doc.setIn(["memory", "hugepages"], d);
      doc.setIn(["memory", "size"], "256MiB");
      doc.deleteIn(["hostDevices"]);
      // QEMU 7.2 has the virt board's panic device (pvpanic-pci, 6.0+); the example's 2.9 has none.
      doc.set("pvpanic", true);
    });
    const inv = await withQemu(built.argv, dir, async (q) => ({ ...(await inventory(q)), memdev: await q.cmd("query-memdev") }));
    const { memdev, ...rest } = inv;
    assertPromises(rest, spec, built);
    expect(memdev[0]).toMatchObject({ size: 256 * 1024 * 1024, prealloc: true });
    await sameFromReadconfig(built, dir, rest);
  });

  it("a TPM passed through needs the host's TPM, and QEMU says which", async () => {
    const dir = scratch();
    const file = join(dir, "tpm.yaml");
    writeFileSync(file, "name: tpm\nmemory: {size: 256MiB}\ntpm: {path: /dev/tpm0}\n");
    const built = buildJson(file);
    prepareHost(built);
    const r = await startExpectingFailure(built.argv, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "-tpmdev passthrough,id=tpm0,path=/dev/tpm0: Cannot access TPM device using '/dev/tpm0': No such file or directory",
    );
  });
});
