// `vmspec lsp --stdio` driven by a real LSP client over stdio (test/helpers/lsp-client.ts): its
// diagnostics are the CLI's JSON findings for every example and every rule's documented example;
// its code actions give the text --fix gives; diagnostics move with edits and follow .vmspec.yaml
// and the baseline; hover and completion answer from the rule pages and the schema.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeAction, Diagnostic, TextEdit } from "vscode-languageserver-protocol";
import { ExecuteCommandRequest } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LspClient } from "./helpers/lsp-client.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { RULES } from "../rules/index.js";
import { EXAMPLE_FILE } from "../tools/docs/lint-output.js";

const LANGUAGE: Record<string, string> = {
  yaml: "vmspec",
  sh: "vmspec-argv",
  cfg: "vmspec-readconfig",
  qmp: "vmspec-qmp",
  hmp: "vmspec-hmp",
};

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A diagnostic as the CLI's JSON would say it. */
function asFinding(d: Diagnostic): JsonFinding {
  const severity = ({ 1: "error", 2: "warning", 3: "info", 4: "hint" } as Record<number, string>)[d.severity!];
  return {
    ruleId: String(d.code),
    severity,
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

function cliFindings(args: string[], cwd: string): Map<string, JsonFinding[]> {
  const r = vmspec(["lint", "--format", "json", ...args], { cwd });
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout) as { files: { file: string; findings: JsonFinding[] }[] };
  return new Map(
    out.files.map((f) => [
      f.file,
      f.findings.map(({ ruleId, severity, message, line, column, endLine, endColumn }) => ({
        ruleId,
        severity,
        message,
        line,
        column,
        endLine,
        endColumn,
      })),
    ]),
  );
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x", "vmspec", 1, text), edits);
}

function editsOf(a: CodeAction, uri: string): TextEdit[] {
  return a.edit?.changes?.[uri] ?? [];
}

let dir: string;
let client: LspClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vmspec-lsp-"));
  writeFileSync(join(dir, ".vmspec.yaml"), "{}\n");
  client = new LspClient([], dir);
  const init = await client.initialize(dir);
  expect(init.capabilities.codeActionProvider).toBeTruthy();
});

