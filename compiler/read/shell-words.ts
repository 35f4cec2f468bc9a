// Reads a shell command line as people and tools write it — environment assignments before the
// binary, "\"-newline continuations (also ones that split a value, as libvirt's files do),
// quotes, comments, several commands joined by ";", "&&", "||" or newlines — keeping the source
// offset of every character so findings point at the file's own line and column.
import type { Word } from "../parse-options.js";

export interface ShellWord {
  text: string;
  offsets: number[];
  range: [number, number];
}

export interface ShellProblem {
  message: string;
  range: [number, number];
}

/** Splits text into commands of words. Backslash-newline is removed everywhere, before anything else. */
export function shellCommands(source: string): { commands: ShellWord[][]; problems: ShellProblem[] } {
  // Drop every backslash-newline (and backslash-CRLF), remembering where each kept character was.
  let text = "";
  const map: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === "\\" && source[i + 1] === "\n") {
      i += 1;
      continue;
    }
    if (source[i] === "\\" && source[i + 1] === "\r" && source[i + 2] === "\n") {
      i += 2;
      continue;
    }
    text += source[i];
    map.push(i);
  }
  map.push(source.length);

  const commands: ShellWord[][] = [];
  const problems: ShellProblem[] = [];
  let words: ShellWord[] = [];
  // The word being read; `anchor` is where it starts in the source (an empty '' word has no characters).
  let cur: { text: string; offsets: number[]; anchor: number } | null = null;
  const open = (at: number) => (cur ??= { text: "", offsets: [], anchor: map[at] });
  const add = (ch: string, at: number) => {
    open(at);
    cur!.text += ch;
    cur!.offsets.push(map[at]);
  };
  const endWord = () => {
    if (!cur) return;
    // An empty word ('' or "") spans its two quotes, within the text.
    const b = cur.offsets.length ? cur.offsets[cur.offsets.length - 1] + 1 : Math.min(cur.anchor + 2, source.length);
    words.push({ text: cur.text, offsets: cur.offsets, range: [cur.anchor, Math.min(b, source.length)] });
    cur = null;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || c === ";") endCommand();
    else if (c === " " || c === "\t" || c === "\r") endWord();
    else if ((c === "&" && text[i + 1] === "&") || (c === "|" && text[i + 1] === "|")) {
      endCommand();
      i++;
    } else if (c === "|" || c === "&") endCommand();
    else if (c === "#" && !cur) {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) {
        problems.push({ message: "unterminated single quote", range: [map[i], map[i] + 1] });
        break;
      }
      open(i);
      for (let k = i + 1; k < close; k++) add(text[k], k);
      i = close;
    } else if (c === '"') {
      const start = i;
      open(i);
      let k = i + 1;
      for (; k < text.length && text[k] !== '"'; k++) {
        if (text[k] === "\\" && k + 1 < text.length && '"\\$`\n'.includes(text[k + 1])) k++;
        add(text[k], k);
      }
      if (k >= text.length) {
        problems.push({ message: "unterminated double quote", range: [map[start], map[start] + 1] });
        break;
      }
      i = k;
    } else if (c === "\\") {
      if (i + 1 < text.length) {
        open(i);
        add(text[i + 1], i + 1);
        i++;
      }
    } else add(c, i);
  }
  endCommand();
  return { commands, problems };
}

const BINARY = /(^|\/)(qemu-system-[a-z0-9_]+|qemu-kvm)$/;

/**
 * The QEMU command of a script: the first command whose program is qemu-system-* (after
 * environment assignments, `exec` or `env`), as words for the option parser. A file holding only
 * options (no binary) is read as the arguments themselves.
 */
export function qemuWords(source: string): { binary?: string; env: string[]; words: Word[]; problems: ShellProblem[] } {
  const { commands, problems } = shellCommands(source);
  const toWord = (w: ShellWord, i: number): Word => ({ text: w.text, path: ["argv", i], range: w.range, offsets: w.offsets });
  for (const cmd of commands) {
    let i = 0;
    const env: string[] = [];
    for (; i < cmd.length; i++) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd[i].text)) env.push(cmd[i].text);
      else if (cmd[i].text !== "exec" && cmd[i].text !== "env") break;
    }
    if (i < cmd.length && BINARY.test(cmd[i].text)) {
      return { binary: cmd[i].text, env, words: cmd.slice(i + 1).map(toWord), problems };
    }
  }
  const first = commands.find((c) => c.length > 0);
  if (first && first[0].text.startsWith("-")) return { env: [], words: commands.flat().map(toWord), problems };
  const at: [number, number] = first ? first[0].range : [0, 0];
  return { env: [], words: [], problems: [...problems, { message: "no qemu-system-* command found in the file", range: at }] };
}
