// `vmspec import`: every libvirt corpus file comes back from import + build as the same options
// and lints the same; the CLI reports what it cannot read with positions, keeps what it cannot
// map (with the reason), never writes a partial file; -readconfig input round-trips.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpusFiles } from "./helpers/corpus.js";
import { importCorpusReport, optionDifference, originalOptions, roundTrip, ALL_RULES_OFF } from "./helpers/import-corpus.js";
import { lintArgv, lintSpec } from "../lint/lint.js";
import { importCommandLine } from "../import/import.js";
import { importedYaml } from "../import/write-yaml.js";
import { buildSpec } from "../lint/build.js";
import { parseOptions } from "../qemu/parse-options.js";
import { readconfigOptions } from "../qemu/read/readconfig-file.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const findingLines = (fs: { ruleId: string; severity: string; message: string }[]) =>
  fs.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`).sort();

describe("vmspec import on the libvirt corpus", () => {
  const files = corpusFiles();

  it.each(files.map((f) => [`${f.version}/${f.name}`, f.path]))(
    "%s: import then build gives the same options, and the spec lints the same",
    (name, path) => {
      const text = readFileSync(path, "utf8");
      const r = roundTrip(text, name);
      expect(r.result.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(r.buildErrors).toEqual([]);
      expect(optionDifference(r.rebuilt!, originalOptions(text))).toEqual({ onlyA: [], onlyB: [], order: [] });
      expect(r.yaml.startsWith("# yaml-language-server: $schema=")).toBe(true);
      // Every kept option says why.
      expect(r.yaml.match(/^ {2}# /gm)?.length ?? 0).toBe(r.result.kept.length);
      // Both for the QEMU the import was for: a field only a later QEMU can write (storage.backend
      // blockdev) is refused for the profile's 2.9, where the original line cannot run either.
      const original = lintArgv(enc(text), { baseDir: "/", qemu: [7, 2] });
      const imported = lintSpec(enc(r.yaml), { baseDir: "/", qemu: [7, 2] });
      expect(findingLines(imported.findings)).toEqual(findingLines(original.findings));
      // Under the default profile's QEMU 2.9 too, but for the spellings 2.9 lacks (target-unsupported):
      // the command line keeps them (-machine pflash0=), the spec's fields compile to what 2.9 has.
      const other = (fs: { ruleId: string; severity: string; message: string }[]) =>
        findingLines(fs.filter((f) => f.ruleId !== "target-unsupported"));
      expect(other(lintSpec(enc(r.yaml), { baseDir: "/" }).findings)).toEqual(other(lintArgv(enc(text), { baseDir: "/" }).findings));
    },
  );

  it("maps the singletons of every file to fields", () => {
    const flags = files.flatMap((f) => importCommandLine(readFileSync(f.path, "utf8"), "argv", { qemu: [7, 2] }).mapped.map((m) => m.flag));
    for (const flag of ["-name", "-m", "-machine", "-cpu", "-smp", "-uuid", "-display", "-rtc", "-kernel"]) expect(flags).toContain(flag);
    expect(flags.filter((f) => f === "-name").length).toBe(files.length);
  });

  it("has its per-file table in docs/import-corpus.md (npm run docs regenerates it)", () => {
    expect(readFileSync(join(ROOT, "docs/import-corpus.md"), "utf8")).toBe(importCorpusReport());
  });
});

describe("vmspec import", () => {
  it("keeps JSON and ,, spellings exactly, and what it cannot map, with the reason", () => {
    const text = `qemu-system-aarch64 -name web -m 2G \\
  -drive 'file=/srv/a,,b.img,format=raw,if=none,id=d0,werror=stop' \\
  -device '{"driver":"virtio-blk-pci","drive":"d0","id":"disk0"}'
