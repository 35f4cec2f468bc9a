// Hostile values (commas, "=", ":", quotes, spaces, $(), newlines, non-ASCII) in string fields
// must reach the real QEMU literally, never as extra options, and the shell output run by the
// real /bin/sh must pass exactly the argv we meant.
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { buildJson, prepareHost, scratch, touch } from "./helpers/workdir.js";
import { startExpectingFailure, startPaused } from "./helpers/qemu.js";
import { qemuWords } from "../qemu/read/shell-words.js";

/** Every character class that has a meaning to QEMU's option parser or to sh. */
const HOSTILE = `h,o=s:t 'i"l $(e) \`x\` é\nz`;
/** The same without "/" or a newline where a value must be short (disk serials hold 36 characters). */
const SHORT = `s,=:'"$(x) é`;

function hostileSpec(dir: string) {
  const sub = join(dir, HOSTILE);
  mkdirSync(sub, { recursive: true });
  const kernel = join(sub, "vmlinuz");
  touch(kernel);
  touch(join(sub, "initrd"));
  touch(join(sub, "entropy"));
  mkdirSync(join(sub, "share"), { recursive: true });
  return {
    name: HOSTILE,
    memory: { size: "256MiB" },
    firmware: { uefi: { code: "/usr/share/AAVMF/AAVMF_CODE.fd", vars: join(HOSTILE, "vars.fd") } },
    kernel: { path: kernel, initrd: join(sub, "initrd"), append: HOSTILE },
    disks: [
      { name: "root", file: join(HOSTILE, "root.qcow2"), format: "qcow2", size: "64MiB", serial: SHORT },
      { name: "data", file: "data,readonly=on.qcow2", format: "qcow2", size: "64MiB" },
    ],
    cdroms: [{ name: "cd", file: join(HOSTILE, "cd.iso") }],
    // The QMP socket path is limited to 107 bytes by the kernel: keep it short.
    monitors: { qmp: { socket: `q,=:'" $(x)é.sock` } },
    serial: { type: "file", path: join(HOSTILE, "serial.log") },
    rng: { source: join(HOSTILE, "entropy") },
    shares: [{ path: join(HOSTILE, "share"), tag: "share" }],
    console: { type: "socket", path: `c,=:'" $(x)é.sock` },
    guestAgent: { socket: `g,=:'" $(x)é.sock` },
    smbios: { manufacturer: HOSTILE, product: SHORT },
    pidfile: join(HOSTILE, "qemu.pid"),
    globals: [{ driver: "virtio-blk-pci", property: "serial", value: SHORT }],
  };
}

/** A spec with a hostile value in every free-text string field (fields with a pattern cannot hold one). */
function everyStringField(dir: string) {
  const spec = hostileSpec(dir) as Record<string, any>;
  return {
    ...spec,
    memory: { size: "256MiB", hugepages: join(HOSTILE, "huge") },
    firmware: { uefi: { ...spec.firmware.uefi, code: join(HOSTILE, "code.fd"), varsTemplate: join(HOSTILE, "template.fd") } },
    // display.listen has a pattern now (a host name or an address): test/listen-address.test.ts.
    display: { type: "vnc", port: 5901 },
    monitors: { qmp: { socket: "q.sock" }, hmp: { socket: join(HOSTILE, "hmp.sock") } },
    tpm: { path: join(HOSTILE, "tpm0") },
    smbios: { manufacturer: HOSTILE, product: HOSTILE, version: HOSTILE, serial: HOSTILE, sku: HOSTILE, family: HOSTILE },
    runAs: HOSTILE,
    incoming: HOSTILE,
    globals: [{ driver: "virtio-blk-pci", property: "serial", value: HOSTILE }],
    extraArgs: ["-msg", `timestamp=on`, "-name", HOSTILE].slice(0, 2),
  };
}

