// `vmspec lsp --stdio`: the rulebook in the editor. Diagnostics are exactly what `vmspec lint`
// reports for the file (lint-document.ts), on open and, debounced, on change; open files are
// linted again when a .vmspec.yaml or the baseline file changes. Code actions: the rule's fix
// (the same edit as --fix; "fix all" is the whole of --fix), its suggestions, "disable for this
// node" (a suppression comment with a reason to write) and "explain" (the rule's page). Hover on a
// finding shows its page; hover and completion on fields come from the JSON Schema
// (schema-service.ts). docs/editors.md says how each editor starts it.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type MarkupContent,
  type Range,
  type TextEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { LocatedFinding, TextEdit as OffsetEdit } from "../core/finding.js";
import { packageFile, packageVersion } from "../core/package-root.js";
import { parseTarget } from "../qemu/targets.js";
import { CONFIG_FILE, configOptions, effectiveConfig, findConfig, forgetConfigs, readConfig } from "../lint/config.js";
import { baseDirOf } from "../core/files.js";
import { BASELINE_FILE } from "../lint/baseline.js";
import { buildSpec, BUILD_FORMATS, type BuildFormat } from "../lint/build.js";
import { locate } from "../core/positions.js";
import { RULE_IDS } from "../rules/index.js";
import { docsUrl } from "../rules/rule.js";
import { LANGUAGE_KINDS, lintDocument, type DocumentResult, type DocumentSettings } from "./lint-document.js";
import { SchemaService } from "./schema-service.js";

/** The code action kind of "fix all": the whole of `vmspec lint --fix` for the file. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.vmspec`;
export const COMMANDS = { explain: "vmspec.explain", build: "vmspec.build" } as const;
/** A custom request: the build output of an open spec ({uri, format}) → {output?, findings}. */
export const BUILD_REQUEST = "vmspec/build";

interface ServerOptions {
  /** Milliseconds between the last change and the re-lint (initializationOptions.debounceMs). */
  debounceMs: number;
  settings: DocumentSettings;
}

const SEVERITY: Record<LocatedFinding["severity"], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

function pathOf(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

/** The page a finding's id links to: its rule page, or the catalog of built-in ids. */
function pageUrl(id: string): string {
  return RULE_IDS.has(id) ? docsUrl(id) : docsUrl(id).replace(/\/rules\/[^/]+\.md$/, `/rules.md#${id}`);
}

function localPage(id: string): string | undefined {
  try {
    return readFileSync(packageFile(`docs/rules/${id}.md`), "utf8");
  } catch {
    return undefined;
  }
}

function toRange(f: LocatedFinding): Range {
  return { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } };
}

function toDiagnostic(f: LocatedFinding): Diagnostic {
  return {
    range: toRange(f),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: pageUrl(f.ruleId) },
    source: "vmspec",
    message: f.message,
  };
}

function within(r: Range, pos: { line: number; character: number }): boolean {
  const after = pos.line > r.start.line || (pos.line === r.start.line && pos.character >= r.start.character);
  const before = pos.line < r.end.line || (pos.line === r.end.line && pos.character <= r.end.character);
  return after && before;
}