`;
    const r = roundTrip(text, "t.sh");
    expect(r.yaml).toContain("file=/srv/a,,b.img,format=raw,if=none,id=d0,werror=stop");
    expect(r.yaml).toContain(`'{"driver":"virtio-blk-pci","drive":"d0","id":"disk0"}'`);
    // werror= has no field: the disk stays as written, with the input's ids.
    expect(r.yaml).toMatch(/# with vmspec's ids, the spec's disk disk0 still cannot say exactly this\n {2}- -drive/);
    expect(r.argv).toContain("file=/srv/a,,b.img,format=raw,if=none,id=d0,werror=stop");
    expect(optionDifference(r.rebuilt!, originalOptions(text))).toEqual({ onlyA: [], onlyB: [], order: [] });
  });

  it("writes a spec that builds, with the environment and program recorded", () => {
    const dir = scratch("import-");
    const src = join(dir, "launch.sh");
    writeFileSync(
      src,
      "#!/bin/sh\nLC_ALL=C exec /usr/bin/qemu-system-aarch64 -name guest=web,debug-threads=on -machine virt,usb=off -m 1024 -smp 2 -nodefaults\n",
    );
    const out = join(dir, "web.vmspec.yaml");
    const r = vmspec(["import", src, "-o", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const yaml = readFileSync(out, "utf8");
    expect(yaml).toContain("Environment of the original command (not part of a spec): LC_ALL=C");
    expect(yaml).toContain(`debug-threads: "on"`);
    expect(yaml).toMatch(/memory:\n {2}size: 1GiB/);
    const built = vmspec(["build", out, "--format", "argv", "--rule", "kvm-not-enabled=off", "--rule", "runs-as-root=off"]);
    expect(built.stdout.split("\n")).toEqual(
      expect.arrayContaining(["-name", "web,debug-threads=on", "-machine", "virt,usb=off", "-m", "1G", "-smp", "2", "-nodefaults"]),
    );
  });

  it("reports what it cannot read at its line and column, and writes nothing", () => {
    const dir = scratch("import-");
    const src = join(dir, "bad.sh");
    writeFileSync(src, "qemu-system-aarch64 -name web -m 1G \\\n  stray-word -smp\n");
    const out = join(dir, "out.yaml");
    const r = vmspec(["import", src, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${src}:2:3: error`);
    expect(r.stderr).toContain("stray-word");
    expect(r.stderr).toContain("-smp needs an argument");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses another architecture's binary, and carries a 32-bit ARM one over with a warning", () => {
    expect(importCommandLine("qemu-system-x86_64 -name a -m 1G\n", "argv").problems[0]).toMatchObject({
      severity: "error",
      range: [0, 18],
    });
    const arm = importCommandLine("qemu-system-arm -name a -m 1G -M vexpress-a9\n", "argv");
    expect(arm.problems).toMatchObject([{ severity: "warning" }]);
    expect(arm.spec).toMatchObject({ name: "a", machine: { type: "vexpress-a9" } });
  });

  it("--strict fails on every option left in extraArgs, each at its position", () => {
    const dir = scratch("import-");
    const src = join(dir, "a.sh");
    writeFileSync(src, "qemu-system-aarch64 -name web -m 1G -no-reboot -device virtio-rng-pci\n");
    const r = vmspec(["import", "--strict", src]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${src}:1:37: error: -no-reboot stays in extraArgs: the spec has no field for -no-reboot [import-strict]`);
    expect(r.stderr).toContain(`${src}:1:48: error: -device stays in extraArgs`);
    expect(vmspec(["import", src]).code).toBe(0);
    writeFileSync(src, "qemu-system-aarch64 -name web -m 1G -smp 2 -uuid 8f0e6a3c-1d2b-4c5e-9f7a-0b1c2d3e4f50\n");
    expect(vmspec(["import", "--strict", src]).code).toBe(0);
  });

  it("maps a UEFI pflash pair to firmware, and keeps a lone flash drive with the reason", () => {
    const pair = importCommandLine(
      "qemu-system-aarch64 -name a -m 1G -drive if=pflash,format=raw,unit=0,readonly=on,file=/fw/CODE.fd -drive if=pflash,format=raw,unit=1,file=/vm/VARS.fd\n",
      "argv",
      { qemu: [7, 2] },
    );
    expect(pair.spec).toMatchObject({ firmware: { uefi: { code: "/fw/CODE.fd", vars: "/vm/VARS.fd" } } });
    expect(pair.kept).toEqual([]);
    const lone = importCommandLine("qemu-system-aarch64 -name a -m 1G -drive if=pflash,format=raw,file=/fw/flash.img\n", "argv", {
      qemu: [7, 2],
    });
    expect(lone.kept.map((k) => k.why)).toEqual(["vmspec writes firmware as the pair of pflash drives of firmware.uefi, in its own form"]);
  });

  it("refuses a command line with no -m, rather than adding one", () => {
    const r = importCommandLine("qemu-system-aarch64 -name web\n", "argv");
    expect(r.spec).toBeUndefined();
    expect(r.problems.map((p) => p.message).join()).toContain("no -m: a spec needs memory, and adding -m would change the command line");
  });
});

/** A spec with vmspec's defaults written out, and without what never reaches QEMU's options. */
function comparable(spec: any): any {
  const s = structuredClone(spec);
  s.machine ??= {};
  s.machine.type ??= "virt";
  s.accel ??= "kvm";
  s.cpu ??= {};
  s.cpu.model ??= "host";
  s.cpu.count ??= (s.cpu.sockets ?? 1) * (s.cpu.cores ?? 1) * (s.cpu.threads ?? 1);
  // A device's own bootindex and its place in boot.order say the same.
  for (const d of [...(s.disks ?? []), ...(s.cdroms ?? []), ...(s.networks ?? []), ...(s.hostDevices ?? [])]) {
    if (d.bootindex === undefined) continue;
    s.boot ??= {};
    s.boot.order ??= [];
    s.boot.order[d.bootindex - 1] = d.name;
    delete d.bootindex;
  }
  // Values that are vmspec's defaults, written out or not.
  for (const sh of s.shares ?? []) sh.securityModel ??= "mapped-xattr";
  for (const n of s.networks ?? []) n.model ??= "virtio";
  if (s.rng) s.rng.source ??= "/dev/urandom";
  if (s.watchdog) s.watchdog.model ??= "i6300esb";
  if (s.memory?.hugepages === "/dev/hugepages") s.memory.hugepages = true;
  if (s.usb && (s.usb.tablet || s.usb.keyboard || s.usb.mouse)) s.usb.controller ??= "ehci";
  if (s.display?.type === "spice" || s.display?.type === "vnc") {
    s.display.listen ??= "127.0.0.1";
    s.display.port ??= s.display.type === "spice" ? 5930 : 5900;
  }
  delete s.firmware?.uefi?.varsTemplate; // only copied into place before the first start
  for (const d of s.disks ?? []) delete d.size; // only used to create the image
  return s;
}

describe("vmspec import of vmspec's own output", () => {
  const cases: [string, string][] = [
    ...["minimal-uefi", "kernel-boot", "scsi-shares", "bridged-agent", "spice-desktop", "hugepages-vfio"].map((n): [string, string] => [
      n,
      "7.2",
    ]),
    // QEMU 2.9 spells sockets and some devices differently: import checks against the target it is told.
    ["bridged-agent", "2.9"],
    ["hugepages-vfio", "2.9"],
  ];
  it.each(cases)("%s for QEMU %s: build --format readconfig, then import of the launch command gives back the same spec", (name, qemu) => {
    const dir = scratch("own-");
    const specFile = join(dir, `${name}.yaml`);
    writeFileSync(specFile, readFileSync(join(ROOT, "examples", `${name}.yaml`)));
    const built = vmspec(["build", specFile, "--format", "json", "--qemu", qemu]);
    expect(built.code).toBe(0);
    const out = JSON.parse(built.stdout) as { binary: string; readconfig: { file: string; argv: string[] } };
    const cfgName = out.readconfig.argv[out.readconfig.argv.indexOf("-readconfig") + 1];
    writeFileSync(join(dir, cfgName), out.readconfig.file);
    const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
    writeFileSync(join(dir, "launch.sh"), `#!/bin/sh\nexec ${out.binary} ${out.readconfig.argv.map(quote).join(" ")}\n`);
    const imported = vmspec(["import", join(dir, "launch.sh"), "-o", join(dir, "imported.yaml"), "--qemu", qemu]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/warning: -readconfig .*: its options are imported in its place/);
    const yaml = readFileSync(join(dir, "imported.yaml"), "utf8");
    expect(yaml).not.toMatch(/^(extraArgs|qemuProperties|defaults):/m);
    expect(comparable(parse(yaml))).toEqual(comparable(parse(readFileSync(specFile, "utf8"))));
  });
});