describe("hostile values", () => {
  it("reach the real QEMU literally", async () => {
    const dir = scratch();
    const file = join(dir, "hostile.yaml");
    writeFileSync(file, JSON.stringify(hostileSpec(dir), null, 2)); // JSON is YAML
    const built = buildJson(file);
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      expect((await q.cmd("query-name")).name).toBe(HOSTILE);
      const blocks: any[] = await q.cmd("query-block");
      const byDevice = Object.fromEntries(blocks.map((b) => [b.device, b.inserted]));
      expect(byDevice["drive-root"].file).toBe(join(dir, HOSTILE, "root.qcow2"));
      // The comma did not become an option: the file is read-write and named as written.
      expect(byDevice["drive-data"].file).toBe(join(dir, "data,readonly=on.qcow2"));
      expect(byDevice["drive-data"].ro).toBe(false);
      expect(byDevice["drive-cd"].file).toBe(join(dir, HOSTILE, "cd.iso"));
      expect(byDevice["pflash1"].file).toBe(join(dir, HOSTILE, "vars.fd"));
      expect(await q.cmd("qom-get", { path: "/machine/peripheral/root", property: "serial" })).toBe(SHORT);
      // -global applied its value to the disk that has no serial of its own.
      expect(await q.cmd("qom-get", { path: "/machine/peripheral/data", property: "serial" })).toBe(SHORT);
      expect(await q.cmd("qom-get", { path: "/machine", property: "append" })).toBe(HOSTILE);
      expect(await q.cmd("qom-get", { path: "/machine", property: "kernel" })).toBe(join(dir, HOSTILE, "vmlinuz"));
      expect(await q.cmd("qom-get", { path: "/objects/rng0", property: "filename" })).toBe(join(dir, HOSTILE, "entropy"));
      const chardevs: any[] = await q.cmd("query-chardev");
      // QEMU prefixes "disconnected:" while no client is connected.
      expect(chardevs.find((c) => c.label === "qmp").filename.replace(/^disconnected:/, "")).toBe(
        `unix:${join(dir, `q,=:'" $(x)é.sock`)},server=on`,
      );
      for (const [label, name] of [
        ["console0", `c,=:'" $(x)é.sock`],
        ["qga0", `g,=:'" $(x)é.sock`],
      ]) {
        expect(chardevs.find((c) => c.label === label).filename.replace(/^disconnected:/, "")).toBe(`unix:${join(dir, name)},server=on`);
      }
      expect(await q.cmd("qom-get", { path: "/machine", property: "initrd" })).toBe(join(dir, HOSTILE, "initrd"));
      expect(existsSync(join(dir, HOSTILE, "qemu.pid"))).toBe(true);
      expect(existsSync(join(dir, `q,=:'" $(x)é.sock`))).toBe(true);
    } finally {
      await q.quit();
    }
  });

  it("pass through the shell output exactly (run by the real /bin/sh), in every string field", () => {
    const dir = scratch();
    const file = join(dir, "hostile.yaml");
    writeFileSync(file, JSON.stringify(everyStringField(dir), null, 2));
    // A VNC server on a made-up address is reported as unauthenticated; that is not what this tests.
    const quiet = ["--rule", "vnc-unauthenticated=off"];
    const built = buildJson(file, quiet);
    const r = vmspec(["build", file, "--accel", "tcg", "--cpu", "cortex-a57", "--qemu", "7.2", ...quiet]);
    expect(r.code).toBe(0);
    // Stand-ins first on PATH print each argument NUL-terminated: what sh passes is what we compare.
    const bin = join(dir, "bin");
    mkdirSync(bin);
    for (const [cmd, tag] of [
      ["qemu-system-aarch64", "qemu"],
      ["qemu-img", "img"],
      ["cp", "cp"],
      ["mkdir", "mkdir"],
    ]) {
      writeFileSync(join(bin, cmd), `#!/bin/sh\nprintf '${tag}\\0'\nprintf '%s\\0' "$@"\n`, { mode: 0o755 });
    }
    const out = execFileSync("/bin/sh", ["-c", r.stdout], {
      cwd: dir,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    }).toString("utf8");
    const words = out.split("\0").slice(0, -1);
    const expected = [
      // A step runs only when its file or folder is missing (the stand-ins create nothing).
      ...built.prepare
        .filter((p) => !existsSync(p.creates))
        .flatMap((p) => [p.argv[0] === "qemu-img" ? "img" : p.argv[0], ...p.argv.slice(1)]),
      "qemu",
      ...built.argv,
    ];
    expect(words).toEqual(expected);
    // vmspec's own command-line reader, used by `lint --argv`, reads the same words back.
    expect(qemuWords(r.stdout).words.map((w) => w.text)).toEqual(built.argv);
  });

  it("that a -readconfig file cannot hold are refused with a clear error, and nothing is written", () => {
    const dir = scratch();
    const file = join(dir, "hostile.yaml");
    writeFileSync(file, JSON.stringify(hostileSpec(dir), null, 2));
    const out = join(dir, "out.cfg");
    const r = vmspec(["build", file, "--format", "readconfig", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hostile\.yaml:\d+:\d+: error: a -readconfig file cannot hold .* \[output-format\]/);
    expect(existsSync(out)).toBe(false);
    const json = JSON.parse(vmspec(["build", file, "--format", "json"]).stdout);
    expect(json.readconfig.error).toMatch(/cannot hold/);
  });

  it("fields QMP cannot show reach QEMU literally too: QEMU's own error message quotes them", async () => {
    // No newline here: QEMU's messages are one line. A ":" in a listen address would read as IPv6.
    const value = `h,o=s 'i"l $(e) é`;
    const cases: [Record<string, unknown>, string][] = [
      [{ runAs: value }, `User "${value}" doesn't exist`],
      [{ incoming: value }, `unknown migration protocol: ${value}`],
      [{ tpm: { path: `/nonexistent/${value}` } }, `Cannot access TPM device using '/nonexistent/${value}'`],
    ];
    for (const [fields, expected] of cases) {
      const dir = scratch();
      const file = join(dir, "vm.yaml");
      writeFileSync(file, JSON.stringify({ name: "x", memory: { size: "256MiB" }, ...fields }));
      const built = buildJson(file, ["--rule", "vnc-unauthenticated=off"]);
      prepareHost(built);
      const r = await startExpectingFailure(built.argv, { cwd: dir });
      expect(r.code, JSON.stringify(fields)).toBe(1);
      expect(r.stderr).toContain(expected);
    }
  });

  it("a comma in a file name is a file name to the real qemu-img too", () => {
    const dir = scratch();
    const file = join(dir, "c.yaml");
    writeFileSync(file, "name: c\nmemory: {size: 256MiB}\ndisks: [{name: d, file: 'x.qcow2,size=1G', format: qcow2, size: 1MiB}]\n");
    const built = buildJson(file);
    prepareHost(built);
    const info = JSON.parse(execFileSync("qemu-img", ["info", "--output=json", join(dir, "x.qcow2,size=1G")]).toString());
    expect(info["virtual-size"]).toBe(1024 * 1024);
    expect(spawnSync("test", ["-e", join(dir, "x.qcow2")]).status).not.toBe(0);
    expect(readFileSync(join(dir, "x.qcow2,size=1G")).subarray(0, 4).toString("latin1")).toBe("QFI\xfb");
  });
});
