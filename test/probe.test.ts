// `vmspec probe` and `--host` on the real binaries: Debian's qemu-system-aarch64 and
// qemu-system-arm (the 32-bit binary of the same package). The probe cache is proven without
// timing: a wrapper binary counts its starts, and a copy of the real binary has its mtime changed.
import { describe, expect, it } from "vitest";
import { chmodSync, copyFileSync, existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { probe, type HostQemu } from "../qemu/probe.js";
import { QEMU_CHANGES } from "../rules/data/qemu/changes.js";
import { versionOf, atLeast } from "../rules/qemu-changes.js";

const AARCH64 = "/usr/bin/qemu-system-aarch64";
const ARM = "/usr/bin/qemu-system-arm";

/** A fresh cache folder, as an environment for the CLI and for probe(). */
function cacheEnv() {
  return { ...process.env, VMSPEC_CACHE_DIR: scratch("vmspec-probe-cache-") };
}

/** A binary that records each start in a file beside it, then runs the real QEMU. */
function countingWrapper(): { path: string; starts: () => number } {
  const dir = scratch("vmspec-wrapper-");
  const path = join(dir, "qemu-system-aarch64");
  writeFileSync(path, `#!/bin/sh\necho start >> "${dir}/starts"\nexec ${AARCH64} "$@"\n`);
  chmodSync(path, 0o755);
  return {
    path,
    starts: () => (existsSync(join(dir, "starts")) ? readFileSync(join(dir, "starts"), "utf8").split("\n").filter(Boolean).length : 0),
  };
}

describe("vmspec probe", () => {
  const env = cacheEnv();
  const r = vmspec(["probe", "--binary", AARCH64], { env });
  const host = JSON.parse(r.stdout) as HostQemu;

  it("prints what the binary has, as JSON", () => {
    expect(r.code).toBe(0);
    expect(host.binary).toBe(AARCH64);
    expect([host.version.major, host.version.minor]).toEqual([7, 2]);
    expect(host.machines.find((m) => m.alias === "virt")?.name).toBe("virt-7.2");
    expect(host.cpus.map((c) => c.name)).toContain("cortex-a57");
    expect(host.devices).toContain("virtio-gpu-pci");
    expect(host.devices).not.toContain("qxl-vga");
    expect(host.commands).toContain("query-status");
    expect(host.deprecatedCommands).toEqual(expect.arrayContaining(["drive-backup", "nbd-server-add"]));
    expect(host.deprecatedArguments).toContain("eject.device");
    expect(host.optionGroups.map((o) => o.option)).toContain("drive");
    expect(host.flags).toEqual(expect.arrayContaining(["-machine", "-device", "-S", "-fdb", "-runas"]));
    expect(r.stderr).toMatch(/probed now, cached/);
  });

  it("gives the 32-bit qemu-system-arm's own answer: other CPUs and machines", () => {
    const arm = JSON.parse(vmspec(["probe", "--binary", ARM], { env }).stdout) as HostQemu;
    expect(arm.cpus.map((c) => c.name)).not.toContain("cortex-a57");
    expect(arm.machines.map((m) => m.name)).not.toContain("sbsa-ref");
    expect(host.machines.map((m) => m.name)).toContain("sbsa-ref");
    expect(arm.cpus.map((c) => c.name)).toContain("cortex-a15");
  });

  it("reuses the cached probe: the binary is not started again", () => {
    const w = countingWrapper();
    const env = cacheEnv();
    const first = vmspec(["probe", "--binary", w.path], { env });
    expect(first.code).toBe(0);
    // One start for QMP, one for -help.
    expect(w.starts()).toBe(2);
    const second = vmspec(["probe", "--binary", w.path], { env });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/from the probe cache/);
    expect(w.starts()).toBe(2);
    // --host on lint and build reads the same cache.
    const spec = join(scratch(), "vm.yaml");
    writeFileSync(spec, "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\ndisplay: {type: spice, video: qxl}\n");
    expect(vmspec(["lint", spec, `--host=${w.path}`, "--format", "compact"], { env }).stdout).toContain("has no device qxl-vga");
    expect(vmspec(["build", spec, `--host=${w.path}`], { env }).code).toBe(1);
    expect(w.starts()).toBe(2);
    // --refresh probes again.
    vmspec(["probe", "--binary", w.path, "--refresh"], { env });
    expect(w.starts()).toBe(4);
  });

  it("probes a changed binary again: a wrapper touched, a copy of the real binary whose mtime changes", () => {
    const w = countingWrapper();
    const env = cacheEnv();
    vmspec(["probe", "--binary", w.path], { env });
    const later = new Date(Date.now() + 60_000);
    utimesSync(w.path, later, later);
    vmspec(["probe", "--binary", w.path], { env });
    expect(w.starts()).toBe(4);

    const copy = join(scratch("vmspec-qemu-copy-"), "qemu-system-aarch64");
    copyFileSync(AARCH64, copy);
    chmodSync(copy, 0o755);
    expect(probe(copy, { env }).cached).toBe(false);
    expect(probe(copy, { env }).cached).toBe(true);
    const cacheFile = join(
      env.VMSPEC_CACHE_DIR,
      readdirSync(env.VMSPEC_CACHE_DIR).find((f) => readFileSync(join(env.VMSPEC_CACHE_DIR, f), "utf8").includes(copy))!,
    );
    const before = JSON.parse(readFileSync(cacheFile, "utf8")).key.mtimeMs;
    utimesSync(copy, later, later);
    const again = probe(copy, { env });
    expect(again.cached).toBe(false);
    expect(again.host.version.minor).toBe(2);
    expect(JSON.parse(readFileSync(cacheFile, "utf8")).key.mtimeMs).toBe(statSync(copy).mtimeMs);
    expect(statSync(copy).mtimeMs).not.toBe(before);
  });

  it("says clearly what is wrong with a binary it cannot probe", () => {
    const env = cacheEnv();
    const missing = vmspec(["probe", "--binary", "/nonexistent/qemu-system-aarch64"], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("vmspec: cannot probe /nonexistent/qemu-system-aarch64: no such file\n");
    const notQemu = vmspec(["probe", "--binary", "/bin/true"], { env });
    expect(notQemu.code).toBe(2);
    expect(notQemu.stderr).toMatch(/^vmspec: \/bin\/true did not answer QMP/);
    expect(vmspec(["probe", "--binary", "no-such-qemu-binary"], { env }).stderr).toMatch(/cannot find no-such-qemu-binary on PATH/);
  });
});

describe("--host", () => {
  const env = cacheEnv();

  it("the issue's spice-desktop on Debian's QEMU 7.2: no qxl-vga at display.video, no output, exit 1", () => {
    const out = join(scratch(), "spice.sh");
    const r = vmspec(["build", "examples/spice-desktop.yaml", "--host", "-o", out], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "examples/spice-desktop.yaml:26:10: error: this QEMU (qemu-system-aarch64 7.2) has no device qxl-vga: it would refuse to start ('qxl-vga' is not a valid device model name) [host-lacks]",
    );
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });

  it("the same spec gives different findings on qemu-system-aarch64 and qemu-system-arm", () => {
    const spec = join(scratch(), "vm.yaml");
    writeFileSync(spec, "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: tcg\ncpu: {model: cortex-a57}\nmachine: {type: virt}\n");
    const lint = (bin: string) =>
      vmspec(["lint", spec, `--host=${bin}`, "--format", "compact"], { env })
        .stdout.split("\n")
        .filter((l) => /host-/.test(l))
        .map((l) => l.slice(spec.length));
    expect(lint(AARCH64)).toEqual([]);
    expect(lint(ARM)).toEqual([":5:14: error: this QEMU (qemu-system-arm 7.2) has no CPU model cortex-a57 [host-lacks]"]);
  });

  it("takes the build's target from the probed version unless --qemu says otherwise", () => {
    // The appliance example with a panic device: pvpanic-pci on QEMU 6.0 and later, none before.
    const spec = join(scratch(), "appliance.yaml");
    const text = readFileSync("examples/hugepages-vfio.yaml", "utf8") + "pvpanic: true\n";
    writeFileSync(spec, text);
    const line = text.split("\n").indexOf("pvpanic: true") + 1;
    const build = (...args: string[]) => vmspec(["build", spec, "--format", "argv", ...args], { env });
    // --accel tcg: this host's qemu-system-aarch64 has no KVM (host-lacks stops a KVM build for it).
    const probed = build("--host", "--accel", "tcg").stdout;
    expect(probed).toContain("pvpanic-pci");
    expect(probed).toBe(build("--qemu", "7.2", "--accel", "tcg").stdout);
    // Without --host the profile's QEMU 2.9 is the target, which has no panic device for the virt board.
    expect(build().code).toBe(1);
    // --qemu 2.9 wins over the probed 7.2.
    const r = build("--host", "--qemu", "2.9");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${spec}:${line}:10: error: pvpanic compiles to -device pvpanic-pci, which needs QEMU 6.0 or later; the target QEMU 2.9 refuses it`,
    );
  });

  it("lint --host before the files reads them as files, not as the binary", () => {
    const r = vmspec(["lint", "--host", "examples/spice-desktop.yaml", "--format", "compact"], { env });
    expect(r.stdout).toContain("spice-desktop.yaml:26:10: error: this QEMU (qemu-system-aarch64 7.2) has no device qxl-vga");
  });
});

describe("QEMU's own lists agree with the real QEMU 7.2", () => {
  const host = probe(AARCH64, { env: cacheEnv() }).host;
  const removedBy72 = QEMU_CHANGES.filter((c) => c.removedIn && atLeast([7, 2], versionOf(c.removedIn)));

  it("every option the lists say 7.2 removed is missing from its -help", () => {
    const options = removedBy72.filter((c) => c.kind === "option" && !c.value).map((c) => c.flag!);
    expect(options.length).toBeGreaterThan(25);
    expect(options.filter((f) => host.flags.includes(f))).toEqual([]);
  });

  it("every device and machine type the lists say 7.2 removed is missing from it", () => {
    const devices = removedBy72.filter((c) => c.kind === "device").map((c) => c.name);
    expect(devices).toEqual(expect.arrayContaining(["ide-drive", "scsi-disk", "ivshmem"]));
    expect(devices.filter((d) => host.devices.includes(d))).toEqual([]);
    const machines = removedBy72.filter((c) => c.kind === "machine").map((c) => c.name);
    expect(machines).toContain("raspi2");
    expect(machines.filter((m) => host.machines.some((x) => x.name === m || x.alias === m))).toEqual([]);
  });

  it("the QMP commands it removed are gone, and the ones it deprecates are marked so by the binary", () => {
    const qmp = removedBy72.filter((c) => c.kind === "qmp" && !c.arg).map((c) => c.name);
    expect(qmp.filter((q) => host.commands.includes(q))).toEqual([]);
    const deprecated = QEMU_CHANGES.filter(
      (c) => c.kind === "qmp" && !c.arg && c.deprecatedSince && !c.removedIn && atLeast([7, 2], versionOf(c.deprecatedSince)),
    );
    expect(deprecated.map((c) => c.name).filter((n) => !host.deprecatedCommands.includes(n))).toEqual([]);
  });
});
