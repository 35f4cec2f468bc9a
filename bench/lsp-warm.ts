// The editor's budget (issue 17/18): how long the running language server takes to re-lint an
// open spec after a keystroke-sized change — from the didChange notification sent to the
// publishDiagnostics received, debounce off — measured through a real client over stdio.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LspClient } from "./lsp-client.js";

export interface WarmFigures {
  changes: number;
  medianMs: number;
  p95Ms: number;
}

export async function lspWarmRelint(root: string, example: string, changes = 300): Promise<WarmFigures> {
  const client = new LspClient([], root);
  try {
    await client.initialize(root, { debounceMs: 0 });
    const path = join(root, example);
    let text = readFileSync(path, "utf8");
    await client.open(path, text);
    const times: number[] = [];
    // One character typed at a time into a comment at the end, then taken back: the file stays
    // a valid spec, as in an editor between keystrokes of a word.
    for (let i = 0; i < changes; i++) {
      text = i % 20 < 10 ? `${text}${i % 2 ? "x" : "#"}` : text.slice(0, -1);
      const t = process.hrtime.bigint();
      await client.change(path, text);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    // The first changes warm the server's code up: report the steady state, as an editor sees it after a minute.
    const steady = times.slice(Math.floor(changes / 3)).sort((a, b) => a - b);
    return {
      changes: steady.length,
      medianMs: steady[Math.floor(steady.length / 2)],
      p95Ms: steady[Math.min(steady.length - 1, Math.floor(steady.length * 0.95))],
    };
  } finally {
    await client.stop();
  }
}

if (process.argv[1]?.endsWith("lsp-warm.ts")) {
  const root = join(import.meta.dirname, "..");
  const f = await lspWarmRelint(root, process.argv[2] ?? "examples/minimal-uefi.yaml");
  console.log(JSON.stringify(f));
}
