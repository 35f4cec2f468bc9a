// One rulebook for every input: the options a spec compiles to, command lines, -readconfig files
// and monitor scripts are linted by the same rules, with findings at the right place in each.
// (Each rule's own failing and passing cases are the examples on its docs page: rule-docs.test.ts.)
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lintArgv, lintInput, lintReadconfig, lintSpec } from "../lint/lint.js";
import { buildSpec } from "../lint/build.js";
import { locate } from "../core/positions.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const where = (text: string, r: { findings: any[] }) =>
  locate(text, r.findings).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`);

describe("one rulebook for every input", () => {
  const examples = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"));

  it("every example lints clean, and so does every command line and -readconfig file built from it", () => {
    for (const f of examples) {
      const bytes = readFileSync(join(ROOT, "examples", f));
      expect(lintSpec(bytes, { baseDir: "/vms" }).findings, f).toEqual([]);
      const shell = buildSpec(bytes, { baseDir: "/vms", format: "shell", readconfigPath: "/vms/vm.cfg" });
      expect(lintArgv(enc(shell.output!), { baseDir: "/vms" }).findings, `${f} as a command line`).toEqual([]);
      const dir = scratch();
      const json = JSON.parse(buildSpec(bytes, { baseDir: "/vms", format: "json", readconfigPath: "vm.cfg" }).output!);
      expect(lintReadconfig(enc(json.readconfig.file), { baseDir: "/vms" }).findings, `${f} as -readconfig`).toEqual([]);
      // The residual command line, with the config file it loads beside it, is the same VM.
      writeFileSync(join(dir, "vm.cfg"), json.readconfig.file);
      const residual = ["qemu-system-aarch64", ...json.readconfig.argv].map((w: string) => `'${w.replace(/'/g, `'\\''`)}'`).join(" ");
      expect(lintArgv(enc(residual), { baseDir: dir }).findings, `${f} residual command line`).toEqual([]);
      // Without its config file the command line misses what the file holds (the accelerator).
      expect(
        lintArgv(enc(residual), { baseDir: scratch() }).findings.map((x) => x.ruleId),
        `${f} alone`,
      ).toContain("kvm-not-enabled");
    }
  });

  it("points a finding on a compiled option at the YAML that produced it", () => {
    const text =
      "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\ndisks:\n  - name: d\n    file: d.raw\n    format: raw\n    aio: native\nextraArgs:\n  - -snapshot\n  - -device\n  - virtio-gpu\n";
    expect(where(text, lintSpec(enc(text), { baseDir: "/" }))).toEqual([
      // The setting itself (aio: native), and the extraArgs item that names the device.
      "8:10-8:16 aio-native-requires-direct-cache",
      "10:5-10:14 unsupported-option",
      "12:5-12:15 unsupported-device",
    ]);
  });

  it("points at the property inside a command line, across quotes and continuations", () => {
    const text =
      "#!/bin/sh\nexec env LC_ALL=C qemu-system-aarch64 \\\n  -machine virt,accel=tcg \\\n  -cpu host -runas qemu \\\n  -drive 'file=/x y.raw,format=raw,aio=nat\\\nive'\n";
    expect(where(text, lintArgv(enc(text), { baseDir: "/" }))).toEqual([
      "3:17-3:26 kvm-not-enabled",
      "3:17-3:26 tcg-unsupported",
      // -cpu host under TCG: QEMU refuses it ("unable to find CPU model 'host'").
      "4:8-4:12 kvm-only-setting",
      "5:36-6:4 aio-native-requires-direct-cache",
    ]);
  });

  it("reads -readconfig files with line positions", () => {
    const text =
      '# config\n[machine]\n  type = "virt"\n  accel = "kvm"\n\n[smp-opts]\n  cpus = "2"\n\n[device "gpu"]\n  driver = "virtio-gpu-pci"\n[drive]\n  file = "d.qed"\n  format = "qed"\n';
    expect(where(text, lintReadconfig(enc(text), { baseDir: "/" }))).toEqual([
      "6:1-7:13 readconfig-deprecated-section",
      "10:1-10:28 unsupported-device",
      "13:1-13:17 qed-deprecated",
    ]);
  });

  it("reads QMP as JSON lines or an array, with HMP inside human-monitor-command, and HMP scripts", () => {
    const lines =
      '{"execute":"qmp_capabilities"}\n{"execute":"drive-mirror","arguments":{}}\n{"execute":"human-monitor-command","arguments":{"command-line":"hostfwd_add tcp::1-:2"}}\n';
    expect(where(lines, lintInput("qmp", enc(lines), { baseDir: "/" }))).toEqual([
      "2:12-2:26 qmp-command-unsupported",
      "3:64-3:87 monitor-command-unsupported",
    ]);
    const array = '[\n  {"execute": "qmp_capabilities"},\n  {"execute": "blockdev-add", "arguments": {}}\n]\n';
    expect(where(array, lintInput("qmp", enc(array), { baseDir: "/" }))).toEqual(["3:15-3:29 qmp-command-unstable"]);
    const hmp = "info status\n  set_password vnc secret\n# a comment\nfrobnicate\n";
    expect(where(hmp, lintInput("hmp", enc(hmp), { baseDir: "/" }))).toEqual([
      "2:3-2:15 monitor-command-unsupported",
      "4:1-4:11 unlisted-command",
    ]);
    const bad = '{"execute": \n';
    expect(lintInput("qmp", enc(bad), { baseDir: "/" }).findings.map((f) => f.ruleId)).toEqual(["monitor-syntax"]);
  });

  it("lets --rule change or silence any rule, for every input", () => {
    const text = "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -snapshot";
    expect(
      lintArgv(enc(text), { baseDir: "/", rules: { "unsupported-option": "warning", "runs-as-root": "off" } }).findings.map(
        (f) => `${f.ruleId}:${f.severity}`,
      ),
    ).toEqual(["unsupported-option:warning"]);
  });
});

