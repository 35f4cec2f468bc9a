// The SLES 15 profiles: each statement's contradictions read as docs/decisions.md says, the
// default machine type under a statement without bare `virt`, every profile's QEMU as the compiler
// target with each version choice, and the ways a user picks a profile (--profile on lint, build
// and import, `profile:` in .vmspec.yaml, a spec's `# vmspec-profile` comment, `vmspec profiles`).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { lintArgv, lintSpec } from "../lint/lint.js";
import { fileDirectives } from "../lint/file-directives.js";
import { buildSpec } from "../lint/build.js";
import { compile } from "../compiler/compile.js";
import { locate } from "../core/positions.js";
import { valuesOf } from "../rules/data/extract.js";
import { PROFILES, DEFAULT_PROFILE } from "../rules/data/profiles.js";
import { profileNamed } from "../rules/profile.js";
import { KNOWN_TARGETS, parseTarget, targetChoices } from "../qemu/targets.js";
import type { VmSpec } from "../spec/types.js";
import { importCommandLine } from "../import/import.js";
import { importedYaml } from "../import/write-yaml.js";
import { parseOptions } from "../qemu/parse-options.js";
import { ALL_RULES_OFF, optionDifference, originalOptions } from "./helpers/import-corpus.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const ids = (r: { findings: { ruleId: string }[] }) => r.findings.map((f) => f.ruleId);
const argv = (text: string, profile: string) => lintArgv(enc(text), { baseDir: "/", profile });
const SLES15 = ["sles15sp1", "sles15sp2", "sles15sp3", "sles15sp4"];
const OK = "qemu-system-aarch64 -machine virt-2.6,accel=kvm -cpu host -m 1G -runas qemu -nodefaults";

