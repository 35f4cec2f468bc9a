// A minimal LSP client for the real yaml-language-server over stdio: Content-Length framing,
// requests with ids, answers to the server's own requests, and diagnostics as they arrive.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./cli.js";

export const SCHEMA_URI = pathToFileURL(join(ROOT, "spec/vmspec.schema.json")).href;
const SERVER = join(ROOT, "node_modules/yaml-language-server/bin/yaml-language-server");

/** The glob association of docs/schemastore-catalog-entry.json, as an editor setting. */
const CATALOG = JSON.parse(readFileSync(join(ROOT, "docs/schemastore-catalog-entry.json"), "utf8"));
const SETTINGS = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [SCHEMA_URI]: CATALOG.fileMatch },
    disableDefaultProperties: false,
  },
};

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  tags?: number[];
}

export class YamlLanguageServer {
  private child: ChildProcess;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private diagnostics = new Map<string, Diagnostic[][]>();
  private waiters: (() => void)[] = [];
  private version = 0;

  constructor() {
    this.child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d: Buffer) => this.read(d));
    this.child.stderr!.resume();
  }

  private send(msg: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...msg }));
    this.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  private read(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const head = this.buf.indexOf("\r\n\r\n");
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, head).toString())?.[1]);
      if (this.buf.length < head + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(head + 4, head + 4 + len).toString());
      this.buf = this.buf.subarray(head + 4 + len);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: any): void {
    if (msg.id !== undefined && msg.method) {
      // A request from the server: configuration gets our settings, the rest a null result.
      const result =
        msg.method === "workspace/configuration"
          ? msg.params.items.map((i: any) => (i.section === "yaml" ? SETTINGS.yaml : i.section ? null : SETTINGS))
          : null;
      this.send({ id: msg.id, result });
    } else if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
    } else if (msg.method === "textDocument/publishDiagnostics") {
      const list = this.diagnostics.get(msg.params.uri) ?? [];
      list.push(msg.params.diagnostics);
      this.diagnostics.set(msg.params.uri, list);
      this.waiters.splice(0).forEach((w) => w());
    }
  }

  request<T = any>(method: string, params: object): Promise<T> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      setTimeout(() => reject(new Error(`${method}: no answer`)), 20000);
    });
  }

  notify(method: string, params: object): void {
    this.send({ method, params });
  }

  async start(): Promise<void> {
    await this.request("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          publishDiagnostics: { tagSupport: { valueSet: [1, 2] } },
        },
        workspace: { configuration: true },
      },
    });
    this.notify("initialized", {});
    this.notify("workspace/didChangeConfiguration", { settings: SETTINGS });
  }

  open(uri: string, text: string): void {
    this.notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: ++this.version, text } });
  }

  /** Waits for diagnostics of `uri` that satisfy `ok` (the server may publish more than once). */
  async diagnosticsFor(uri: string, ok: (d: Diagnostic[]) => boolean, timeoutMs = 15000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (this.diagnostics.get(uri) ?? []).find(ok);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify(this.diagnostics.get(uri))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  completion(uri: string, line: number, character: number): Promise<any> {
    return this.request("textDocument/completion", { textDocument: { uri }, position: { line, character } });
  }

  hover(uri: string, line: number, character: number): Promise<any> {
    return this.request("textDocument/hover", { textDocument: { uri }, position: { line, character } });
  }

  async stop(): Promise<void> {
    await this.request("shutdown", {}).catch(() => {});
    this.notify("exit", {});
    setTimeout(() => this.child.kill("SIGKILL"), 2000).unref();
  }
}
