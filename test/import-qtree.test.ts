// The real QEMU as judge of `vmspec import`: for every corpus file Debian's QEMU 7.2 can start
// (after the same host adjustments on both sides: test-only paths become real scratch files,
// passed file descriptors become unix sockets, KVM becomes TCG), the original command line and
// the one rebuilt from the imported spec give the same device tree (`info qtree` over QMP).
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, openSync, ftruncateSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { readFileSync } from "node:fs";
import { corpusFiles } from "./helpers/corpus.js";
import { originalOptions, roundTrip } from "./helpers/import-corpus.js";
import { parseOptions } from "../qemu/parse-options.js";
import { optionWords } from "../compiler/emit/argv.js";
import type { QemuOption } from "../qemu/options.js";
import { startPaused, QEMU } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const PATH_KEYS = new Set(["file", "filename", "path", "mem-path"]);
const RAW_PATH_FLAGS = new Set(["-kernel", "-initrd", "-dtb", "-bios"]);

/** Makes the scratch file standing in for a test-only path: images of their format, a real DTB, zeros otherwise. */
function standIn(dir: string, path: string, format: string | undefined, made: Map<string, string>): string {
  const known = made.get(path);
  if (known) return known;
  const file = join(dir, `${made.size}-${basename(path) || "file"}`);
  made.set(path, file);
  if (path.endsWith(".dtb")) execFileSync(QEMU, ["-M", `virt,dumpdtb=${file}`, "-display", "none"], { stdio: "ignore" });
  else if (format === "qcow2") execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", file, "64M"]);
  else if (path.endsWith(".aes")) writeFileSync(file, Buffer.alloc(32, 7));
  else {
    // 64 MiB: the size a virt board's flash needs, and plenty for a raw disk or a kernel.
    const fd = openSync(file, "w");
    ftruncateSync(fd, 64 * 1024 * 1024);
    closeSync(fd);
  }
  return file;
}

/** The same adjustments to either command line, so both can start on this host. */
function forThisHost(options: QemuOption[], dir: string, made: Map<string, string>): string[] {
  const out: QemuOption[] = [];
  // A -blockdev file node gets its image format from the format node stacked on it.
  const formatOfNode = new Map<string, string>();
  for (const o of options) {
    const file = o.flag === "-blockdev" ? o.props?.find((p) => p.key === "file")?.value : undefined;
    const driver = o.props?.find((p) => p.key === "driver")?.value;
    if (file && driver) formatOfNode.set(file, driver);
  }
  for (const o of options) {
    if (o.flag === "-enable-kvm") continue;
    // Gone from QEMU 7.2: its successor.
    if (o.flag === "-nodefconfig") {
      out.push({ ...o, flag: "-no-user-config" });
      continue;
    }
    // A monitor socket in a folder of the test machine libvirt ran on.
    if (o.flag === "-monitor" && o.raw?.startsWith("unix:/")) {
      out.push({ ...o, raw: o.raw.replace(/^unix:[^,]*/, `unix:${join(dir, `${made.size}-monitor.sock`)}`) });
      made.set(`monitor-${made.size}`, "");
      continue;
    }
    if (o.flag === "-S") continue; // the test starts every VM paused
    const node = o.props?.find((p) => p.key === "node-name")?.value;
    const format = (node && formatOfNode.get(node)) ?? o.props?.find((p) => p.key === "format" || p.key === "driver")?.value;
    const props = o.props?.map((p) => {
      if (p.key === "accel" && p.value.includes("kvm")) return { ...p, value: "tcg" };
      if (o.flag === "-cpu" && p.key === "model" && p.value === "host") return { ...p, value: "max" };
      if (p.key === "fd" && o.flag === "-chardev") return { key: "path", value: join(dir, `${made.size}-chardev.sock`) };
      if (PATH_KEYS.has(p.key) && p.value.startsWith("/") && !existsSync(p.value) && !(o.flag === "-chardev"))
        return { ...p, value: standIn(dir, p.value, format, made) };
      return p;
    });
    const raw =
      o.raw && RAW_PATH_FLAGS.has(o.flag) && o.raw.startsWith("/") && !existsSync(o.raw) ? standIn(dir, o.raw, undefined, made) : o.raw;
    out.push({ ...o, props, raw });
  }
  return out.flatMap(optionWords);
}

async function qtree(argv: string[]): Promise<string> {
  const q = await startPaused(argv, { timeoutMs: 20000 });
  try {
    const tree: string = await q.cmd("human-monitor-command", { "command-line": "info qtree" });
    // A device's drive by what it is (driver, image, read-only), not by its node name, which an
    // import of -blockdev chains renames (libvirt-1-format becomes drive-<disk>).
    const nodes: { "node-name": string; drv: string; file: string; ro: boolean }[] = await q.cmd("query-named-block-nodes");
    const what = new Map(nodes.map((n) => [n["node-name"], `${n.drv} ${n.file}${n.ro ? " ro" : ""}`]));
    // A device's chardev by what it is too (import gives a serial port's chardev vmspec's id, serial0).
    const chardevs: { label: string; filename: string }[] = await q.cmd("query-chardev");
    const backend = new Map(chardevs.map((c) => [c.label, c.filename.replace(/^pty:.*/, "pty")]));
    return tree
      .replace(/drive = "([^"]*)"/g, (all, name: string) => (what.has(name) ? `drive = <${what.get(name)}>` : all))
      .replace(/chardev = "([^"]*)"/g, (all, name: string) => (backend.has(name) ? `chardev = <${backend.get(name)}>` : all));
  } finally {
    await q.quit();
  }
}

describe("vmspec import, judged by the real QEMU", () => {
  it("gives the same device tree as the original for every corpus file QEMU 7.2 can start", async () => {
    const started: string[] = [];
    const notStartable: string[] = [];
    for (const f of corpusFiles()) {
      const text = readFileSync(f.path, "utf8");
      const rebuilt = roundTrip(text, f.name).argv!;
      const dir = scratch("qtree-");
      const made = new Map<string, string>();
      const original = forThisHost(originalOptions(text), dir, made);
      let want: string;
      try {
        want = await qtree(original);
      } catch (e) {
        notStartable.push(
          `${f.version}/${f.name}: ${(e as Error).message
            .split("\n")
            .filter((l) => !l.includes("info: QEMU waiting"))
            .join(" ")}`,
        );
        continue;
      }
      // The same stand-in files for the same paths: `made` is shared.
      const got = await qtree(forThisHost(parseOptions(rebuilt.map((t) => ({ text: t, path: [] }))).options, dir, made));
      expect(got, `${f.version}/${f.name}`).toBe(want);
      started.push(`${f.version}/${f.name}`);
    }
    // Not a vacuous pass: most of the corpus starts here (70 of 92 files when this was written; the
    // others need KVM, a removed option such as -net vlan=, a passed fd or a host device).
    expect(started.length, `started: ${started.length}; not startable:\n${notStartable.join("\n")}`).toBeGreaterThanOrEqual(65);
  }, 900000);
});