afterAll(async () => {
  expect(await client.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe("diagnostics are the CLI's findings", () => {
  it("for every example", async () => {
    const names = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"));
    const cli = cliFindings(
      names.map((n) => `examples/${n}`),
      ROOT,
    );
    for (const n of names) {
      const path = join(ROOT, "examples", n);
      const got = await client.open(path, readFileSync(path, "utf8"));
      expect(got.map(asFinding), n).toEqual(cli.get(`examples/${n}`));
      for (const d of got) expect(d.codeDescription?.href).toMatch(/\/docs\/rules(\.md#|\/)/);
      await client.close(path);
    }
  });

  // Each example in a folder of its own, saved under its usual name, as the rule pages lint them.
  const cases = RULES.flatMap((r) => r.meta.docs.examples.map((e, i) => ({ id: r.meta.id, i, e })));
  it(`for every rule's documented examples (${cases.length})`, async () => {
    const args: string[] = [];
    const files: { path: string; rel: string; lang: string; text: string }[] = [];
    for (const { id, i, e } of cases) {
      const sub = join(dir, "rules", `${id}-${i}`);
      mkdirSync(sub, { recursive: true });
      const { file, args: flags } = EXAMPLE_FILE[e.lang];
      writeFileSync(join(sub, file), e.text);
      const rel = `rules/${id}-${i}/${file}`;
      args.push(...flags, rel);
      files.push({ path: join(sub, file), rel, lang: e.lang, text: e.text });
    }
    // The server lints one file at a time: the findings across files (shared-host-path) are the CLI's alone.
    const cli = cliFindings([...args, "--rule", "shared-host-path=off"], dir);
    let withFindings = 0;
    for (const f of files) {
      const got = await client.open(f.path, f.text, LANGUAGE[f.lang]);
      expect(got.map(asFinding), f.rel).toEqual(cli.get(f.rel) ?? []);
      if (got.length) withFindings++;
      await client.close(f.path);
    }
    expect(withFindings).toBeGreaterThan(RULES.length / 2);
  });
});

describe("code actions", () => {
  it("fix all gives the text --fix gives, and a single fix the same when it is the only one", async () => {
    const fixable = RULES.flatMap((r) =>
      r.meta.fixable ? r.meta.docs.examples.filter((e) => e.kind === "incorrect").map((e, i) => ({ id: r.meta.id, i, e })) : [],
    );
    expect(fixable.length).toBeGreaterThan(0);
    let compared = 0;
    for (const { id, i, e } of fixable) {
      const sub = join(dir, "fix", `${id}-${i}`);
      mkdirSync(sub, { recursive: true });
      const { file, args } = EXAMPLE_FILE[e.lang];
      const path = join(sub, file);
      writeFileSync(path, e.text);
      const uri = pathToFileURL(path).href;
      const diags = await client.open(path, e.text, LANGUAGE[e.lang]);
      const r = vmspec(["lint", "--fix", ...args, file], { cwd: sub });
      expect(r.code, r.stderr).toBeLessThan(2);
      const fixed = readFileSync(path, "utf8");
      const whole = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };
      const all = (await client.codeActions(path, whole, diags, ["source.fixAll.vmspec"])) as CodeAction[];
      if (fixed === e.text) {
        expect(all, `${id}: no fix, no fix-all action`).toEqual([]);
      } else {
        expect(all.length, id).toBe(1);
        expect(applyEdits(e.text, editsOf(all[0], uri)), id).toBe(fixed);
        const quick = [];
        for (const d of diags) {
          const acts = (await client.codeActions(path, d.range, [d], ["quickfix"])) as CodeAction[];
          quick.push(...acts.filter((a) => a.isPreferred));
        }
        if (quick.length === 1) expect(applyEdits(e.text, editsOf(quick[0], uri)), id).toBe(fixed);
        compared++;
      }
      await client.close(path);
    }
    expect(compared).toBeGreaterThan(0);
  });

  it("disable for this node inserts a suppression that silences the finding, and explain opens the rule page", async () => {
    const path = join(dir, "disable", "vm.yaml");
    mkdirSync(join(dir, "disable"), { recursive: true });
    const text = "name: vm\nmemory: {size: 1GiB}\ndisks:\n  - {name: root, file: root.qed, format: qed}\n";
    writeFileSync(path, text);
    const uri = pathToFileURL(path).href;
    const diags = await client.open(path, text);
    const qed = diags.find((d) => d.code === "qed-deprecated");
    expect(qed, JSON.stringify(diags)).toBeDefined();
    const acts = (await client.codeActions(path, qed!.range, [qed!])) as CodeAction[];
    const disable = acts.find((a) => a.title.startsWith("Disable qed-deprecated"))!;
    const after = applyEdits(text, editsOf(disable, uri));
    expect(after).toContain("  # vmspec-disable-next-line qed-deprecated -- \n  - {name: root");
    const again = await client.change(path, after);
    expect(again.map((d) => d.code)).not.toContain("qed-deprecated");
    const explain = acts.find((a) => a.title === "Explain qed-deprecated")!;
    const shown = new Promise<{ uri: string }>((resolve) =>
      client.conn.onRequest("window/showDocument", (p: { uri: string }) => (resolve(p), { success: true })),
    );
    await client.conn.sendRequest(ExecuteCommandRequest.type, explain.command!);
    expect((await shown).uri).toBe(pathToFileURL(join(ROOT, "docs/rules/qed-deprecated.md")).href);
    await client.close(path);
  });
});

describe("edits, configuration and baseline", () => {
  it("diagnostics move with an edit and follow a changed .vmspec.yaml", async () => {
    const sub = join(dir, "edit");
    mkdirSync(sub, { recursive: true });
    cpSync(join(ROOT, "examples/minimal-uefi.yaml"), join(sub, "vm.yaml"));
    const path = join(sub, "vm.yaml");
    const text = readFileSync(path, "utf8").replace(/format: qcow2/, "format: qed");
    const before = await client.open(path, text);
    const qed = before.find((d) => d.code === "qed-deprecated")!;
    expect(qed).toBeDefined();
    const moved = await client.change(path, "# a comment\n# another\n" + text);
    const qed2 = moved.find((d) => d.code === "qed-deprecated")!;
    expect(qed2.range.start.line).toBe(qed.range.start.line + 2);
    writeFileSync(join(sub, ".vmspec.yaml"), "rules:\n  qed-deprecated: off\n");
    const next = client.next(pathToFileURL(path).href);
    await client.watchedFilesChanged([join(sub, ".vmspec.yaml")]);
    expect((await next).diagnostics.map((d) => d.code)).not.toContain("qed-deprecated");
    await client.close(path);
  });

  it("a broken .vmspec.yaml is said once, as the CLI says it", async () => {
    const sub = join(dir, "broken");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, ".vmspec.yaml"), "rules: [\n");
    const path = join(sub, "vm.yaml");
    writeFileSync(path, "name: vm\n");
    const cli = vmspec(["lint", "vm.yaml"], { cwd: sub });
    expect(cli.code).toBe(2);
    const got = await client.open(path, "name: vm\n");
    expect(got.length).toBe(1);
    expect(cli.stderr).toContain(got[0].message.split("\n")[0]);
    await client.close(path);
  });

  it("the workspace's baseline hides what it records, as in the CLI", async () => {
    const ws = mkdtempSync(join(tmpdir(), "vmspec-lsp-ws-"));
    try {
      writeFileSync(join(ws, ".vmspec.yaml"), "{}\n");
      const text = "name: vm\nmemory: {size: 1GiB}\ndisks:\n  - {name: root, file: root.qed, format: qed}\n";
      writeFileSync(join(ws, "vm.yaml"), text);
      expect(vmspec(["lint", "--suppress-all", "vm.yaml"], { cwd: ws }).code).toBeLessThan(2);
      const other = new LspClient([], ws);
      await other.initialize(ws);
      expect(await other.open(join(ws, "vm.yaml"), text)).toEqual([]);
      const grown = text + "  - {name: data, file: data.qed, format: qed}\n";
      const cli = cliFindings(["vm.yaml"], ws);
      writeFileSync(join(ws, "vm.yaml"), grown);
      const cli2 = cliFindings(["vm.yaml"], ws);
      expect(cli.get("vm.yaml")).toEqual([]);
      expect((await other.change(join(ws, "vm.yaml"), grown)).map(asFinding)).toEqual(cli2.get("vm.yaml"));
      expect(await other.stop()).toBe(0);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe("the launch command", () => {
  it("vmspec/build gives what `vmspec build` prints, for every example and format", async () => {
    for (const n of readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"))) {
      const path = join(ROOT, "examples", n);
      await client.open(path, readFileSync(path, "utf8"));
      for (const format of ["shell", "json"]) {
        const cli = vmspec(["build", `examples/${n}`, "--format", format]);
        const got = await client.conn.sendRequest<{ output?: string }>("vmspec/build", { uri: pathToFileURL(path).href, format });
        expect(got.output, `${n} ${format}`).toBe(cli.code === 0 ? cli.stdout : undefined);
      }
      await client.close(path);
    }
  });
});

describe("hover and completion", () => {
  it("hover on a finding shows its rule page; on a field, the schema's description; completion offers the schema's keys", async () => {
    const path = join(dir, "hover.yaml");
    const text = "name: vm\nmemory: {size: 1GiB}\ndisks:\n  - {name: root, file: root.qed, format: qed}\n";
    writeFileSync(path, text);
    const diags = await client.open(path, text);
    const qed = diags.find((d) => d.code === "qed-deprecated")!;
    const onFinding = await client.hover(path, qed.range.start.line, qed.range.start.character);
    const page = readFileSync(join(ROOT, "docs/rules/qed-deprecated.md"), "utf8");
    expect(JSON.stringify(onFinding?.contents)).toContain(JSON.stringify(page.split("\n")[0]).slice(1, -1));
    const onField = await client.hover(path, 1, 2);
    expect(JSON.stringify(onField?.contents)).toMatch(/memory/i);
    await client.change(path, text + "\n");
    const items = await client.completion(path, 4, 0);
    const labels = (Array.isArray(items) ? items : (items?.items ?? [])).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["networks", "firmware"]));
    await client.close(path);
  });
});
