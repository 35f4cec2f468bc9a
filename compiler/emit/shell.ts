// Options → a POSIX sh command: one option per line with "\" continuations, every word quoted
// only when it needs to be, preceded by the commands that create missing folders and images, each
// of which must succeed for the next one, and QEMU, to run.
import type { Compiled } from "../../qemu/options.js";
import { optionWords } from "./argv.js";
import { ANNOUNCED } from "../../qemu/read/shell-words.js";

/** Quotes a word for POSIX sh: bare when it holds only characters sh never treats specially. */
export function shellQuote(word: string): string {
  if (word !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The steps are chained with `&&`, so the first one that fails stops the rest and QEMU never
 * starts half-prepared; `&&` rather than `set -e`, so that pasting the output into an interactive
 * shell does not end that shell when a step fails.
 */
export function emitShell(c: Compiled): string {
  const lines: string[] = [];
  for (const p of c.prepare) {
    const command = p.argv.map(shellQuote).join(" ");
    // A program that must be running (swtpm) is not started here: the script says what to run, and stops.
    const step = p.mustRun ? `{ echo ${shellQuote(`${ANNOUNCED}${command}`)} >&2; false; }` : command;
    lines.push(`{ test -e ${shellQuote(p.creates)} || ${step}; } &&`);
  }
  const body = c.options.map((o) => "  " + optionWords(o).map(shellQuote).join(" "));
  lines.push([shellQuote(c.binary), ...body].join(" \\\n"));
  return lines.join("\n") + "\n";
}
