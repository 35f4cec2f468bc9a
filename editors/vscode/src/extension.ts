// The VS Code extension: starts `vmspec lsp --stdio` for vmspec specs, command-line scripts,
// -readconfig files and monitor scripts, and adds "vmspec: show launch command". Everything else
// (findings, fixes, hover, completion) is the language server's. Bundled by build.mjs.
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node.js";

let client: LanguageClient | undefined;

/** The vmspec command: the setting, else the workspace's install, else PATH. */
function vmspecCommand(): string {
  const configured = vscode.workspace.getConfiguration("vmspec").get<string>("path");
  if (configured) return configured;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, "node_modules", ".bin", process.platform === "win32" ? "vmspec.cmd" : "vmspec");
    if (existsSync(local)) return local;
  }
  return "vmspec";
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("vmspec");
  const command = vmspecCommand();
  const serverOptions: ServerOptions = { command, args: ["lsp", "--stdio"] };
  const documentSelector: LanguageClientOptions["documentSelector"] = [
    { scheme: "file", language: "vmspec" },
    { scheme: "file", language: "yaml", pattern: "**/*.vmspec.{yaml,yml}" },
    { scheme: "file", language: "vmspec-readconfig" },
    { scheme: "file", language: "vmspec-qmp" },
    { scheme: "file", language: "vmspec-hmp" },
    ...(config.get<boolean>("lintShellScripts") ? [{ scheme: "file", language: "shellscript" }] : []),
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: { profile: config.get<string>("profile") || undefined },
    synchronize: { configurationSection: "vmspec" },
  };
  client = new LanguageClient("vmspec", "vmspec", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand("vmspec.showLaunchCommand", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const r = await client.sendRequest<{
        output?: string;
        findings?: { line: number; message: string; ruleId: string }[];
        error?: string;
      }>("vmspec/build", { uri: editor.document.uri.toString(), format: "shell" });
      if (r.output === undefined) {
        const first = r.findings?.find(Boolean);
        void vscode.window.showErrorMessage(
          r.error ??
            (first ? `vmspec: no launch command: line ${first.line}: ${first.message} (${first.ruleId})` : "vmspec: no launch command"),
        );
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: "shellscript", content: r.output });
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Beside);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
