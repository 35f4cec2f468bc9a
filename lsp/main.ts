// The language server's process entry: JSON-RPC over standard input and output (`vmspec lsp --stdio`).
// cli/bundle.mjs bundles this file into dist/vmspec-lsp.cjs, loaded only by `vmspec lsp`.
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node.js";
import { startServer } from "./server.js";

export function runStdio(): void {
  const connection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout),
  );
  // Standard output is the protocol's: whatever else would print goes to the client's log instead.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(" "));
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(" "));
  startServer(connection);
}
