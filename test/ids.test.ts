// compiler/ids.ts is the one place that names the QEMU ids vmspec generates: every id compile()
// gives is one the module names for that spec, every id it names is given when the spec has
// every feature, import takes vmspec's shapes back by exactly those ids, and neither the
// compiler's sections nor import/ spell an id themselves.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { Node, Project, SyntaxKind } from "ts-morph";
import { compile } from "../compiler/compile.js";
import { specIds } from "../compiler/ids.js";
import { toArgv } from "../compiler/emit/argv.js";
import { shellQuote } from "../compiler/emit/shell.js";
import { importCommandLine } from "../import/import.js";
import { parseOptions } from "../qemu/parse-options.js";
import type { QemuOption } from "../qemu/options.js";
import type { QemuVersion } from "../qemu/targets.js";
import type { VmSpec } from "../spec/types.js";
import { ROOT } from "./helpers/cli.js";

/** Properties whose value is an id: an option's own, or a reference to another option's. */
const ID_KEYS = ["id", "chardev", "netdev", "drive", "bus", "fsdev", "tpmdev", "rng", "tls-creds"];

const golden = (file: string) => parse(readFileSync(join(ROOT, "test", "golden", file), "utf8")) as VmSpec;

/** The all-features golden spec, with VNC over TLS too (the one id it does not use). */
function everything(file: string): VmSpec {
  const spec = golden(file);
  return { ...spec, display: { ...spec.display!, tls: { dir: "tls", verifyClients: true } } };
}

/** Every id value in the options (own ids, references, and `-serial chardev:<id>`). */
function idsIn(options: QemuOption[]): Set<string> {
  const out = new Set<string>();
  for (const o of options) {
    for (const p of o.props ?? []) if (ID_KEYS.includes(p.key)) out.add(p.value);
    if (o.flag === "-serial" && o.raw?.startsWith("chardev:")) out.add(o.raw.slice("chardev:".length));
  }
  return out;
}

const vmspecOptions = (spec: VmSpec, qemu: QemuVersion) =>
  compile(spec, { baseDir: "/vms", qemu }).options.filter((o) => o.path[0] !== "extraArgs");

