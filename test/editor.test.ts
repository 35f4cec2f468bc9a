// The schema as editors feel it, proven with the real yaml-language-server over stdio: completion
// with documentation, hover, per-value descriptions, deprecations, snippets, and diagnostics at
// the same lines and columns as `vmspec lint`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { YamlLanguageServer, SCHEMA_URI, type Diagnostic } from "./helpers/lsp.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const MODELINE = `# yaml-language-server: $schema=${SCHEMA_URI}\n`;
const schema = JSON.parse(readFileSync(join(ROOT, "spec/vmspec.schema.json"), "utf8"));
let server: YamlLanguageServer;
let n = 0;
const uri = () => pathToFileURL(join(scratch(), `doc${n++}.yaml`)).href;
const docOf = (item: any) => (typeof item.documentation === "string" ? item.documentation : (item.documentation?.value ?? ""));

/** The text a snippet inserts, with each placeholder replaced by its default. */
function expandSnippet(text: string): string {
  return text.replace(/\$\{\d+:([^}]*)\}/g, "$1").replace(/\$\{\d+\}|\$\d+/g, "");
}

beforeAll(async () => {
  server = new YamlLanguageServer();
  await server.start();
}, 30000);
afterAll(async () => {
  await server.stop();
});

describe("the real yaml-language-server with vmspec's schema", () => {
  it("completes every top-level key, each with documentation", async () => {
    const u = uri();
    server.open(u, MODELINE + "name: web\n\n");
    const items: any[] = (await server.completion(u, 2, 0)).items;
    const keys = Object.keys(schema.properties).filter((k) => k !== "name");
    for (const k of keys) {
      const item = items.find((i) => i.label === k);
      expect(item, k).toBeDefined();
      expect(docOf(item).length, `${k} documentation`).toBeGreaterThan(10);
    }
  });

  it("offers qcow2, qed and raw inside a disk, with their descriptions", async () => {
    const u = uri();
    server.open(u, MODELINE + "name: web\nmemory: {size: 1GiB}\ndisks:\n  - name: d\n    file: d.img\n    format: \n");
    const items: any[] = (await server.completion(u, 6, 12)).items;
    const byLabel = Object.fromEntries(items.map((i) => [i.label, docOf(i)]));
    const descriptions = schema.definitions.Disk.properties.format.enumDescriptions;
    expect(byLabel).toMatchObject({ qcow2: descriptions[0], qed: descriptions[1], raw: descriptions[2] });
  });

  it("shows a key's markdown description on hover, with what the statement says", async () => {
    const u = uri();
    server.open(u, MODELINE + "name: web\nmemory:\n  size: 1GiB\naccel: kvm\n");
    const hover = await server.hover(u, 2, 2);
    expect(hover.contents.kind).toBe("markdown");
    expect(hover.contents.value).toContain("Guest memory (`-m`, `-mem-path`, `-mem-prealloc`).");
    expect(hover.contents.value).toContain("**SLES 12 SP3 statement:** supported.");
    // On an enum value, the value's own description.
    const value = await server.hover(u, 4, 8);
    expect(value.contents.value).toContain("KVM hardware virtualization");
  });

  it("reports an unknown key, a wrong enum value and a bad size where vmspec lint does", async () => {
    const text =
      MODELINE +
      "name: web\nmemroy: {size: 1GiB}\naccel: kvmm\ndisks:\n  - name: d\n    file: d.qcow2\n    format: qcow2\n    size: 4 GB\n";
    const u = uri();
    server.open(u, text);
    const diags = await server.diagnosticsFor(u, (d) => d.length >= 4);
    const dir = scratch();
    writeFileSync(join(dir, "vm.yaml"), text);
    const lint = JSON.parse(vmspec(["lint", join(dir, "vm.yaml"), "--format", "json"]).stdout).files[0].findings;
    expect(lint.map((f: any) => f.ruleId)).toEqual(["schema", "schema", "schema", "invalid-size"]);
    const starts = new Set(diags.map((d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}`));
    for (const f of lint) expect(starts, `${f.message} at ${f.line}:${f.column}`).toContain(`${f.line}:${f.column}`);
    // The size message is the same text in both (the schema's patternErrorMessage).
    const size = lint.find((f: any) => f.ruleId === "invalid-size");
    const sizeDiag = diags.find((d) => d.range.start.line + 1 === size.line)!;
    expect(size.message).toContain(sizeDiag.message);
  });

  it("flags values the statement deprecates before lint runs", async () => {
    const u = uri();
    server.open(
      u,
      MODELINE + "name: web\nmemory: {size: 1GiB}\ncpu: {model: cortex-a57}\ndisks:\n  - {name: d, file: d.qed, format: qed}\n",
    );
    const diags = await server.diagnosticsFor(u, (d) => d.length >= 2);
    const messages = diags.map((d) => d.message);
    expect(messages).toContain("qed is deprecated by the SLES 12 SP3 statement: convert with qemu-img convert -f qed -O qcow2");
    expect(messages).toContain("the SLES 12 SP3 statement supports only -cpu host");
  });

  it("accepts x- extension keys and merge keys, and still completes only the spec's own keys", async () => {
    const u = uri();
    // A typo inside a merged-in block is the one problem; "x-disk" and "<<" are not.
    const text =
      MODELINE +
      "x-disk: &disk\n  format: qcow2\n  cache: none\nname: web\nmemory: {size: 1GiB}\ndisks:\n  - <<: *disk\n    name: root\n    file: root.qcow2\naccel: kvmm\n\n";
    server.open(u, text);
    const diags = await server.diagnosticsFor(u, (d) => d.length >= 1);
    expect([...new Set(diags.map((d) => d.range.start.line + 1))]).toEqual([11]);
    const items: any[] = (await server.completion(u, 12, 0)).items;
    expect(items.map((i) => i.label)).toContain("firmware");
    expect(items.map((i) => i.label).filter((l: string) => l.startsWith("x-") || l.startsWith("^"))).toEqual([]);
  });

  it("works on the spec `vmspec init` writes, through its relative modeline", async () => {
    const dir = scratch();
    const file = join(dir, "web01.vmspec.yaml");
    expect(vmspec(["init", file]).code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=\.\.?\/.*spec\/vmspec\.schema\.json$/);
    expect(vmspec(["lint", file])).toMatchObject({ code: 0, stdout: "" });
    expect(vmspec(["init", file]).code).toBe(2); // never overwrites without --force
    const u = pathToFileURL(file).href;
    server.open(u, text.replace("memory:\n  size: 2GiB\n", "memory:\n  size: 2 GiB\n"));
    const diags = await server.diagnosticsFor(u, (d) => d.length > 0);
    expect(diags.map((d) => d.message)).toContain("expected a size with a binary unit such as 512MiB, 4GiB or 20G");
  });

  it("associates *.vmspec.yaml files by name, as the SchemaStore catalog entry says", async () => {
    const catalog = JSON.parse(readFileSync(join(ROOT, "docs/schemastore-catalog-entry.json"), "utf8"));
    expect(catalog).toMatchObject({ name: "vmspec", url: schema.$id });
    expect(catalog.fileMatch).toContain("*.vmspec.yaml");
    const u = pathToFileURL(join(scratch(), "no-modeline.vmspec.yaml")).href;
    server.open(u, "name: web\nmemory: {size: 1GiB}\nformt: raw\n");
    const diags = await server.diagnosticsFor(u, (d) => d.length > 0);
    expect(diags.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`)).toContain(
      "2:0 Property formt is not allowed.",
    );
  });

  it("inserts a whole VM from a snippet, and that VM lints clean", async () => {
    const u = uri();
    server.open(u, MODELINE);
    const items: any[] = (await server.completion(u, 1, 0)).items;
    const snippet = items.find((i) => i.label === "New VM (UEFI, one disk, user network)");
    expect(snippet).toBeDefined();
    const body = expandSnippet(snippet.textEdit?.newText ?? snippet.insertText);
    const dir = scratch();
    writeFileSync(join(dir, "vm.yaml"), MODELINE + body + "\n");
    expect(vmspec(["lint", join(dir, "vm.yaml")])).toMatchObject({ code: 0, stdout: "" });
  });
});
