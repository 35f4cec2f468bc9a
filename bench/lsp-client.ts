// A real LSP client over stdio, for the tests and the bench: starts `vmspec lsp --stdio` (the installed command) and
// speaks JSON-RPC to it with vscode-languageserver-protocol, as an editor does. No mocks.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  CodeActionRequest,
  HoverRequest,
  CompletionRequest,
  ShutdownRequest,
  ExitNotification,
  DidChangeWatchedFilesNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Diagnostic,
  type InitializeResult,
} from "vscode-languageserver-protocol/node.js";
const ROOT = fileURLToPath(new URL("../", import.meta.url));

export class LspClient {
  readonly conn: ProtocolConnection;
  private readonly proc: ChildProcess;
  private readonly versions = new Map<string, number>();
  /** Every diagnostics notification received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  stderr = "";

  constructor(args: string[] = [], cwd = ROOT) {
    this.proc = spawn(process.execPath, [`${ROOT}/cli/vmspec.cjs`, "lsp", "--stdio", ...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      const ready = this.waiters.filter((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
    this.conn.onRequest("window/showDocument", () => ({ success: true }));
    this.conn.onRequest("client/registerCapability", () => null);
    this.conn.listen();
  }

  async initialize(rootPath = ROOT, initializationOptions: Record<string, unknown> = { debounceMs: 0 }): Promise<InitializeResult> {
    const r = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: "root" }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, window: { showDocument: { support: true } } },
      initializationOptions,
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return r;
  }

  /** The next diagnostics for uri (at the given document version, if any). */
  next(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} (stderr: ${this.stderr})`)), 60000);
      this.waiters.push({ uri, version, resolve: (p) => (clearTimeout(t), resolve(p)) });
    });
  }

  async open(path: string, text: string, languageId = "vmspec"): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    const got = this.next(uri, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return (await got).diagnostics;
  }

  async change(path: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).href;
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const got = this.next(uri, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return (await got).diagnostics;
  }

  async close(path: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(path).href } });
  }

  codeActions(path: string, range: Diagnostic["range"], diagnostics: Diagnostic[] = [], only?: string[]) {
    return this.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: pathToFileURL(path).href },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  hover(path: string, line: number, character: number) {
    return this.conn.sendRequest(HoverRequest.type, { textDocument: { uri: pathToFileURL(path).href }, position: { line, character } });
  }

  completion(path: string, line: number, character: number) {
    return this.conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri: pathToFileURL(path).href },
      position: { line, character },
    });
  }

  watchedFilesChanged(paths: string[]) {
    return this.conn.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: paths.map((p) => ({ uri: pathToFileURL(p).href, type: 2 })),
    });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.once("exit", (code) => resolve(code)));
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      this.proc.kill();
    }
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}
