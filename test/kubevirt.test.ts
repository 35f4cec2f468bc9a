// `vmspec build --format kubevirt`: a kubevirt.io/v1 VirtualMachine per spec, proved without a
// cluster. Every example, every golden spec and the KubeVirt goldens of test/golden/kubevirt/ are
// built: a manifest must validate against KubeVirt's published schema (test/fixtures/kubevirt/,
// Ajv draft-04 with strict: false and the int32/int64/byte/int-or-string formats) and against a
// stricter copy in which every object refuses properties it does not declare, and must equal its
// golden (<name>.vm.yaml); a spec KubeVirt refuses must give no manifest, only its findings
// (<name>.err). Regenerate with UPDATE_GOLDEN=1 and review the diff.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv04Module from "ajv-draft-04";
import { parse } from "yaml";
import { buildSpec } from "../lint/build.js";
import { locate } from "../core/positions.js";
import formatCompact from "../cli/formatters/compact.js";
import type { KubevirtOptions } from "../compiler/emit/kubevirt.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { corpusFiles } from "./helpers/corpus.js";
import { importCommandLine } from "../import/import.js";

const GOLDEN = join(ROOT, "test/golden/kubevirt");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const swagger = JSON.parse(readFileSync(join(ROOT, "test/fixtures/kubevirt/swagger.json"), "utf8")) as {
  definitions: Record<string, unknown>;
};

// The package's CommonJS default export, as test/formats.test.ts takes it.
const Ajv04 = Ajv04Module as unknown as typeof Ajv04Module.default;

type Schema = Record<string, unknown>;

/** A copy of the definitions in which every object schema refuses the properties it does not declare. */
function strictDefinitions(defs: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(defs);
  let closed = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const s = node as Schema;
    const isObject = s.type === "object" || (s.properties !== undefined && s.type === undefined);
    if (isObject && s.additionalProperties === undefined) {
      s.additionalProperties = false;
      closed++;
    }
    for (const v of Object.values(s)) visit(v);
  };
  visit(copy);
  expect(closed, "objects closed in the strict copy").toBeGreaterThan(300);
  return copy;
}

function validator(definitions: Record<string, unknown>) {
  const ajv = new Ajv04({ strict: false, allErrors: true });
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat("int-or-string", true);
  return ajv.compile({ $ref: "#/definitions/v1.VirtualMachine", definitions });
}

const loose = validator(swagger.definitions);
const strict = validator(strictDefinitions(swagger.definitions));

function errorsOf(v: typeof loose, manifest: unknown): string[] {
  return v(manifest)
    ? []
    : (v.errors ?? []).map(
        (e: { instancePath: string; message?: string; params: unknown }) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
      );
}

/** The specs built: every example, every golden spec, and the KubeVirt ones (with their build options). */
const INPUTS: { name: string; path: string; opts?: KubevirtOptions }[] = [
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ name: `example-${f.slice(0, -5)}`, path: join(ROOT, "examples", f) })),
  ...readdirSync(join(ROOT, "test/golden"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ name: `golden-${f.slice(0, -5)}`, path: join(ROOT, "test/golden", f) })),
  ...readdirSync(GOLDEN)
    .filter((f) => f.endsWith(".spec.yaml"))
    .sort()
    .flatMap((f) => {
      const stem = f.slice(0, -".spec.yaml".length);
      const path = join(GOLDEN, f);
      return [
        { name: stem, path },
        { name: `${stem}.datavolume`, path, opts: { volumes: "dataVolume", runStrategy: "Halted" } },
      ];
    }),
];

function build(path: string, opts?: KubevirtOptions): { manifest?: string; err?: string } {
  const bytes = readFileSync(path);
  const r = buildSpec(bytes, { format: "kubevirt", baseDir: "/vms", kubevirt: opts });
  if (r.output !== undefined) return { manifest: r.output };
  const file = path.slice(ROOT.length);
  // As `vmspec build` prints them: errors and warnings (info findings are for lint).
  const shown = r.findings.filter((f) => f.severity !== "info");
  return { err: formatCompact([{ file, findings: locate(r.text, shown) }], { color: false }) };
}