describe("vmspec import --from readconfig", () => {
  it.each(["minimal-uefi", "kernel-boot", "scsi-shares", "bridged-agent"])(
    "%s: build --format readconfig, import, build again gives the same options",
    (name) => {
      const dir = scratch("readconfig-");
      const spec = join(ROOT, "examples", `${name}.yaml`);
      const common = ["--qemu", "7.2", "--accel", "tcg", "--cpu", "cortex-a57"];
      const cfg = vmspec(["build", spec, "--format", "readconfig", ...common]);
      expect(cfg.code).toBe(0);
      writeFileSync(join(dir, "vm.cfg"), cfg.stdout);
      const imported = vmspec(["import", join(dir, "vm.cfg"), "-o", join(dir, "vm.yaml"), "--qemu", "7.2"]);
      expect(imported.stderr).toBe("");
      const yaml = readFileSync(join(dir, "vm.yaml"), "utf8");
      // The sections that have fields come back as fields.
      expect(yaml).toMatch(/^name: /m);
      expect(yaml).toMatch(/^memory:/m);
      expect(yaml).toMatch(/^machine:/m);
      // Built again: its -readconfig file plus its residual command line (where extraArgs stay)
      // hold exactly the options of the file it was imported from.
      const again = buildSpec(enc(yaml), { baseDir: dir, format: "json", rules: ALL_RULES_OFF, qemu: [7, 2] });
      expect(again.findings.filter((f) => f.severity === "error")).toEqual([]);
      const out = JSON.parse(again.output!) as { readconfig: { file: string; argv: string[] } };
      const residual = parseOptions(out.readconfig.argv.map((t) => ({ text: t, path: [] }))).options.filter(
        (o) => o.flag !== "-readconfig",
      );
      const rebuilt = [...readconfigOptions(out.readconfig.file).options, ...residual];
      expect(optionDifference(rebuilt, readconfigOptions(cfg.stdout).options)).toEqual({ onlyA: [], onlyB: [], order: [] });
      // And the fields' sections are written back as sections, not moved to the command line.
      expect(out.readconfig.file).toContain(`[name]\n  guest = "`);
    },
  );
});