function overlaps(a: Range, b: Range): boolean {
  return within(a, b.start) || within(a, b.end) || within(b, a.start);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const results = new Map<string, DocumentResult & { version: number }>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const opts: ServerOptions = { debounceMs: 150, settings: {} };
  let schema: SchemaService | undefined;
  let canWatch = false;

  function lintNow(doc: TextDocument): void {
    timers.delete(doc.uri);
    const r = lintDocument(pathOf(doc.uri), doc.languageId, doc.getText(), opts.settings);
    if (!r) return;
    results.set(doc.uri, { ...r, version: doc.version });
    const diagnostics = r.error
      ? [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: DiagnosticSeverity.Error,
            source: "vmspec",
            message: r.error,
          },
        ]
      : r.findings.map(toDiagnostic);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  function schedule(doc: TextDocument, delay = opts.debounceMs): void {
    clearTimeout(timers.get(doc.uri));
    if (delay <= 0) return lintNow(doc);
    timers.set(
      doc.uri,
      setTimeout(() => lintNow(doc), delay),
    );
  }

  function relintAll(): void {
    forgetConfigs();
    for (const doc of documents.all()) schedule(doc, 0);
  }

  connection.onInitialize((params: InitializeParams) => {
    const init = (params.initializationOptions ?? {}) as { debounceMs?: number; profile?: string; qemu?: string; config?: string };
    if (typeof init.debounceMs === "number") opts.debounceMs = init.debounceMs;
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    opts.settings = {
      profile: init.profile,
      qemu: init.qemu ? parseTarget(init.qemu) : undefined,
      config: init.config,
      root: root ? pathOf(root) : process.cwd(),
    };
    canWatch = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    return {
      serverInfo: { name: "vmspec", version: packageVersion() },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [":", " ", "-"] },
        executeCommandProvider: { commands: [COMMANDS.explain] },
      },
    };
  });

  connection.onInitialized(() => {
    if (canWatch)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: `**/${BASELINE_FILE}` }],
      });
  });

  connection.onDidChangeWatchedFiles(() => relintAll());
  connection.onDidChangeConfiguration((p) => {
    const s = (p.settings as { vmspec?: { profile?: string; qemu?: string } } | undefined)?.vmspec;
    if (s) {
      opts.settings = { ...opts.settings, profile: s.profile || undefined, qemu: s.qemu ? parseTarget(s.qemu) : undefined };
      relintAll();
    }
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    // onDidOpen lints at once; later changes wait for the typing to pause.
    if (results.has(e.document.uri) || timers.has(e.document.uri)) schedule(e.document);
  });
  documents.onDidSave((e) => {
    // A configuration or baseline edited in the editor: for clients that do not watch files.
    const name = basename(pathOf(e.document.uri));
    if (name === CONFIG_FILE || name === BASELINE_FILE) relintAll();
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    results.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((p) => {
    const doc = documents.get(p.textDocument.uri);
    const r = results.get(p.textDocument.uri);
    if (!doc || !r || r.version !== doc.version) return [];
    const source = TextDocument.create(doc.uri, doc.languageId, doc.version, r.text);
    const edit = (e: OffsetEdit): TextEdit => ({
      range: { start: source.positionAt(e.range[0]), end: source.positionAt(e.range[1]) },
      newText: e.text,
    });
    const changes = (edits: OffsetEdit[]) => ({ changes: { [doc.uri]: edits.map(edit) } });
    const only = p.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    const here = r.findings.filter((f) => overlaps(toRange(f), p.range));
    for (const f of here) {
      const diagnostic = toDiagnostic(f);
      if (wants(CodeActionKind.QuickFix)) {
        if (f.fix)
          actions.push({
            title: `Fix: ${f.message}`,
            kind: CodeActionKind.QuickFix,
            isPreferred: true,
            diagnostics: [diagnostic],
            edit: changes([f.fix]),
          });
        for (const s of f.suggestions ?? [])
          actions.push({ title: s.message, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: changes([s.fix]) });
        if (r.kind === "spec" || r.kind === "argv") {
          const line = doc.getText({ start: { line: f.line - 1, character: 0 }, end: { line: f.line, character: 0 } });
          const indent = /^[ \t]*/.exec(line)![0];
          actions.push({
            title: `Disable ${f.ruleId} for this node (write the reason after "--")`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: {
              changes: {
                [doc.uri]: [
                  {
                    range: { start: { line: f.line - 1, character: 0 }, end: { line: f.line - 1, character: 0 } },
                    newText: `${indent}# vmspec-disable-next-line ${f.ruleId} -- \n`,
                  },
                ],
              },
            },
          });
        }
        if (RULE_IDS.has(f.ruleId))
          actions.push({
            title: `Explain ${f.ruleId}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: `Explain ${f.ruleId}`, command: COMMANDS.explain, arguments: [f.ruleId] },
          });
      }
    }
    const all = r.findings.flatMap((f) => (f.fix ? [f.fix] : []));
    if (all.length > 0 && wants(FIX_ALL_KIND))
      actions.push({ title: "Fix all vmspec findings with a safe fix", kind: FIX_ALL_KIND, edit: changes(all) });
    return actions;
  });

  connection.onExecuteCommand(async (p) => {
    if (p.command !== COMMANDS.explain) return;
    const id = String(p.arguments?.[0] ?? "");
    if (!RULE_IDS.has(id)) return;
    await connection.window.showDocument({ uri: pathToFileURL(packageFile(`docs/rules/${id}.md`)).href });
  });

  connection.onHover(async (p): Promise<Hover | null> => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    const r = results.get(doc.uri);
    const pages = [...new Set((r?.findings ?? []).filter((f) => within(toRange(f), p.position)).map((f) => f.ruleId))].map(
      (id) => localPage(id) ?? `**${id}**: see ${pageUrl(id)}`,
    );
    const fromSchema = LANGUAGE_KINDS[doc.languageId] === "spec" ? await (schema ??= new SchemaService()).hover(doc, p.position) : null;
    const schemaText = fromSchema
      ? typeof fromSchema.contents === "object" && "value" in fromSchema.contents
        ? fromSchema.contents.value
        : ""
      : "";
    const parts = [...pages, ...(schemaText ? [schemaText] : [])];
    if (parts.length === 0) return null;
    const contents: MarkupContent = { kind: "markdown", value: parts.join("\n\n---\n\n") };
    return { contents };
  });

  connection.onCompletion(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc || LANGUAGE_KINDS[doc.languageId] !== "spec") return null;
    return (schema ??= new SchemaService()).complete(doc, p.position);
  });

  connection.onRequest(BUILD_REQUEST, (p: { uri: string; format?: string }) => {
    const doc = documents.get(p.uri);
    if (!doc) return { error: `not open: ${p.uri}` };
    const format = (p.format ?? "shell") as BuildFormat;
    if (!BUILD_FORMATS.includes(format)) return { error: `unknown format ${JSON.stringify(p.format)}` };
    // As `vmspec build` does: the file's configuration (profile, rules, suppressions), then the server's settings.
    const path = pathOf(doc.uri);
    const eff = effectiveConfig(path, opts.settings.config ? readConfig(opts.settings.config) : findConfig(path));
    const r = buildSpec(new TextEncoder().encode(doc.getText()), {
      ...configOptions(path, eff),
      baseDir: baseDirOf(path),
      profile: opts.settings.profile,
      qemu: opts.settings.qemu,
      format,
    });
    return {
      output: r.output,
      findings: locate(
        r.text,
        r.findings.filter((f) => f.severity !== "info"),
      ),
    };
  });

  documents.listen(connection);
  connection.listen();
}