describe("vmspec lint on each kind of input", () => {
  it("--argv, --readconfig, --qmp and --hmp files and standard input, in one run", () => {
    const dir = scratch();
    writeFileSync(join(dir, "run.sh"), "qemu-system-aarch64 -machine virt,accel=kvm -cpu cortex-a57 -runas qemu\n");
    writeFileSync(join(dir, "vm.cfg"), '[boot-opts]\n  menu = "on"\n');
    writeFileSync(join(dir, "s.qmp"), '{"execute":"netdev_add"}\n');
    writeFileSync(join(dir, "s.hmp"), "drive_mirror a b\n");
    const r = vmspec([
      "lint",
      "--argv",
      join(dir, "run.sh"),
      "--readconfig",
      join(dir, "vm.cfg"),
      "--qmp",
      join(dir, "s.qmp"),
      "--hmp",
      join(dir, "s.hmp"),
      "--format",
      "json",
    ]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.files.map((f: any) => [f.file.split("/").pop(), f.findings.map((x: any) => `${x.line}:${x.column} ${x.ruleId}`)])).toEqual([
      ["run.sh", ["1:50 unsupported-cpu-model"]],
      ["vm.cfg", ["1:1 readconfig-deprecated-section"]],
      ["s.qmp", ["1:12 qmp-command-unsupported"]],
      ["s.hmp", ["1:1 monitor-command-unsupported"]],
    ]);
    expect(j.files[0].findings[0].docsUrl).toMatch(/\/docs\/rules\/unsupported-cpu-model\.md$/);
    const stdin = vmspec(["lint", "--argv", "-"], { input: "qemu-system-aarch64 -hda x.img -enable-kvm -cpu host -runas qemu\n" });
    expect(stdin.code).toBe(1);
    expect(stdin.stdout).toContain("<stdin>\n  1:21  error  -hda is unsupported");
    expect(vmspec(["lint"]).code).toBe(2);
  });

  it("--check-images reads the real images with qemu-img", () => {
    const dir = scratch();
    const img = (name: string, ...args: string[]) =>
      execFileSync("qemu-img", ["create", "-q", ...args, join(dir, name)].concat(args.includes("-b") ? [] : ["1M"]));
    img("raw-really.img", "-f", "raw");
    img("enc.qcow2", "-f", "qcow2", "--object", "secret,id=s,data=x", "-o", "encrypt.format=aes,encrypt.key-secret=s");
    img("old.qed", "-f", "qed");
    img("base.qcow2", "-f", "qcow2");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-b", join(dir, "base.qcow2"), "-F", "qcow2", join(dir, "child.qcow2")]);
    execFileSync("rm", [join(dir, "base.qcow2")]);
    const spec = join(dir, "vm.yaml");
    writeFileSync(
      spec,
      [
        "name: images",
        "memory: {size: 1GiB}",
        "runAs: qemu",
        "disks:",
        "  - {name: a, file: raw-really.img, format: qcow2}",
        "  - {name: b, file: enc.qcow2, format: qcow2}",
        "  - {name: c, file: old.qed, format: raw}",
        "  - {name: d, file: child.qcow2, format: qcow2}",
        "  - {name: e, file: not-yet.qcow2, format: qcow2, size: 1GiB}",
        "",
      ].join("\n"),
    );
    const plain = vmspec(["lint", spec, "--format", "json"]);
    expect(JSON.parse(plain.stdout).files[0].findings).toEqual([]);
    const r = vmspec(["lint", spec, "--check-images", "--format", "json"]);
    expect(r.code).toBe(1);
    const got = JSON.parse(r.stdout).files[0].findings.map((x: any) => `${x.line}:${x.column} ${x.ruleId}`);
    expect(got).toEqual([
      "5:21 image-format-mismatch",
      "6:21 qcow2-encryption-deprecated",
      "7:21 image-format-mismatch",
      "7:21 qed-deprecated",
      "8:21 image-backing-missing",
    ]);
    // The same checks serve a command line.
    writeFileSync(
      join(dir, "run.sh"),
      `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu -drive file=${join(dir, "enc.qcow2")},format=qcow2,if=virtio\n`,
    );
    const a = JSON.parse(vmspec(["lint", "--argv", join(dir, "run.sh"), "--check-images", "--format", "json"]).stdout);
    expect(a.files[0].findings.map((x: any) => x.ruleId)).toEqual(["qcow2-encryption-deprecated"]);
  });
});