describe("defaults: false and qemuProperties", () => {
  const build = (yaml: string) => buildSpec(enc(yaml), { baseDir: "/srv", format: "json", rules: ALL_RULES_OFF, qemu: [7, 2] });
  const argvOf = (yaml: string) => (JSON.parse(build(yaml).output!) as { argv: string[] }).argv;

  it("emits only what the spec says when defaults are off", () => {
    expect(argvOf("name: a\nmemory: {size: 1GiB}\ndefaults: false\n")).toEqual(["-name", "a", "-m", "1G"]);
    expect(argvOf("name: a\nmemory: {size: 1GiB}\n")).toEqual(
      expect.arrayContaining(["-nodefaults", "-no-user-config", "-sandbox", "on", "-display", "none", "-cpu", "host"]),
    );
    expect(argvOf("name: a\nmemory: {size: 1GiB}\ndefaults: false\naccel: tcg\n")).toEqual([
      "-name",
      "a",
      "-machine",
      "accel=tcg",
      "-m",
      "1G",
    ]);
  });

  it("adds properties after the generated ones, creates the option when there is none, and doubles commas", () => {
    const argv = argvOf(`name: a
memory: {size: 1GiB}
machine: {type: virt}
qemuProperties:
  machine: {usb: "off", dump-guest-core: "off"}
  boot: {strict: "on"}
  name: {process: "x,y"}
`);
    expect(argv.slice(argv.indexOf("-machine"), argv.indexOf("-machine") + 2)).toEqual([
      "-machine",
      "virt,accel=kvm,usb=off,dump-guest-core=off",
    ]);
    expect(argv.slice(argv.indexOf("-boot"), argv.indexOf("-boot") + 2)).toEqual(["-boot", "strict=on"]);
    expect(argv.slice(0, 2)).toEqual(["-name", "a,process=x,,y"]);
  });

  it("refuses a property name that could smuggle in another property", () => {
    const r = lintSpec(enc(`name: a\nmemory: {size: 1GiB}\nqemuProperties:\n  machine: {"usb=off,accel": kvm}\n`), { baseDir: "/" });
    expect(r.findings.map((f) => f.message).join()).toContain("a QEMU property name");
    expect(build(`name: a\nmemory: {size: 1GiB}\nqemuProperties:\n  machine: {"usb=off,accel": kvm}\n`).output).toBeUndefined();
  });

  it("reports an extraArgs accelerator only when the generated -machine sets one too", () => {
    const ids = (yaml: string) => lintSpec(enc(yaml), { baseDir: "/" }).findings.map((f) => f.ruleId);
    expect(ids("name: a\nmemory: {size: 1GiB}\nextraArgs: [-accel, kvm]\n")).toContain("extra-args-conflict");
    expect(ids("name: a\nmemory: {size: 1GiB}\ndefaults: false\nmachine: {type: virt}\nextraArgs: [-accel, kvm]\n")).not.toContain(
      "extra-args-conflict",
    );
  });
});

