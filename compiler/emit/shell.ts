// Options → a POSIX sh command: one option per line with "\" continuations, every word quoted
// only when it needs to be, preceded by the commands that create missing images.
import type { Compiled } from "../options.js";
import { optionWords } from "./argv.js";

/** Quotes a word for POSIX sh: bare when it holds only characters sh never treats specially. */
export function shellQuote(word: string): string {
  if (word !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function emitShell(c: Compiled): string {
  const lines: string[] = [];
  for (const p of c.prepare) lines.push(`test -e ${shellQuote(p.creates)} || ${p.argv.map(shellQuote).join(" ")}`);
  const body = c.options.map((o) => "  " + optionWords(o).map(shellQuote).join(" "));
  lines.push([shellQuote(c.binary), ...body].join(" \\\n"));
  return lines.join("\n") + "\n";
}