describe("each SLES 15 statement's contradictions, read as docs/decisions.md says", () => {
  const decisions = readFileSync(join(ROOT, "docs/decisions.md"), "utf8");

  it("has exactly the names in both device lists that the readings decide, and reads them as supported", () => {
    const both: Record<string, string[]> = {};
    for (const id of SLES15) {
      const l = PROFILES[id].lists;
      const unsupported = valuesOf(l.unsupportedOptions, "-device");
      both[id] = valuesOf(l.supportedOptions, "-device")
        .filter((d) => unsupported.includes(d))
        .sort();
      for (const d of both[id]) {
        expect(profileNamed(id)!.deviceStatus(d).status, `${id} ${d}`).toBe("supported");
        expect(ids(argv(`${OK} -device ${d}`, id)), `${id} ${d}`).not.toContain("unsupported-device");
      }
    }
    expect(both).toEqual({
      sles15sp1: ["e1000", "virtconsole"],
      sles15sp2: ["e1000", "virtconsole"],
      sles15sp3: ["e1000", "vhost-user-vga", "virtconsole"],
      sles15sp4: ["e1000", "vhost-user-vga", "virtconsole"],
    });
    for (const name of ["`vhost-user-vga`", "`virt-6.0`", "`virtio-3.1`", "`-vga virtio`", "`-tpmdev emulator`"])
      expect(decisions).toContain(name);
  });

  it("reads -M and -machine as one list, virtio-3.1 as virt-3.1, and a type in both machine lists as supported", () => {
    const machines = Object.fromEntries(SLES15.map((id) => [id, profileNamed(id)!.supportedMachines]));
    expect(machines).toEqual({
      sles15sp1: ["help", "?", "none", "virt", "virt-2.6", "virt-2.11", "virt-3.1"],
      sles15sp2: ["help", "?", "none", "virt", "virt-2.6", "virt-2.11", "virt-3.1", "virt-4.2"],
      sles15sp3: ["help", "?", "none", "virt", "virt-2.6", "virt-2.11", "virt-3.1", "virt-4.2", "virt-5.2"],
      sles15sp4: ["help", "none", "virt-2.6", "virt-2.11", "virt-3.1", "virt-4.2", "virt-5.2", "virt-6.0", "virt-6.1"],
    });
    for (const id of SLES15) {
      // The text itself has the typo in the -M list and the right name in the -machine list.
      expect(valuesOf(PROFILES[id].lists.supportedOptions, "-M"), id).toContain("virtio-3.1");
      expect(valuesOf(PROFILES[id].lists.supportedOptions, "-machine"), id).toContain("virt-3.1");
      expect(ids(argv(OK.replace("virt-2.6", "virt-3.1"), id)), id).toEqual([]);
      const typo = argv(OK.replace("virt-2.6", "virtio-3.1"), id).findings;
      expect(typo.map((f) => f.message)).toEqual([expect.stringContaining("where virt-3.1 is meant")]);
    }
    // SP4 lists virt-6.0 and virt-6.1 in both lists: supported.
    const sp4 = profileNamed("sles15sp4")!;
    expect(sp4.unsupportedMachines).toEqual(expect.arrayContaining(["virt-6.0", "virt-6.1", "virt"]));
    for (const m of ["virt-6.0", "virt-6.1"]) expect(ids(argv(OK.replace("virt-2.6", m), "sles15sp4")), m).toEqual([]);
  });

  it("reports bare virt on a command line under SP4 only, and names the supported types", () => {
    const text = OK.replace("virt-2.6", "virt");
    for (const id of ["sles12sp3", "sles15sp1", "sles15sp2", "sles15sp3"]) expect(ids(argv(text, id)), id).toEqual([]);
    const [f] = argv(text, "sles15sp4").findings;
    expect(f.ruleId).toBe("unsupported-machine");
    expect(f.message).toBe(
      "virt is in the statement's list of unsupported machine types; use virt-2.6 or virt-2.11 or virt-3.1 or virt-4.2 or virt-5.2 or virt-6.0 or virt-6.1",
    );
  });

  it("says a versioned type newer than the statement's QEMU does not exist in that QEMU", () => {
    expect(argv(OK.replace("virt-2.6", "virt-5.2"), "sles15sp2").findings.map((f) => f.message)).toEqual([
      "QEMU 4.2, the version the sles15sp2 statement describes, has no virt-5.2 machine type; use virt or virt-2.6 or virt-2.11 or virt-3.1 or virt-4.2",
    ]);
    expect(ids(argv(OK.replace("virt-2.6", "virt-5.2"), "sles15sp3"))).toEqual([]);
    // QEMU 6.2 has virt-6.2; SP4 lists it nowhere: not supported (not "no such type").
    expect(argv(OK.replace("virt-2.6", "virt-6.2"), "sles15sp4").findings[0].message).toMatch(/^virt-6\.2 is not a supported machine type/);
  });

  it("compiles the default machine (and machine.type: virt) to virt-6.1 under SP4, and it lints clean", () => {
    const specs = ["name: a\nmemory: {size: 1GiB}\nrunAs: qemu\n", "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\nmachine: {type: virt}\n"];
    for (const text of specs) {
      for (const id of Object.keys(PROFILES)) {
        const r = lintSpec(enc(text), { baseDir: "/", profile: id });
        expect(ids(r), id).toEqual([]);
        const machine = r.options!.find((o) => o.flag === "-machine")!.props![0].value;
        expect(machine, id).toBe(id === "sles15sp4" ? "virt-6.1" : "virt");
      }
    }
    expect(profileNamed("sles15sp4")!.virtMachine).toBe("virt-6.1");
    // Without vmspec's defaults the spec says what is emitted: virt stays virt, and SP4 reports it.
    const exact = "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\ndefaults: false\nmachine: {type: virt}\naccel: kvm\ncpu: {model: host}\n";
    const r = lintSpec(enc(exact), { baseDir: "/", profile: "sles15sp4" });
    expect(locate(exact, r.findings).map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["5:17 unsupported-machine"]);
  });

  it("reads -vga virtio by the device it creates: unsupported under SLES 12 SP3, supported under SLES 15", () => {
    for (const id of Object.keys(PROFILES)) {
      const l = PROFILES[id].lists;
      expect(valuesOf(l.supportedOptions, "-vga"), id).toContain("virtio");
      expect(valuesOf(l.unsupportedOptions, "-vga"), id).toContain("virtio");
      expect(ids(argv(`${OK} -vga virtio`, id)).includes("vga-unsupported"), id).toBe(id === "sles12sp3");
      expect(profileNamed(id)!.deviceStatus("virtio-vga").status, id).toBe(id === "sles12sp3" ? "unsupported" : "supported");
    }
  });

  it("supports -tpmdev passthrough and not -tpmdev emulator, as every SLES 15 text now says outright", () => {
    for (const id of SLES15) {
      const l = PROFILES[id].lists;
      expect(l.supportedOptions.find((o) => o.flag === "-tpmdev")!.text, id).toBe("passthrough ...");
      expect(l.unsupportedOptions.find((o) => o.flag === "-tpmdev")!.text, id).toBe("emulator ...");
      const emu = argv(`${OK} -tpmdev emulator,id=t0,chardev=c0`, id);
      expect(ids(emu), id).toContain("tpm-backend-unsupported");
      expect(ids(argv(`${OK} -tpmdev passthrough,id=t0,path=/dev/tpm0`, id)), id).not.toContain("tpm-backend-unsupported");
    }
  });

  it("reads each deprecation section's lists, and repeats the SLES 12 SP3 sentences the hand-written rules enforce", () => {
    const changes = (id: string) => PROFILES[id].lists.changes.map((c) => `${c.was} ${c.kind} ${c.status}: ${c.item}`);
    expect(changes("sles12sp3")).toEqual([]);
    for (const id of SLES15) {
      expect(changes(id), id).toEqual(
        expect.arrayContaining([
          "supported option removed: -balloon",
          "supported option removed: -device ivshmem",
          "supported option removed: -device pc-sysfw",
          "supported option removed: -device pci-assign",
          "supported option removed: -nodefconfig",
          "unsupported machine removed: xlnx-ep108",
        ]),
      );
      const text = readFileSync(join(ROOT, "rules/data", id, "statement.txt"), "utf8").replace(/\s+/g, " ");
      for (const sentence of [
        'The use of "?" as a parameter to "-cpu", "-soundhw", "-device", "-M", "-machine" and "-d" is now considered deprecated.',
        "The use of image encryption in qcow and qcow2 formats is now considered deprecated.",
        "Use of acpi, boot-opts, and smp-opts in a -readconfig config file are now considered deprecated.",
        "Use of aio=native without direct cache mode also being specified",
        'Specifying a cpu feature with both "+feature/-feature" and "feature=on/off" will now cause a warning.',
        "creating qed storage images is no longer supported",
      ])
        expect(text, `${id}: ${sentence}`).toContain(sentence);
      // Every item points at its place in the text.
      const raw = readFileSync(join(ROOT, "rules/data", id, "statement.txt"), "utf8");
      for (const c of PROFILES[id].lists.changes) expect(raw.slice(c.at).startsWith(c.item), `${id} ${c.item}`).toBe(true);
    }
    expect(changes("sles15sp4")).toEqual(
      expect.arrayContaining([
        "supported option deprecated: -writeconfig",
        "supported option unsupported: -device ide-drive",
        "supported qmp removed: query-cpus",
      ]),
    );
    // -device ivshmem: deprecated by SLES 12 SP3, no longer recognized from SLES 15 SP1 on.
    const ivshmem = `${OK} -object memory-backend-file,id=m0,size=4M,mem-path=/dev/shm/x -device ivshmem,memdev=m0`;
    expect(argv(ivshmem, "sles12sp3").findings.find((f) => f.ruleId === "ivshmem-deprecated")!.message).toMatch(
      /^-device ivshmem is deprecated/,
    );
    expect(argv(ivshmem, "sles15sp2").findings.find((f) => f.ruleId === "ivshmem-deprecated")!.message).toMatch(
      /^-device ivshmem is no longer recognized \(the sles15sp2 statement; QEMU 4\.2/,
    );
  });
});

describe("each profile's QEMU is the compiler's target", () => {
  // [xhci, pvpanic, tpm, tcg cpu] per known target, from each device's first QEMU version.
  // "": no TPM front end (before 5.0 the virt board has none: target-unsupported, test/tpm-target.test.ts),
  // no panic device (before 6.0 only the ISA pvpanic, and the virt board has no ISA bus: target-unsupported).
  const EXPECTED: Record<string, [string, string, string, string]> = {
    "2.9": ["nec-usb-xhci", "", "", "cortex-a57"],
    "4.1": ["qemu-xhci", "", "", "max"],
    "4.2": ["qemu-xhci", "", "", "max"],
    "5.2": ["qemu-xhci", "", "tpm-tis-device", "max"],
    "6.2": ["qemu-xhci", "pvpanic-pci", "tpm-tis-device", "max"],
    "7.1": ["qemu-xhci", "pvpanic-pci", "tpm-tis-device", "max"],
    "7.2": ["qemu-xhci", "pvpanic-pci", "tpm-tis-device", "max"],
  };

  it("knows every profile's QEMU, 7.1 and Debian's 7.2, with each choice", () => {
    expect([...KNOWN_TARGETS]).toEqual(Object.keys(EXPECTED));
    for (const p of Object.values(PROFILES)) expect(KNOWN_TARGETS, p.id).toContain(p.qemu);
    for (const [v, want] of Object.entries(EXPECTED)) {
      const c = targetChoices(parseTarget(v)!);
      expect([c.xhciDevice, c.tpmOnVirt ? "tpm-tis-device" : "", c.tcgCpu], v).toEqual([want[0], want[2], want[3]]);
    }
  });

  it("compiles a spec using every choice for each target, and lint and build use the profile's QEMU", () => {
    const text = `name: a
memory: {size: 1GiB}
runAs: qemu
accel: tcg
usb: {controller: xhci}
pvpanic: true
tpm: {path: /dev/tpm0}
`;
    const spec = parse(text) as VmSpec;
    for (const [v, [xhci, pvpanic, tpm, cpu]] of Object.entries(EXPECTED)) {
      const compiled = compile(spec, { baseDir: "/", qemu: parseTarget(v)! });
      const words = compiled.options.flatMap((o) => [o.flag, ...(o.props ?? []).map((p) => p.value)]);
      for (const w of [xhci, pvpanic, tpm, cpu]) if (w) expect(words, `${v} ${w}`).toContain(w);
      // No TPM or panic device the virt board can hold: an error at tpm / pvpanic (the devices
      // are still compiled as tpm-tis-device and pvpanic-pci, so the rules judge them), never the
      // ISA tpm-tis or pvpanic.
      expect(words, v).not.toContain("tpm-tis");
      expect(words, v).not.toContain("pvpanic");
      expect(
        compiled.problems.filter((p) => p.id === "target-unsupported").map((p) => p.path),
        v,
      ).toEqual([...(tpm ? [] : [["tpm"]]), ...(pvpanic ? [] : [["pvpanic"]])]);
    }
    for (const p of Object.values(PROFILES)) {
      const r = lintSpec(enc(text), { baseDir: "/", profile: p.id });
      const drivers = r.options!.filter((o) => o.flag === "-device").map((o) => o.props![0].value);
      const [xhci, pvpanic, tpm] = EXPECTED[p.qemu];
      expect(drivers, p.id).toEqual(expect.arrayContaining([xhci, pvpanic, tpm].filter(Boolean)));
    }
  });
});

describe("picking a profile", () => {
  it("vmspec profiles lists every profile with its QEMU, as text and JSON", () => {
    const text = vmspec(["profiles"]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^id +qemu +machine: virt +title$/);
    expect(lines.slice(1).map((l) => l.split(/ +/).slice(0, 3).join(" "))).toEqual([
      "sles12sp3 2.9 virt",
      "sles15sp1 4.1 virt",
      "sles15sp2 4.2 virt",
      "sles15sp3 5.2 virt",
      "sles15sp4 6.2 virt-6.1",
    ]);
    expect(lines[1]).toContain("(default)");
    const json = JSON.parse(vmspec(["profiles", "--format", "json"]).stdout);
    expect(json.map((p: any) => [p.id, p.qemu, p.default])).toEqual(
      Object.values(PROFILES).map((p) => [p.id, p.qemu, p.id === DEFAULT_PROFILE]),
    );
    expect(json.find((p: any) => p.id === "sles15sp4").title).toBe(PROFILES.sles15sp4.title);
  });

  it("--profile on build sets the statement and the target; profile: in .vmspec.yaml too; the spec's comment over the configuration, the command line over both", () => {
    const dir = scratch();
    const spec = join(dir, "vm.yaml");
    writeFileSync(spec, "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: tcg\npvpanic: true\n");
    const built = (args: string[]) =>
      vmspec(["build", spec, "--format", "argv", "--rule", "tcg-unsupported=off", "--rule", "kvm-not-enabled=off", ...args]);
    // The default SLES 12 SP3 (QEMU 2.9) has no panic device for the virt board: an error, no output.
    expect(built([]).stderr).toContain(
      "pvpanic compiles to -device pvpanic-pci, which needs QEMU 6.0 or later; the target QEMU 2.9 refuses it",
    );
    expect(built(["--profile", "sles15sp4"]).stdout).toMatch(/virt-6\.1,accel=tcg[\s\S]*-device\npvpanic-pci,/);
    writeFileSync(join(dir, ".vmspec.yaml"), "profile: sles15sp3\n");
    // SP3: QEMU 5.2 has no pvpanic-pci yet either.
    expect(built([]).stderr).toContain("the target QEMU 5.2 refuses it");
    // Without the panic device, bare virt is supported.
    writeFileSync(spec, "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: tcg\n");
    expect(built([]).stdout).toMatch(/-machine\nvirt,accel=tcg\n/);
    expect(vmspec(["print-config", spec]).stdout).toContain('"profile": "sles15sp3"');
    writeFileSync(
      spec,
      "# vmspec-profile sles15sp4 -- our hosts run SP4\nname: a\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: tcg\npvpanic: true\n",
    );
    expect(built([]).stdout).toContain("pvpanic-pci");
    expect(built(["--profile", "sles12sp3"]).code).toBe(1);
    // lint the same way: virt-6.0 is supported by SP4 (the comment), not by SP3 (the configuration) or 12 SP3 (--profile).
    writeFileSync(spec, "# vmspec-profile sles15sp4\nname: a\nmemory: {size: 1GiB}\nrunAs: qemu\nmachine: {type: virt-6.0}\n");
    expect(vmspec(["lint", spec]).code).toBe(0);
    expect(vmspec(["lint", spec, "--profile", "sles12sp3"]).stdout).toContain("QEMU 2.9 has no virt-6.0 machine type");
    writeFileSync(spec, "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\nmachine: {type: virt-6.0}\n");
    expect(vmspec(["lint", spec]).stdout).toContain("QEMU 5.2, the version the sles15sp3 statement describes, has no virt-6.0");
    // A comment that names no profile is an error at its place, and nothing is built.
    writeFileSync(spec, "# vmspec-profile sles16\nname: a\nmemory: {size: 1GiB}\nrunAs: qemu\n");
    const bad = built([]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain('vm.yaml:1:18: error: vmspec-profile "sles16" names no profile');
    // Written with a colon, as a YAML hand writes key: value, it is read the same.
    writeFileSync(spec, "# vmspec-profile: sles15sp3\nname: a\nmemory: {size: 1GiB}\nrunAs: qemu\nmachine: {type: virt-6.0}\n");
    expect(vmspec(["lint", spec]).stdout).toContain("QEMU 5.2, the version the sles15sp3 statement describes, has no virt-6.0");
  });

  it("reads a spec's directives from its text as from its bytes (a BOM, other text, bad ones, none)", () => {
    const texts = [
      "name: a\n",
      "\ufeff# vmspec-profile sles15sp4\nname: a\n",
      "# vmspec-qemu 7.1 -- why\n# vmspec-profile: sles15sp2\nname: ä\n",
      "# vmspec-profile sles16\n# vmspec-qemu x\n",
      "# vmspec-profiles\nname: vmspec-qemu\n",
    ];
    for (const t of texts)
      expect(fileDirectives(new TextDecoder().decode(new TextEncoder().encode(t))), t).toEqual(fileDirectives(new TextEncoder().encode(t)));
    expect(fileDirectives(texts[2])).toEqual({ profile: "sles15sp2", qemu: [7, 1], findings: [] });
    // lintSpec decodes first: the error of a directive in a file with a BOM is where it was.
    const bad = lintSpec(new TextEncoder().encode("\ufeff# vmspec-profile sles16\nname: a\n"), { baseDir: "/" });
    expect(bad.findings.map((f) => [f.ruleId, f.range])).toEqual([["profile-directive", [17, 23]]]);
  });

  it("rejects an unknown --profile and an unknown profile: in the configuration", () => {
    const r = vmspec(["build", join(ROOT, "examples/minimal-uefi.yaml"), "--profile", "sles16"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("sles15sp4");
    const dir = scratch();
    writeFileSync(join(dir, ".vmspec.yaml"), "profile: sles16\n");
    writeFileSync(join(dir, "vm.yaml"), "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\n");
    const c = vmspec(["lint", join(dir, "vm.yaml")]);
    expect(c.code).not.toBe(0);
    expect(c.stderr + c.stdout).toMatch(/profile/);
  });
});

describe("vmspec import reads the QEMU a command line was made for", () => {
  const dir9 = join(ROOT, "test/fixtures/libvirt/v9.10.0/args");
  const files = readdirSync(dir9).filter((f) => f.endsWith(".args"));

  it("takes a versioned machine type and later spellings as the target, through the smallest profile that fits", () => {
    const needs = (text: string) => {
      const r = importCommandLine(text, "argv", {});
      return [r.inferred?.profile, r.qemu?.join("."), r.inferred?.decidedBy?.what];
    };
    const base = "qemu-system-aarch64 -name a -m 1G";
    expect(needs(`${base} -machine virt-4.2`)).toEqual(["sles15sp2", "4.2", "-machine virt-4.2"]);
    expect(needs(`${base} -machine virt-4.0`)).toEqual(["sles15sp1", "4.1", "-machine virt-4.0"]);
    expect(needs(`${base} -machine virt-5.1`)).toEqual(["sles15sp3", "5.2", "-machine virt-5.1"]);
    expect(needs(`${base} -device '{"driver":"virtio-rng-pci","id":"rng0"}'`)).toEqual(["sles15sp4", "6.2", "-device in JSON"]);
    expect(needs(`${base} -machine virt,memory-backend=ram0 -object memory-backend-ram,id=ram0,size=1G`)).toEqual([
      "sles15sp3",
      "5.2",
      "-machine memory-backend=",
    ]);
    // Newer than every statement: linted against the newest, built for the oldest known QEMU that has it.
    expect(needs(`${base} -machine virt-7.1`)).toEqual(["sles15sp4", "7.1", "-machine virt-7.1"]);
    // Nothing newer than 2.9: the default profile, and the header is as before.
    expect(needs(`${base} -machine virt-2.6`)).toEqual([undefined, "2.9", undefined]);
    // --qemu and --profile decide when given.
    expect(importCommandLine(`${base} -machine virt-4.2`, "argv", { qemu: [7, 2] }).qemu).toEqual([7, 2]);
    expect(importCommandLine(`${base} -machine virt-4.2`, "argv", { profile: "sles15sp3" }).qemu).toEqual([5, 2]);
  });

  it("says so in the header, and a later version than the profile's gets its own comment", () => {
    const yaml = (text: string) => importedYaml(importCommandLine(text, "argv", {}), { source: "t.sh", schemaRef: "x" });
    const y = yaml("qemu-system-aarch64 -name a -m 1G -machine virt-4.2 -audiodev none,id=a0");
    expect(y.split("\n").slice(1, 4)).toEqual([
      "# Imported by `vmspec import` from t.sh: `vmspec build` gives back its options (for QEMU 4.2, which the comments below select).",
      "# vmspec-profile sles15sp2",
      "# The command line needs QEMU 4.2 (-machine virt-4.2; also -audiodev needs 4.0): sles15sp2 (QEMU 4.2) is the smallest profile whose QEMU accepts it. lint and build read these comments; --profile and --qemu override them.",
    ]);
    expect(yaml("qemu-system-aarch64 -name a -m 1G -machine virt-7.1").split("\n").slice(2, 4)).toEqual([
      "# vmspec-profile sles15sp4",
      "# vmspec-qemu 7.1",
    ]);
  });

  it(`imports all ${files.length} libvirt 9.10 command lines without flags, and each builds without flags`, () => {
    const dir = scratch();
    const picked: Record<string, number> = {};
    for (const f of files) {
      const text = readFileSync(join(dir9, f), "utf8");
      const imp = vmspec(["import", join(dir9, f), "-o", join(dir, "vm.yaml"), "--force"]);
      expect(imp.code, `${f}: ${imp.stderr}`).toBe(0);
      const yaml = readFileSync(join(dir, "vm.yaml"), "utf8");
      const profile = /^# vmspec-profile (\S+)$/m.exec(yaml)?.[1];
      expect(profile, f).toBeDefined();
      picked[profile!] = (picked[profile!] ?? 0) + 1;
      // With the rulebook's judgement set aside, the build gives back the command line's options.
      const built = buildSpec(enc(yaml), { baseDir: "/", format: "json", rules: ALL_RULES_OFF });
      expect(
        built.findings.filter((x) => x.severity === "error"),
        f,
      ).toEqual([]);
      const rebuilt = parseOptions((JSON.parse(built.output!).argv as string[]).map((t) => ({ text: t, path: [] }))).options;
      expect(optionDifference(rebuilt, originalOptions(text)), f).toEqual({ onlyA: [], onlyB: [], order: [] });
      // With the rulebook, the build reports exactly what the original command line has under that profile.
      const withRules = buildSpec(enc(yaml), { baseDir: "/", format: "json" });
      const errors = (fs: { ruleId: string; severity: string }[]) =>
        fs
          .filter((x) => x.severity === "error")
          .map((x) => x.ruleId)
          .sort();
      expect(errors(withRules.findings), f).toEqual(errors(lintArgv(enc(text), { baseDir: "/", profile }).findings));
      expect(errors(withRules.findings), f).not.toContain("extra-args-invalid");
    }
    // The 4.2.0 files (virt-4.2) need SP2; every "latest" file writes -device in JSON (6.2): SP4.
    expect(picked).toEqual({
      sles15sp2: files.filter((f) => f.includes("4.2.0")).length,
      sles15sp4: files.filter((f) => !f.includes("4.2.0")).length,
    });
  });

  it("the CLI build of an imported file uses its comment: no --qemu needed", () => {
    const dir = scratch();
    const src = join(dir9, "aarch64-gic-none.aarch64-4.2.0.args");
    expect(vmspec(["import", src, "-o", join(dir, "vm.yaml")]).code).toBe(0);
    const rules = ["unsupported-option", "cpu-model-missing"].flatMap((r) => ["--rule", `${r}=off`]);
    const b = vmspec(["build", join(dir, "vm.yaml"), "--format", "argv", ...rules]);
    expect(b.stderr).not.toContain("error");
    expect(b.code).toBe(0);
    expect(b.stdout).toContain("virt-4.2,");
    // Under the default profile (the comment overridden), QEMU 2.9 has no virt-4.2.
    expect(vmspec(["build", join(dir, "vm.yaml"), "--profile", "sles12sp3", ...rules]).stderr).toContain("QEMU 2.9 has no virt-4.2");
  });
});

describe("the configuration schema", () => {
  it("accepts every profile id, and only those", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "spec/vmspec-config.schema.json"), "utf8"));
    expect(schema.properties.profile.enum).toEqual(Object.keys(PROFILES));
    expect(schema.properties.profile.enumDescriptions).toHaveLength(Object.keys(PROFILES).length);
    expect(schema.properties.profile.default).toBe(DEFAULT_PROFILE);
  });
});