describe("vmspec import, input edge cases", () => {
  it("reads standard input, and writes the spec to standard output", () => {
    const r = vmspec(["import", "-"], { input: "qemu-system-aarch64 -name web -m 512M -smp 1\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# yaml-language-server: \$schema=/);
    expect(r.stdout).toContain("Imported by `vmspec import` from <stdin>: `vmspec build --qemu 2.9` gives back its options.");
    expect(r.stdout).toMatch(/memory:\n {2}size: 512MiB/);
  });

  it("points at a bad -readconfig line, and at a -readconfig file that cannot be read", () => {
    const dir = scratch("import-");
    writeFileSync(join(dir, "vm.cfg"), '[name]\n  guest = "web"\nnot a line\n');
    const bad = vmspec(["import", join(dir, "vm.cfg")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${join(dir, "vm.cfg")}:3:1: error: not a -readconfig line`);
    writeFileSync(join(dir, "launch.sh"), "qemu-system-aarch64 -name web -m 1G \\\n  -readconfig missing.cfg\n");
    const missing = vmspec(["import", join(dir, "launch.sh")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `${join(dir, "launch.sh")}:2:3: error: cannot read the -readconfig file missing.cfg: no such file or folder`,
    );
  });
});

describe("vmspec import writes YAML every tool reads the same way", () => {
  const text = `qemu-system-aarch64 -name web,debug-threads=on -m 1G -machine virt,usb=off,dump-guest-core=off -boot menu=on,strict=on -smbios type=1,manufacturer=yes,product=no,family=Y -msg timestamp=on\n`;
  it("quotes the values YAML 1.1 tools read as booleans, so a 1.1 reader gets the same spec", () => {
    const r = importCommandLine(text, "argv", { qemu: [7, 2] });
    expect(r.problems).toEqual([]);
    const yaml = importedYaml(r, { source: "web.sh", schemaRef: "x" });
    for (const word of ["on", "off", "yes", "no", "Y"]) expect(yaml).toContain(`"${word}"`);
    expect(parse(yaml, { version: "1.1" })).toEqual(parse(yaml));
  });
  it("turns -boot menu=on into boot.menu, and keeps the other -boot properties", () => {
    const spec = importCommandLine(text, "argv", { qemu: [7, 2] }).spec!;
    expect(spec.boot).toEqual({ menu: true });
    expect((spec.qemuProperties as Record<string, unknown>).boot).toEqual({ strict: "on" });
  });
});

describe("vmspec import of a Debian-wiki style script", () => {
  it("maps -bios to firmware.bios, and keeps the if=virtio drives and -nic raw in their order", () => {
    const text = `qemu-system-aarch64 -name deb -machine virt -cpu max -smp 4 -m 4G \\
  -bios /usr/share/qemu-efi-aarch64/QEMU_EFI.fd \\
  -drive if=virtio,file=/srv/debian.qcow2,format=qcow2 \\
  -drive if=virtio,file=/srv/data.qcow2,format=qcow2 \\
  -nic user,model=virtio-net-pci,hostfwd=tcp::2222-:22 \\
  -serial mon:stdio -display none
`;
    const r = importCommandLine(text, "argv", { qemu: [7, 2] });
    expect(r.problems).toEqual([]);
    expect(r.spec!.firmware).toEqual({ bios: "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd" });
    expect(r.kept.map((k) => k.words.join(" "))).toEqual([
      "-drive if=virtio,file=/srv/debian.qcow2,format=qcow2",
      "-drive if=virtio,file=/srv/data.qcow2,format=qcow2",
      "-nic user,model=virtio-net-pci,hostfwd=tcp::2222-:22",
      "-serial mon:stdio",
    ]);
  });
});
