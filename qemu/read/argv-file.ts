// `vmspec build --format argv` writes one argument per line, the binary first. A shell would read
// each of those lines as a command of its own (the QEMU command with no options, then `-name`,
// `-machine`, ... as commands), so such a file is recognised by its shape and read line by line:
// its first line is a QEMU program alone (no blank, no quote: `qemu-system-aarch64`,
// `/usr/bin/qemu-system-aarch64`) and its second line starts with `-`. No shell script has that
// shape and works (no command is named `-m`), whatever the file's name or where it is read from.
//
// A script read as a shell script whose QEMU command is followed by a line starting with `-` (a
// `\` forgotten at the end of a line) is reported by `lineContinuationProblems`: the shell runs
// QEMU without those options, and that can never pass silently.
import type { Word } from "../parse-options.js";
import type { QemuCommand, ShellProblem } from "./shell-words.js";

const QEMU_PROGRAM = /^(?:[^\s'"\\$`]*\/)?qemu-(?:system-[A-Za-z0-9_]+|kvm)$/;

/** The file read as build's argv output, or undefined when it does not have that shape. */
export function argvFileCommand(text: string): QemuCommand | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const nl = text.indexOf("\n", start);
  if (nl < 0) return undefined;
  const first = text.slice(start, nl);
  if (!QEMU_PROGRAM.test(first) || text[nl + 1] !== "-") return undefined;
  const words: Word[] = [];
  // One argument per line; the last newline ends the last argument (an empty line is an empty argument).
  const body = text.endsWith("\n") ? text.slice(nl + 1, -1) : text.slice(nl + 1);
  let at = nl + 1;
  for (const line of body.split("\n")) {
    const offsets = Array.from({ length: line.length }, (_, k) => at + k);
    words.push({ text: line, path: ["argv", words.length], range: [at, at + Math.max(line.length, 1)], offsets });
    at += line.length + 1;
  }
  return { binary: first, env: [], wrappers: [], words, range: [start, nl], problems: [] };
}

/**
 * For each QEMU command, the line after its last word when that line starts with `-`: the shell
 * runs it as a command of its own, so those options never reach QEMU (a `\` missing at the end of
 * the line before). An error at that line.
 */
export function lineContinuationProblems(text: string, command: { range: [number, number]; words: Word[] }): ShellProblem[] {
  let end = command.range[1];
  for (const w of command.words) if (w.range && w.range[1] > end) end = w.range[1];
  let nl = text.indexOf("\n", end);
  // Only the rest of the command's own line may stand between its last word and the newline.
  if (nl < 0 || /[;&|]/.test(text.slice(end, nl).replace(/#.*/, ""))) return [];
  // The next line that is not blank.
  for (;;) {
    const next = text.indexOf("\n", nl + 1);
    const line = text.slice(nl + 1, next < 0 ? text.length : next);
    if (line.trim() !== "") {
      const indent = line.length - line.trimStart().length;
      if (!line.trimStart().startsWith("-")) return [];
      const from = nl + 1 + indent;
      const lineNo = text.slice(0, from).split("\n").length;
      const word = line.trimStart().split(/\s/)[0];
      const none = command.words.length === 0;
      const hint = none
        ? `; a file of one argument per line (vmspec build --format argv) starts with the QEMU program alone on its first line`
        : "";
      return [
        {
          severity: "error",
          message: `line ${lineNo} starts with ${JSON.stringify(word)}: the shell runs it as a command of its own, so its options never reach ${none ? "the QEMU command, which has no options" : "the QEMU command before it"} (is a "\\" missing at the end of line ${lineNo - 1}?${hint})`,
          range: [from, from + word.length],
        },
      ];
    }
    if (next < 0) return [];
    nl = next;
  }
}