describe("compiler/ids.ts", () => {
  for (const [file, qemu] of [
    ["all-features.yaml", [2, 9]],
    ["all-features-7.2.yaml", [7, 2]],
  ] as const) {
    it(`names exactly the ids compile() gives ${file} (with VNC TLS) for QEMU ${qemu.join(".")}`, () => {
      const spec = everything(file);
      const emitted = idsIn(vmspecOptions(spec, qemu));
      // Before QEMU 5.0 the virt board has no TPM, before 6.0 no panic device (target-unsupported,
      // and all-features.yaml leaves pvpanic out): their ids are not emitted.
      const expected = [...specIds(spec)].filter(
        (id) => (qemu[0] >= 5 || (id !== "tpm" && id !== "tpm0")) && (spec.pvpanic || id !== "pvpanic0"),
      );
      expect([...emitted].sort()).toEqual(expected.sort());
      expect(emitted.size).toBeGreaterThan(30);
    });
  }

  it("names every id of the other golden specs and of vmspec's defaults", () => {
    for (const file of ["minimal.yaml", "escaping.yaml", "readconfig-limits.yaml"]) {
      const spec = golden(file);
      const extra = [...idsIn(vmspecOptions(spec, [7, 2]))].filter((id) => !specIds(spec).has(id));
      expect(extra, file).toEqual([]);
    }
  });

  it("names every -blockdev node, throttle group and pflash node of storage.backend blockdev", () => {
    const spec = golden("blockdev-7.2.yaml");
    const keys = ["node-name", "file", "throttle-group", "pflash0", "pflash1"];
    const options = vmspecOptions(spec, [7, 2]);
    const nodes = new Set(
      options.flatMap((o) =>
        (o.props ?? [])
          .filter((p) => keys.includes(p.key) && (o.flag !== "-blockdev" || p.key !== "file" || !p.value.includes("/")))
          .map((p) => p.value),
      ),
    );
    for (const o of options)
      if (o.flag === "-object" && o.props?.[0]?.value === "throttle-group") nodes.add(o.props.find((p) => p.key === "id")!.value);
    expect(nodes.size).toBeGreaterThan(15);
    expect([...nodes, ...idsIn(options)].filter((id) => !specIds(spec).has(id))).toEqual([]);
  });

  it("is how import recognises vmspec's shapes: an id renamed leaves its options in extraArgs", () => {
    const spec = everything("all-features-7.2.yaml");
    const options = vmspecOptions(spec, [7, 2]);
    const text = (opts: QemuOption[]) => ["qemu-system-aarch64", ...toArgv(opts)].map(shellQuote).join(" ");
    const flagsKept = (opts: QemuOption[]) => {
      const r = importCommandLine(text(opts), "argv", { baseDir: "/vms", qemu: [7, 2] });
      expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
      return r.kept.map((k) => parseOptions(k.words.map((w) => ({ text: w, path: [] }))).options[0]);
    };
    // As compiled, every option becomes a field again.
    expect(flagsKept(options)).toEqual([]);
    // The ids vmspec makes up (not the spec's own names, which any device may carry), one at a time.
    const names = new Set(
      [...(spec.disks ?? []), ...(spec.cdroms ?? []), ...(spec.networks ?? []), ...(spec.hostDevices ?? [])].map((d) => d.name),
    );
    const made = [...specIds(spec)].filter((id) => !names.has(id));
    expect(made.length).toBeGreaterThan(25);
    for (const id of made) {
      const renamed = `${id}x`;
      const changed: QemuOption[] = options.map((o) => ({
        ...o,
        ...(o.props ? { props: o.props.map((p) => (ID_KEYS.includes(p.key) && p.value === id ? { ...p, value: renamed } : p)) } : {}),
        ...(o.raw === `chardev:${id}` ? { raw: `chardev:${renamed}` } : {}),
      }));
      const r = importCommandLine(text(changed), "argv", { baseDir: "/vms", qemu: [7, 2] });
      expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
      const kept = r.kept.map((k) => parseOptions(k.words.map((w) => ({ text: w, path: [] }))).options[0]);
      // Either its options stay in extraArgs, or import/respell.ts recognised a hand-written
      // spelling and says that the rebuilt VM names it vmspec's way (never a silent guess).
      expect(
        kept.some((o) => idsIn([o]).has(renamed)) || r.respelled === true,
        `${id} renamed ${renamed}: its options stay in extraArgs, or the import says it respelled them`,
      ).toBe(true);
    }
    // About 30 imports: seconds alone, more on a loaded machine.
  }, 60_000);

  it("is the only place in compiler/ and import/ that spells an id", () => {
    // Ids that are also spec fields, property keys or drivers count only where an id goes.
    const AMBIGUOUS = new Set(["usb", "qmp", "hmp", "rng", "tpm", "usb-tablet", "usb-mouse"]);
    const fixed = [...specIds({ name: "x", memory: { size: "1GiB" } })];
    const prefixes = ["drive-", "net-", "fs-", "share-", "usb-", "chardev:"];
    const idKey = (n: Node | undefined) => n !== undefined && Node.isStringLiteral(n) && ID_KEYS.includes(n.getLiteralValue());
    const project = new Project({ skipAddingFilesFromTsConfig: true });
    project.addSourceFilesAtPaths([join(ROOT, "compiler/**/*.ts"), join(ROOT, "import/**/*.ts"), `!${join(ROOT, "compiler/ids.ts")}`]);
    const found: string[] = [];
    const files = project.getSourceFiles();
    expect(files.length).toBeGreaterThan(15);
    for (const sf of files) {
      const at = (n: Node, what: string) => found.push(`${relative(ROOT, sf.getFilePath())}:${n.getStartLineNumber()}: ${what}`);
      for (const lit of sf.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
        const v = lit.getLiteralValue();
        if (!fixed.includes(v) && v !== "chardev:serial0") continue;
        const parent = lit.getParent();
        const inIdPlace =
          // ["id", "x"] (props() pairs), { key: "id", value: "x" }, has(o, "id", "x")
          (Node.isArrayLiteralExpression(parent) && parent.getElements().indexOf(lit) === 1 && idKey(parent.getElements()[0])) ||
          (Node.isPropertyAssignment(parent) &&
            parent.getName() === "value" &&
            idKey(
              parent
                .getParent()
                ?.asKind(SyntaxKind.ObjectLiteralExpression)
                ?.getProperty("key")
                ?.asKind(SyntaxKind.PropertyAssignment)
                ?.getInitializer(),
            )) ||
          (Node.isCallExpression(parent) && parent.getArguments().indexOf(lit) === 2 && idKey(parent.getArguments()[1]));
        if (!AMBIGUOUS.has(v) || inIdPlace) at(lit, JSON.stringify(v));
      }
      for (const t of [
        ...sf.getDescendantsOfKind(SyntaxKind.TemplateHead),
        ...sf.getDescendantsOfKind(SyntaxKind.NoSubstitutionTemplateLiteral),
      ]) {
        const head = t.getText().slice(1).replace(/\$\{$/, "");
        if (prefixes.some((p) => head === p || head.endsWith(` ${p}`))) at(t, t.getText());
      }
      for (const r of sf.getDescendantsOfKind(SyntaxKind.RegularExpressionLiteral)) {
        if (prefixes.some((p) => r.getText().includes(`^${p}`))) at(r, r.getText());
      }
    }
    expect(found).toEqual([]);
  });
});