function golden(name: string, actual: string) {
  const path = join(GOLDEN, name);
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${name} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const produced = new Set<string>();

describe("vmspec build --format kubevirt", () => {
  for (const input of INPUTS) {
    it(`${input.name}: a manifest KubeVirt's schema (and its strict copy) accepts, or findings and no manifest`, () => {
      const r = build(input.path, input.opts);
      if (r.manifest !== undefined) {
        // Deterministic: the same spec gives the same bytes.
        expect(build(input.path, input.opts).manifest).toBe(r.manifest);
        // YAML 1.1 (kubectl) and 1.2 read the same values.
        const manifest = parse(r.manifest) as Record<string, unknown>;
        expect(parse(r.manifest, { version: "1.1" })).toEqual(manifest);
        expect(manifest).toMatchObject({ apiVersion: "kubevirt.io/v1", kind: "VirtualMachine" });
        expect(errorsOf(loose, manifest), "KubeVirt's published schema").toEqual([]);
        expect(errorsOf(strict, manifest), "the strict copy: no unknown field").toEqual([]);
        golden(`${input.name}.vm.yaml`, r.manifest);
        produced.add(`${input.name}.vm.yaml`);
      } else {
        expect(r.err).toMatch(/ error: /);
        golden(`${input.name}.err`, r.err!);
        produced.add(`${input.name}.err`);
      }
    });
  }

  it("has no orphaned golden files", () => {
    const files = readdirSync(GOLDEN).filter((f) => !f.endsWith(".spec.yaml") && statSync(join(GOLDEN, f)).isFile());
    expect(files.filter((f) => !produced.has(f))).toEqual([]);
    // At least the KubeVirt goldens and one example build (minimal-uefi).
    expect([...produced].filter((f) => f.endsWith(".vm.yaml")).length).toBeGreaterThanOrEqual(3);
  });
});

describe("specs written by others: the libvirt corpus, imported", () => {
  // 92 command lines libvirt generated for aarch64 and arm, imported into specs as a user would
  // (vmspec import), then built for KubeVirt: each gives a manifest both schemas accept, or error
  // findings at a place in the spec and no manifest; never a crash.
  it("each builds a valid manifest or is refused at a line", () => {
    const files = corpusFiles();
    expect(files.length).toBe(92);
    let refused = 0;
    for (const f of files) {
      const imported = importCommandLine(readFileSync(f.path, "utf8"), "argv", { baseDir: "/vms", qemu: [7, 2] });
      expect(imported.spec, f.name).toBeDefined();
      const text = JSON.stringify(imported.spec, null, 1);
      const r = buildSpec(new TextEncoder().encode(text), { format: "kubevirt", baseDir: "/vms", qemu: [7, 2] });
      if (r.output !== undefined) {
        const m = parse(r.output) as unknown;
        expect(errorsOf(strict, m), f.name).toEqual([]);
        continue;
      }
      refused++;
      const errors = r.findings.filter((x) => x.severity === "error");
      expect(errors.length, f.name).toBeGreaterThan(0);
      for (const e of errors) expect(e.range[1], `${f.name}: ${e.message}`).toBeGreaterThan(e.range[0]);
    }
    // libvirt's command lines carry -machine properties (usb=off, dump-guest-core=off), GIC
    // versions and TCG CPU models that a VirtualMachine cannot say: none of them builds as it is.
    expect(refused).toBe(92);
  });
});

describe("the schemas catch what they should", () => {
  const good = parse(build(join(ROOT, "examples/minimal-uefi.yaml")).manifest!) as Record<string, any>;

  it("a planted unknown field passes the published schema but fails the strict copy", () => {
    for (const plant of [
      (m: any) => (m.spec.template.spec.domain.devices.disks[0].discard = "unmap"),
      (m: any) => (m.spec.template.spec.domain.cpu.modle = "host-passthrough"),
      (m: any) => (m.spec.template.spec.domain.devices.interfaces[0].masquerade.nat = true),
      (m: any) => (m.spec.runstrategy = "Always"),
    ]) {
      const m = structuredClone(good);
      plant(m);
      expect(errorsOf(loose, m)).toEqual([]);
      expect(errorsOf(strict, m).join("\n")).toMatch(/must NOT have additional properties/);
    }
  });

  it("a wrong type or a missing required field fails both", () => {
    const m = structuredClone(good);
    m.spec.template.spec.domain.cpu.cores = "two";
    expect(errorsOf(loose, m).join("\n")).toMatch(/cpu\/cores must be integer/);
    const n = structuredClone(good);
    delete n.spec.template.spec.volumes[0].persistentVolumeClaim.claimName;
    expect(errorsOf(strict, n).join("\n")).toMatch(/must have required property 'claimName'/);
  });
});

describe("the CLI", () => {
  it("writes the manifest to standard output or --output, and nothing when KubeVirt would refuse the spec", () => {
    const dir = scratch("vmspec-kubevirt-");
    const ok = vmspec(["build", "examples/minimal-uefi.yaml", "--format", "kubevirt"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(readFileSync(join(GOLDEN, "example-minimal-uefi.vm.yaml"), "utf8"));

    writeFileSync(join(dir, "vm.yaml"), "name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nwatchdog:\n  action: reset\n");
    const out = join(dir, "vm.kubevirt.yaml");
    const bad = vmspec(["build", join(dir, "vm.yaml"), "--format", "kubevirt", "-o", out]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("vm.yaml:4:1: error: KubeVirt refuses a watchdog device on arm64");
    expect(bad.stderr).toContain("[kubevirt-watchdog]");
    expect(existsSync(out)).toBe(false);
    // The same spec builds for QEMU: the KubeVirt rules apply only when the target is KubeVirt.
    expect(vmspec(["build", join(dir, "vm.yaml")]).code).toBe(0);
  });

  it("lint --target kubevirt reports KubeVirt's refusals; the default target does not", () => {
    const dir = scratch("vmspec-kubevirt-");
    writeFileSync(join(dir, "vm.yaml"), "name: web\nmemory: {size: 2GiB}\nrunAs: qemu\ncpu:\n  model: cortex-a72\n");
    const kv = vmspec(["lint", "--target", "kubevirt", "--format", "compact", join(dir, "vm.yaml")]);
    expect(kv.code).toBe(1);
    expect(kv.stdout).toMatch(/vm\.yaml:5:10: error: KubeVirt accepts only host-passthrough .* \[kubevirt-cpu-model\]/);
    const qemu = vmspec(["lint", "--format", "compact", join(dir, "vm.yaml")]);
    expect(qemu.stdout).not.toContain("[kubevirt-");
  });

  it(".vmspec.yaml's target: kubevirt applies to lint; --target qemu overrides it", () => {
    const dir = scratch("vmspec-kubevirt-");
    writeFileSync(join(dir, ".vmspec.yaml"), "target: kubevirt\n");
    writeFileSync(join(dir, "vm.yaml"), "name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nwatchdog: {}\n");
    const byConfig = vmspec(["lint", "--format", "compact", join(dir, "vm.yaml")]);
    expect(byConfig.stdout).toContain("[kubevirt-watchdog]");
    expect(byConfig.code).toBe(1);
    const overridden = vmspec(["lint", "--target", "qemu", "--format", "compact", join(dir, "vm.yaml")]);
    expect(overridden.stdout).not.toContain("[kubevirt-");
    // The cache keeps results per target: the second run must not reuse the first one's.
    const cache = join(dir, "cache.json");
    const first = vmspec(["lint", "--cache", "--cache-location", cache, "--format", "compact", join(dir, "vm.yaml")]);
    const second = vmspec(["lint", "--cache", "--cache-location", cache, "--target", "qemu", "--format", "compact", join(dir, "vm.yaml")]);
    expect(first.stdout).toContain("[kubevirt-watchdog]");
    expect(second.stdout).not.toContain("[kubevirt-");
    writeFileSync(join(dir, ".vmspec.yaml"), "target: openshift\n");
    const bad = vmspec(["lint", join(dir, "vm.yaml")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("target");
  });

  it("--volumes dataVolume needs each disk's size: an error at the disk, no manifest", () => {
    const dir = scratch("vmspec-kubevirt-");
    writeFileSync(
      join(dir, "vm.yaml"),
      "name: web\nmemory: {size: 2GiB}\nrunAs: qemu\ndisks:\n  - name: root\n    file: web.qcow2\n    format: qcow2\n",
    );
    const r = vmspec(["build", join(dir, "vm.yaml"), "--format", "kubevirt", "--volumes", "dataVolume"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /vm\.yaml:5:5: error: a DataVolume needs a size: give disks\.0 \(root\) a size, or build with --volumes pvc \[output-format\]/,
    );
    // The KubeVirt options belong to --format kubevirt: elsewhere they are a usage error, not ignored.
    const misuse = vmspec(["build", join(dir, "vm.yaml"), "--volumes", "pvc"]);
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toContain("--volumes applies to --format kubevirt only");
  });

  it("hostile values come out as literal strings, never as YAML structure", () => {
    const dir = scratch("vmspec-kubevirt-");
    const serial = 'x" }\n  evil: true\n# {{}}: [a, *b] &c !!binary';
    writeFileSync(
      join(dir, "vm.yaml"),
      `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\nsmbios:\n  serial: ${JSON.stringify(serial)}\ndisks:\n  - {name: root, file: "a: b\\n- c", format: raw, serial: "on"}\nnetworks:\n  - {name: uplink, type: bridge, bridge: br0, mac: "52:54:00:12:34:56"}\n`,
    );
    const r = vmspec(["build", join(dir, "vm.yaml"), "--format", "kubevirt"]);
    expect(r.code, r.stderr).toBe(0);
    for (const version of ["1.1", "1.2"] as const) {
      const m = parse(r.stdout, { version }) as Record<string, any>;
      expect(m.spec.template.spec.domain.firmware.serial).toBe(serial);
      expect(m.spec.template.spec.domain.devices.disks[0].serial).toBe("on");
      // In YAML 1.1 (kubectl) an unquoted all-digit MAC is a base-60 number.
      expect(m.spec.template.spec.domain.devices.interfaces[0].macAddress).toBe("52:54:00:12:34:56");
      expect(errorsOf(strict, m)).toEqual([]);
    }
  });
});
