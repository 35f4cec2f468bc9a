// Reads a shell script (or a systemd unit's ExecStart=) the way the shell would, as far as that can
// be known without running it, keeping the source offset of every character so findings point at
// the file's own line and column. A documented subset (docs/import.md, "Reading scripts"):
// quotes, `\` continuations (also ones that split a value, as libvirt's files do), comments,
// commands joined by ";", "&&", "||", "|", "&" or newlines, redirections, simple assignments and
// `export`, `$VAR` / `${VAR}` / `${VAR:-x}` / `${VAR:=x}` / `${VAR:+x}`, bash arrays
// (`a=(...)`, `a+=(...)`, `"${a[@]}"`), `$'...'`, and the wrappers people put before the binary
// (sudo, nice, taskset, env, ...). What cannot be known statically (a command substitution, a
// variable from the environment, arithmetic, an assignment inside an if or a loop, a command
// inside one) is a warning at its position, and the value stays as a `${VAR}` placeholder.
import { lineStarts as lineStartOffsets, position } from "../../core/positions.js";
import type { Word } from "../parse-options.js";

export interface ShellWord {
  text: string;
  offsets: number[];
  range: [number, number];
}

export interface ShellProblem {
  message: string;
  range: [number, number];
  /**
   * Errors: the script cannot be read (or run) as written; warnings: a value that cannot be known;
   * info: a value read as the script's default for a variable it never sets (`${DISK:-x}`).
   */
  severity?: "error" | "warning" | "info";
}

/** The finding id of a `${VAR:-default}` read as its default because the script never sets VAR. */
export const DEFAULT_ID = "argv-default";

/** The finding id of a value or construct whose result cannot be known statically. */
export const UNKNOWN_ID = "argv-unknown";

/** One QEMU command of a script. */
export interface QemuCommand {
  /** It only asks QEMU something (`--version`, `-machine help`, `-cpu ?`): no VM is started. */
  query?: boolean;
  binary: string;
  /** The environment assignments in front of it (also those given to sudo or env). */
  env: string[];
  /** The wrappers in front of the binary, as written (`sudo -u qemu`, `nice -n 10`). */
  wrappers: string[];
  words: Word[];
  /** The binary word's range (where "command n" is). */
  range: [number, number];
  /** Warnings about values in this command that cannot be known. */
  problems: ShellProblem[];
}

// ---------------------------------------------------------------------------------------------
// Scanning: text → commands of raw words (segments still to expand).

interface Note {
  message: string;
  range: [number, number];
  /** A default assumed (`${DISK:-x}` with DISK never set) is info; the rest are warnings. */
  severity?: "info";
}

type Seg =
  | { k: "lit"; text: string; offsets: number[]; quoted: boolean }
  | { k: "var"; name: string; quoted: boolean; range: [number, number]; index?: string; op?: string; arg?: Seg[] }
  | { k: "unknown"; quoted: boolean; range: [number, number]; raw: string; why: string };

interface RawWord {
  segs: Seg[];
  range: [number, number];
  /** `name=(...)` / `name+=(...)`: a bash array assignment. */
  array?: { name: string; append: boolean; elems: RawWord[] };
}

interface RawCommand {
  words: RawWord[];
  /** It follows `&&` or `||`: it may not run. */
  andOr?: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The scanner's state: the text without continuations, and each character's source offset. */
class Scanner {
  text = "";
  map: number[] = [];
  problems: ShellProblem[] = [];
  commands: RawCommand[] = [];
  depth = 0;
  constructor(
    readonly source: string,
    readonly bash: boolean,
  ) {
    for (let i = 0; i < source.length; i++) {
      if (source[i] === "\\") {
        // "\" + newline (or CRLF) continues the line; "\" + spaces + newline is a common mistake
        // that the shell reads as an escaped space ending the command: said, then read as meant.
        const m = /^\\([ \t]*)(\r?\n)/.exec(source.slice(i, i + 200));
        if (m) {
          if (m[1]) {
            const what = m[1][0] === " " ? "space" : "tab";
            this.problems.push({
              message: `a ${what} after the line-continuation \\ at the end of this line: the shell reads it as an escaped ${what} and ends the command here, so the lines after it are not part of the command; remove the trailing white space`,
              range: [i, i + 1 + m[1].length],
            });
          }
          i += m[0].length - 1;
          continue;
        }
        this.text += "\\";
        this.map.push(i);
        if (i + 1 < source.length) {
          this.text += source[i + 1];
          this.map.push(i + 1);
          i++;
        }
        continue;
      }
      this.text += source[i];
      this.map.push(i);
    }
    this.map.push(source.length);
  }

  at(i: number): number {
    return this.map[Math.min(i, this.map.length - 1)];
  }

  /** The index of the `close` that ends what opened just before `i`, minding quotes and nesting. */
  matching(i: number, open: string, close: string): number {
    let depth = 1;
    for (let k = i; k < this.text.length; k++) {
      const c = this.text[k];
      if (c === "\\") k++;
      else if (c === "'" && open !== "{") {
        const e = this.text.indexOf("'", k + 1);
        if (e < 0) return -1;
        k = e;
      } else if (c === '"') {
        for (k++; k < this.text.length && this.text[k] !== '"'; k++) if (this.text[k] === "\\") k++;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) return k;
    }
    return -1;
  }

  /** Reads a `$` expansion at i; returns the segment and the index after it. */
  dollar(i: number, quoted: boolean): { seg: Seg; next: number } | undefined {
    const t = this.text;
    const raw = (from: number, to: number) => t.slice(from, to);
    const range = (from: number, to: number): [number, number] => [this.at(from), this.at(to - 1) + 1];
    if (t.startsWith("$((", i)) {
      const e = this.matching(i + 3, "(", ")");
      const end = e < 0 ? t.length : t[e + 1] === ")" ? e + 2 : e + 1;
      return { seg: { k: "unknown", quoted, range: range(i, end), raw: raw(i, end), why: "an arithmetic expansion" }, next: end };
    }
    if (t[i + 1] === "(") {
      const e = this.matching(i + 2, "(", ")");
      if (e < 0) return this.unterminated(i, "command substitution $(");
      return {
        seg: {
          k: "unknown",
          quoted,
          range: range(i, e + 1),
          raw: raw(i, e + 1),
          why: "a command substitution: its output is only known when the script runs",
        },
        next: e + 1,
      };
    }
    if (t[i + 1] === "{") {
      const e = this.matching(i + 2, "{", "}");
      if (e < 0) return this.unterminated(i, "${");
      const inner = t.slice(i + 2, e);
      const r = range(i, e + 1);
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(?:\[([^\]]*)\])?/.exec(inner);
      const unknown = (why: string) => ({ seg: { k: "unknown" as const, quoted, range: r, raw: raw(i, e + 1), why }, next: e + 1 });
      if (!m || inner.startsWith("#") || inner.startsWith("!")) {
        return unknown(
          inner.startsWith("#") ? "a length expansion" : inner.startsWith("!") ? "an indirect expansion" : "an expansion that is not read",
        );
      }
      const rest = inner.slice(m[0].length);
      const seg: Seg = { k: "var", name: m[1], quoted, range: r, index: m[2] };
      if (!rest) return { seg, next: e + 1 };
      const op = /^(:?[-=+?])/.exec(rest);
      if (!op) return unknown(`the \${${m[1]}${rest[0]}...} operation (substring, pattern or case change)`);
      // Defaults nest (${a:-${b:-x}}); past a sane depth the value is not read.
      if (this.depth >= 32) return unknown("an expansion nested too deeply to read");
      seg.op = op[1];
      this.depth++;
      seg.arg = this.segments(i + 2 + m[0].length + op[1].length, e, quoted);
      this.depth--;
      return { seg, next: e + 1 };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(t.slice(i + 1, i + 65));
    if (!m) return undefined;
    return { seg: { k: "var", name: m[1], quoted, range: range(i, i + 1 + m[1].length) }, next: i + 1 + m[1].length };
  }

  unterminated(i: number, what: string): undefined {
    this.problems.push({ message: `unterminated ${what}`, range: [this.at(i), this.at(i) + 1] });
    return undefined;
  }

  /** The segments of text[from, to) read as (part of) one word: a `${x:-...}` default. */
  segments(from: number, to: number, quoted: boolean): Seg[] {
    const segs: Seg[] = [];
    const lit = (ch: string, k: number, q: boolean) => {
      const last = segs[segs.length - 1];
      if (last?.k === "lit" && last.quoted === q) {
        last.text += ch;
        last.offsets.push(this.at(k));
      } else segs.push({ k: "lit", text: ch, offsets: [this.at(k)], quoted: q });
    };
    for (let k = from; k < to; k++) {
      const c = this.text[k];
      if (c === "\\" && k + 1 < to) lit(this.text[++k], k, true);
      else if (c === "'" && !quoted) {
        const e = this.text.indexOf("'", k + 1);
        if (e < 0 || e >= to) {
          lit(c, k, quoted);
          continue;
        }
        segs.push({ k: "lit", text: "", offsets: [], quoted: true });
        for (let q = k + 1; q < e; q++) lit(this.text[q], q, true);
        k = e;
      } else if (c === '"') quoted = !quoted;
      else if (c === "$") {
        const d = this.dollar(k, quoted);
        if (d) {
          segs.push(d.seg);
          k = d.next - 1;
        } else lit(c, k, quoted);
      } else lit(c, k, quoted);
    }
    return segs;
  }

  scan(): this {
    const t = this.text;
    let words: RawWord[] = [];
    let segs: Seg[] | null = null;
    let wordStart = 0;
    let redirect = false;
    // Array assignment being read: its words go into it until ")".
    let array: { word: RawWord; outer: RawWord[] } | null = null;
    const open = (i: number) => {
      if (!segs) {
        segs = [];
        wordStart = i;
      }
      return segs;
    };
    const lit = (ch: string, i: number, quoted: boolean) => {
      const s = open(i);
      const last = s[s.length - 1];
      if (last?.k === "lit" && last.quoted === quoted) {
        last.text += ch;
        last.offsets.push(this.at(i));
      } else s.push({ k: "lit", text: ch, offsets: [this.at(i)], quoted });
    };
    const plain = (): string | undefined =>
      segs && segs.every((s) => s.k === "lit" && !s.quoted) ? segs.map((s) => (s as { text: string }).text).join("") : undefined;
    const endWord = (_i: number) => {
      if (!segs) return;
      let last = -1;
      for (const s of segs) {
        if (s.k !== "lit") last = Math.max(last, s.range[1] - 1);
        else for (const o of s.offsets) if (o > last) last = o;
      }
      const from = this.at(wordStart);
      const to = last >= 0 ? last + 1 : Math.min(from + 2, this.source.length);
      const w: RawWord = { segs, range: [from, Math.min(to, this.source.length)] };
      segs = null;
      if (redirect) {
        redirect = false;
        return;
      }
      words.push(w);
    };
    let andOr = false;
    const endCommand = (i: number, beforeAndOr = false) => {
      endWord(i);
      if (array) return;
      if (words.length) this.commands.push(andOr ? { words, andOr } : { words });
      words = [];
      andOr = beforeAndOr;
    };
    // Here-documents opened on the current line: their bodies start after its newline.
    let heredocs: { delim: string; tabs: boolean; at: number }[] = [];
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      if (c === "\n") {
        if (array) endWord(i);
        else endCommand(i);
        for (const h of heredocs) {
          // The body is data, not commands: skip to the line that is the delimiter.
          let k = i + 1;
          for (;;) {
            const e = t.indexOf("\n", k) < 0 ? t.length : t.indexOf("\n", k);
            const line = t.slice(k, e).replace(/\r$/, "");
            if ((h.tabs ? line.replace(/^\t+/, "") : line) === h.delim) {
              i = e - 1;
              break;
            }
            if (e >= t.length) {
              this.problems.push({
                message: `unterminated here-document: no line ${JSON.stringify(h.delim)} ends it`,
                range: [this.at(h.at), this.at(h.at) + 2],
              });
              i = t.length;
              break;
            }
            k = e + 1;
          }
        }
        heredocs = [];
      } else if (c === " " || c === "\t" || c === "\r") endWord(i);
      else if (c === "#" && !segs) {
        while (i + 1 < t.length && t[i + 1] !== "\n") i++;
      } else if (c === ")" && array) {
        endWord(i);
        array.word.range[1] = this.at(i) + 1;
        array.word.array!.elems = words;
        words = array.outer;
        words.push(array.word);
        array = null;
      } else if (c === "(" && segs && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(plain() ?? "")) {
        const p = plain()!;
        if (!this.bash) this.shArray(wordStart, i, p);
        const word: RawWord = {
          segs: [],
          range: [this.at(wordStart), this.at(i) + 1],
          array: { name: p.replace(/\+?=$/, ""), append: p.endsWith("+="), elems: [] },
        };
        segs = null;
        array = { word, outer: words };
        words = [];
      } else if (c === "(" && t[i + 1] === ")" && segs && NAME.test(plain() ?? "")) {
        lit("(", i, false);
        lit(")", i + 1, false);
        i++;
        endWord(i + 1);
      } else if (c === ";" || c === "(" || c === ")") {
        if (c === ";" && t[i + 1] === ";") i++;
        endCommand(i);
      } else if (c === "|" || c === "&") {
        if (c === "&" && t[i + 1] === ">") {
          // &> file, &>> file: a redirection of both outputs
          endWord(i);
          i += t[i + 2] === ">" ? 2 : 1;
          redirect = true;
          continue;
        }
        const twice = t[i + 1] === c;
        if (twice || (c === "|" && t[i + 1] === "&")) i++;
        endCommand(i, twice);
      } else if (c === "<" || c === ">") {
        // A redirection: a number right before it is the descriptor, and the next word its target.
        if (segs && /^\d+$/.test(plain() ?? "")) segs = null;
        else endWord(i);
        const doc =
          c === "<" && t[i + 1] === "<" && t[i + 2] !== "<"
            ? /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()]+))/.exec(t.slice(i, i + 200))
            : null;
        if (doc) {
          heredocs.push({ delim: doc[2] ?? doc[3] ?? doc[4], tabs: doc[1] === "-", at: i });
          i += doc[0].length - 1;
          continue;
        }
        while (i + 1 < t.length && "<>|&".includes(t[i + 1])) i++;
        if (t[i] === "&") {
          // >&2, 2>&1, <&-: a descriptor, not a file
          while (i + 1 < t.length && /[0-9-]/.test(t[i + 1])) i++;
        } else redirect = true;
      } else if (
        c === "~" &&
        (!segs || /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(plain() ?? "")) &&
        /^~[A-Za-z0-9_.-]*(?=[/\s;&|<>()]|$)/.test(t.slice(i, i + 64))
      ) {
        // ~ and ~user at the start of a word (or of an assignment's value): someone's home folder.
        const m = /^~[A-Za-z0-9_.-]*/.exec(t.slice(i, i + 64))![0];
        open(i).push({
          k: "unknown",
          quoted: false,
          range: [this.at(i), this.at(i + m.length - 1) + 1],
          raw: m,
          why: m === "~" ? "the home folder of whoever runs the script" : `the home folder of ${m.slice(1)}`,
        });
        i += m.length - 1;
      } else if (c === "'") {
        const close = t.indexOf("'", i + 1);
        if (close < 0) {
          this.problems.push({ message: "unterminated single quote", range: [this.at(i), this.at(i) + 1] });
          break;
        }
        open(i).push({ k: "lit", text: "", offsets: [], quoted: true });
        for (let k = i + 1; k < close; k++) lit(t[k], k, true);
        i = close;
      } else if (c === "$" && t[i + 1] === "'") {
        const end = this.ansiC(i, lit);
        if (end < 0) break;
        i = end;
      } else if (c === '"') {
        const start = i;
        open(i).push({ k: "lit", text: "", offsets: [], quoted: true });
        let k = i + 1;
        for (; k < t.length && t[k] !== '"'; k++) {
          if (t[k] === "\\" && k + 1 < t.length && '"\\$`'.includes(t[k + 1])) k++;
          else if (t[k] === "$") {
            const d = this.dollar(k, true);
            if (d) {
              open(i).push(d.seg);
              k = d.next - 1;
              continue;
            }
          } else if (t[k] === "`") {
            const e = t.indexOf("`", k + 1);
            if (e > 0) {
              open(i).push(backquoted(t, k, e, true, (x) => this.at(x)));
              k = e;
              continue;
            }
          }
          lit(t[k], k, true);
        }
        if (k >= t.length) {
          this.problems.push({ message: "unterminated double quote", range: [this.at(start), this.at(start) + 1] });
          break;
        }
        i = k;
      } else if (c === "$") {
        const d = this.dollar(i, false);
        if (d) {
          open(i).push(d.seg);
          i = d.next - 1;
        } else lit(c, i, false);
      } else if (c === "`") {
        const e = t.indexOf("`", i + 1);
        if (e < 0) {
          this.problems.push({ message: "unterminated backquote", range: [this.at(i), this.at(i) + 1] });
          break;
        }
        open(i).push(backquoted(t, i, e, false, (x) => this.at(x)));
        i = e;
      } else if (c === "\\") {
        if (i + 1 < t.length) {
          lit(t[i + 1], i + 1, true);
          i++;
        }
      } else lit(c, i, false);
    }
    if (array) {
      const a = array;
      this.problems.push({ message: `unterminated array assignment: no ")" closes ${a.word.array!.name}=(`, range: a.word.range });
      words = a.outer;
      array = null;
    }
    endCommand(t.length);
    return this;
  }

  /**
   * A bash array (`name=(...)`) in a script that is not bash's: dash, Debian's /bin/sh, stops at it
   * with 'Syntax error: "(" unexpected', so under a #!/bin/sh shebang the QEMU command never runs
   * (an error); without a shebang the shell that runs it is not known (a warning).
   */
  shArray(from: number, paren: number, name: string): void {
    const sh = /^#!\s*(\S*\/(?:env\s+)?(?:sh|dash|ash))(?![\w.-])/.exec(this.source)?.[1];
    this.problems.push({
      message: sh
        ? `${name}(...) is a bash array, and this script's shebang is #!${sh}: dash (Debian's /bin/sh) stops here with 'Syntax error: "(" unexpected', so the QEMU command never runs; make the shebang #!/bin/bash (it is read as bash would)`
        : `${name}(...) is a bash array, and this script has no bash shebang (#!/bin/bash): run by /bin/sh (dash on Debian) it stops here with 'Syntax error: "(" unexpected'; it is read as bash would`,
      range: [this.at(from), this.at(paren) + 1],
      severity: sh ? "error" : "warning",
    });
  }

  /** bash's $'...' quoting, with its backslash escapes; returns the index of the closing quote. */
  ansiC(i: number, lit: (ch: string, i: number, quoted: boolean) => void): number {
    const t = this.text;
    if (!this.bash) {
      this.problems.push({
        message:
          "$'...' is bash quoting, and this script has no bash shebang (#!/bin/bash): sh may read it differently; it is read as bash would",
        range: [this.at(i), this.at(i) + 2],
        severity: "warning",
      });
    }
    const ESC: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      a: "\x07",
      b: "\b",
      e: "\x1b",
      E: "\x1b",
      f: "\f",
      v: "\v",
      "\\": "\\",
      "'": "'",
      '"': '"',
      "?": "?",
    };
    lit("", i, true);
    let k = i + 2;
    for (; k < t.length && t[k] !== "'"; k++) {
      if (t[k] !== "\\" || k + 1 >= t.length) {
        lit(t[k], k, true);
        continue;
      }
      const n = t[k + 1];
      const hex = /^x([0-9A-Fa-f]{1,2})/.exec(t.slice(k + 1, k + 4));
      const oct = /^[0-7]{1,3}/.exec(t.slice(k + 1, k + 4));
      const uni = /^[uU]([0-9A-Fa-f]{1,8})/.exec(t.slice(k + 1, k + 11));
      if (ESC[n] !== undefined) {
        lit(ESC[n], k, true);
        k++;
      } else if (hex) {
        lit(String.fromCharCode(parseInt(hex[1], 16)), k, true);
        k += hex[0].length;
      } else if (oct) {
        lit(String.fromCharCode(parseInt(oct[0], 8)), k, true);
        k += oct[0].length;
      } else if (uni) {
        lit(String.fromCodePoint(parseInt(uni[1], 16)), k, true);
        k += uni[0].length;
      } else lit("\\", k, true);
    }
    if (k >= t.length) {
      this.problems.push({ message: "unterminated $'...' quote", range: [this.at(i), this.at(i) + 2] });
      return -1;
    }
    return k;
  }
}

// ---------------------------------------------------------------------------------------------
// Expanding: raw words → fields, with the variables assigned so far.

interface Chars {
  text: string;
  offsets: number[];
  notes: Note[];
  /** The word's own range, quotes included, when it is written literally (no expansion). */
  range?: [number, number];
}

type Val = { kind: "scalar"; v: Chars } | { kind: "array"; elems: Chars[] } | { kind: "unset" } | { kind: "unknown"; why: string };

const SPECIAL: Record<string, string> = {
  "@": "the script's arguments",
  "*": "the script's arguments",
  "#": "the number of the script's arguments",
  "?": "the exit status of the previous command",
  $: "the shell's process id",
  "!": "the process id of the last background command",
  "-": "the shell's option flags",
  "0": "the script's own name",
};

const empty = (): Chars => ({ text: "", offsets: [], notes: [] });
const join = (a: Chars, b: Chars): Chars => ({
  text: a.text + b.text,
  offsets: [...a.offsets, ...b.offsets],
  notes: [...a.notes, ...b.notes],
});

/** Characters produced by an expansion, placed over the `$VAR` that produced them. */
function placed(text: string, range: [number, number], notes: Note[] = []): Chars {
  const len = Math.max(1, range[1] - range[0]);
  return { text, offsets: [...text].map((_, k) => range[0] + Math.min(k, len - 1)), notes };
}

class Shell {
  vars = new Map<string, Val>();
  /** Why assignments made now cannot be known (inside an if, a loop, a function), or undefined. */
  uncertain: string | undefined;
  sourced: number | undefined;
  /** Notes about expansions that gave no word ("$@"), for the command being read. */
  loose: Note[] = [];
  constructor(readonly lineOf: (offset: number) => number) {}

  /** A variable's value as a scalar, or its elements for [@] / [*]; unknown values become placeholders. */
  expand(seg: Extract<Seg, { k: "var" }>): { scalar: Chars } | { fields: Chars[]; none?: Note } {
    const unknownChars = (why: string): Chars => {
      const shown = seg.index !== undefined ? `\${${seg.name}[${seg.index}]}` : `\${${seg.name}}`;
      return placed(shown, seg.range, [
        {
          message: `${seg.index !== undefined ? shown : `$${seg.name}`} cannot be known here: ${why}; it is kept as the placeholder ${shown}`,
          range: seg.range,
        },
      ]);
    };
    if (seg.name in SPECIAL || /^\d+$/.test(seg.name)) {
      const why = SPECIAL[seg.name] ?? `the script's argument ${seg.name}`;
      if (seg.op && /^:?-$/.test(seg.op)) return { scalar: this.argOf(seg) };
      // "$@" and $* are any number of words, usually none: read as none, with a warning.
      if (seg.name === "@" || seg.name === "*") {
        return {
          fields: [],
          none: {
            message: `$${seg.name} cannot be known here: it is the script's arguments, any number of words; it is read as none`,
            range: seg.range,
          },
        };
      }
      return { scalar: unknownChars(`it is ${why}`) };
    }
    const val = this.vars.get(seg.name);
    const isSet =
      val !== undefined &&
      val.kind !== "unknown" &&
      val.kind !== "unset" &&
      (!seg.op?.startsWith(":") || (val.kind === "scalar" ? val.v.text !== "" : val.elems.length > 0));
    const op = seg.op?.replace(":", "");
    // Never set in the script: the environment may set it; the default is what is read, and said.
    const assumed = (v: Chars): Chars => {
      // Once per variable: ${a:-${a:-...}} nested thousands deep says it once (and stays linear).
      if (val !== undefined || v.notes.some((n) => n.severity === "info" && n.message.startsWith(`${seg.name} is not set`))) return v;
      const from =
        this.sourced !== undefined
          ? `is not set in the script before this line (the file sourced at line ${this.sourced} may set it)`
          : "is not set in the script";
      return {
        ...v,
        notes: [
          ...v.notes,
          {
            message: `${seg.name} ${from}: its default ${JSON.stringify(v.text.length > 40 ? v.text.slice(0, 37) + "..." : v.text)} is assumed; the environment may give it another value`,
            range: seg.range,
            severity: "info",
          },
        ],
      };
    };
    if (op === "-" && val?.kind !== "unknown" && !isSet) return { scalar: assumed(this.argOf(seg)) };
    if (op === "=" && val?.kind !== "unknown" && !isSet) {
      const v = assumed(this.argOf(seg));
      this.assign(seg.name, { kind: "scalar", v }, seg.range);
      return { scalar: v };
    }
    if (op === "+")
      return val?.kind === "unknown" ? { scalar: unknownChars(val.why) } : { scalar: isSet ? this.argOf(seg) : placed("", seg.range) };
    if (val === undefined) {
      const from =
        this.sourced !== undefined
          ? `it is not assigned before this line (it may come from the environment or from the file sourced at line ${this.sourced})`
          : "it is never assigned before this line, so it comes from the environment";
      return { scalar: unknownChars(op === "?" ? `${from} (the script stops when it is not set)` : from) };
    }
    if (val.kind === "unknown") return { scalar: unknownChars(val.why) };
    // unset: known to be empty (the environment's value is gone too).
    if (val.kind === "unset") return seg.index === "@" || seg.index === "*" ? { fields: [] } : { scalar: placed("", seg.range) };
    if (val.kind === "array") {
      if (seg.index === "@" || seg.index === "*") {
        const elems = val.elems.map((e) => ({ ...e, notes: [...e.notes] }));
        return seg.index === "*" && seg.quoted
          ? { scalar: elems.reduce((a, e, k) => join(k ? join(a, placed(" ", seg.range)) : a, e), empty()) }
          : { fields: elems };
      }
      const n = seg.index === undefined ? 0 : /^\d+$/.test(seg.index) ? Number(seg.index) : NaN;
      if (Number.isNaN(n)) return { scalar: unknownChars(`the index ${seg.index} is computed`) };
      return { scalar: val.elems[n] ?? placed("", seg.range) };
    }
    if (seg.index === "@" || seg.index === "*") return { fields: [val.v] };
    // A scalar's characters are placed over the use, notes about what it holds travel with it.
    return { scalar: placed(val.v.text, seg.range, val.v.notes) };
  }

  argOf(seg: Extract<Seg, { k: "var" }>): Chars {
    return this.scalarOf(seg.arg ?? []);
  }

  /** Segments joined into one value, without word splitting (an assignment's right side). */
  scalarOf(segs: Seg[]): Chars {
    let out = empty();
    for (const s of segs) {
      if (s.k === "lit") out = join(out, { text: s.text, offsets: s.offsets, notes: [] });
      else if (s.k === "unknown")
        out = join(
          out,
          placed(s.raw, s.range, [
            {
              message: `${s.raw.length > 40 ? s.raw.slice(0, 37) + "..." : s.raw} cannot be known here: it is ${s.why}; it is kept as written`,
              range: s.range,
            },
          ]),
        );
      else {
        const e = this.expand(s);
        out = join(
          out,
          "scalar" in e
            ? e.scalar
            : e.fields.reduce(
                (a, f, k) => join(k ? join(a, placed(" ", s.range)) : a, f),
                e.none ? { ...empty(), notes: [e.none] } : empty(),
              ),
        );
      }
    }
    return out;
  }

  /** A word's fields: what it becomes after expansion and word splitting. */
  fields(w: RawWord): Chars[] {
    const out: Chars[] = [];
    let cur: Chars | null = null;
    const add = (c: Chars) => (cur = cur ? join(cur, c) : { ...c, notes: [...c.notes] });
    const end = () => {
      if (cur) out.push(cur);
      cur = null;
    };
    const split = (c: Chars) => {
      let k = 0;
      for (const m of c.text.matchAll(/[ \t\n]+|[^ \t\n]+/g)) {
        const piece: Chars = { text: m[0], offsets: c.offsets.slice(k, k + m[0].length), notes: [] };
        k += m[0].length;
        if (/^[ \t\n]/.test(m[0])) end();
        else add(piece);
      }
      if (cur) cur.notes.push(...c.notes);
      else if (c.notes.length) out[out.length - 1]?.notes.push(...c.notes);
    };
    // "" makes an empty word, but "$@" and "${a[@]}" with nothing in them make none.
    let quotedEmpty = false;
    let lists = false;
    for (const s of w.segs) {
      if (s.k === "lit" && s.text === "" && s.quoted) quotedEmpty = true;
      else if (s.k === "lit") add({ text: s.text, offsets: s.offsets, notes: [] });
      else if (s.k === "unknown") add(this.scalarOf([s]));
      else {
        const e = this.expand(s);
        if ("scalar" in e) {
          if (!s.quoted && e.scalar.text === "") this.loose.push(...e.scalar.notes);
          else if (s.quoted || e.scalar.notes.length) add(e.scalar);
          else split(e.scalar);
        } else {
          lists = true;
          if (e.none) this.loose.push(e.none);
          e.fields.forEach((f, k) => {
            if (k > 0) end();
            if (s.quoted) add(f);
            else split(f);
          });
        }
      }
    }
    end();
    if (out.length === 0 && quotedEmpty && !lists) out.push(empty());
    return out;
  }

  assign(name: string, v: Val, at: [number, number]): void {
    if (this.uncertain)
      this.vars.set(name, {
        kind: "unknown",
        why: `it is assigned at line ${this.lineOf(at[0])} ${this.uncertain}, so which value it has cannot be known`,
      });
    else this.vars.set(name, v);
  }

  /** Runs one assignment word (`X=...`, `X+=...`, `a=(...)`, `a+=(...)`). */
  assignWord(w: RawWord): boolean {
    if (w.array) {
      const elems = w.array.elems.flatMap((e) => this.fields(e));
      const old = this.vars.get(w.array.name);
      const before = w.array.append ? (old?.kind === "array" ? old.elems : old?.kind === "scalar" ? [old.v] : []) : [];
      if (w.array.append && old?.kind === "unknown") this.vars.set(w.array.name, old);
      else if (w.array.append && this.uncertain) {
        // Elements added inside an if or a loop are read as if they were added (once), as a
        // command there is, each with a warning that it may not be there.
        const line = this.lineOf(w.range[0]);
        const note = {
          message: `${w.array.name}+=(...) at line ${line} is ${this.uncertain}: whether its elements are there cannot be known; they are read as if they were`,
          range: [w.range[0], Math.min(w.range[1], w.range[0] + w.array.name.length + 3)] as [number, number],
        };
        this.vars.set(w.array.name, { kind: "array", elems: [...before, ...elems.map((e) => ({ ...e, notes: [...e.notes, note] }))] });
      } else this.assign(w.array.name, { kind: "array", elems: [...before, ...elems] }, w.range);
      return true;
    }
    const first = w.segs[0];
    if (first?.k !== "lit" || first.quoted) return false;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.text);
    if (!m) return false;
    const rest: Seg[] = [{ ...first, text: first.text.slice(m[0].length), offsets: first.offsets.slice(m[0].length) }, ...w.segs.slice(1)];
    const v = this.scalarOf(rest);
    const old = this.vars.get(m[1]);
    if (m[2] && old?.kind === "unknown") return true;
    this.assign(m[1], { kind: "scalar", v: m[2] && old?.kind === "scalar" ? join(old.v, v) : v }, w.range);
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Wrappers: programs that run the next one (sudo, nice, env...), with the options they take.

interface WrapperSpec {
  /** Options that take the next word (or `--opt=value`). */
  arg?: string[];
  /** Positional words before the command (chrt's priority, taskset's mask). */
  positional?: number;
  /** NAME=value words before the command are its environment. */
  env?: boolean;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: {
    arg: [
      "-u",
      "-g",
      "-C",
      "-D",
      "-h",
      "-p",
      "-r",
      "-t",
      "-T",
      "-U",
      "-R",
      "--user",
      "--group",
      "--close-from",
      "--chdir",
      "--host",
      "--prompt",
      "--role",
      "--type",
      "--command-timeout",
      "--other-user",
      "--chroot",
    ],
    env: true,
  },
  doas: { arg: ["-u", "-C"] },
  nohup: {},
  nice: { arg: ["-n", "--adjustment"] },
  ionice: { arg: ["-c", "-n", "--class", "--classdata"] },
  chrt: { arg: ["-T", "-P", "-D", "--sched-runtime", "--sched-period", "--sched-deadline"], positional: 1 },
  // taskset's -c only says the mask is a CPU list: the mask is still the one positional word
  taskset: { positional: 1 },
  numactl: {
    arg: [
      "-i",
      "-p",
      "-m",
      "-N",
      "-C",
      "-w",
      "--interleave",
      "--preferred",
      "--membind",
      "--cpunodebind",
      "--physcpubind",
      "--weighted-interleave",
      "--preferred-many",
    ],
  },
  time: { arg: ["-o", "-f", "--output", "--format"] },
  command: {},
  exec: { arg: ["-a"] },
  env: { arg: ["-u", "--unset", "-C", "--chdir"], env: true },
  setsid: {},
  stdbuf: { arg: ["-i", "-o", "-e"] },
  runuser: { arg: ["-u", "-g", "-G", "--user", "--group", "--supp-group"] },
  timeout: { arg: ["-s", "-k", "--signal", "--kill-after"], positional: 1 },
  flock: { arg: ["-w", "-E", "--timeout", "--conflict-exit-code"], positional: 1 },
  cgexec: { arg: ["-g"] },
  "systemd-run": {
    arg: [
      "-p",
      "-E",
      "-u",
      "--unit",
      "--property",
      "--setenv",
      "--slice",
      "--uid",
      "--gid",
      "--description",
      "--nice",
      "--working-directory",
      "-M",
      "--machine",
      "-H",
      "--host",
    ],
  },
};

/** A `...` command substitution from `from` to its closing backquote `to`: unknown until the script runs. */
function backquoted(t: string, from: number, to: number, quoted: boolean, at: (i: number) => number): Seg {
  return {
    k: "unknown",
    quoted,
    range: [at(from), at(to) + 1],
    raw: t.slice(from, to + 1),
    why: "a command substitution: its output is only known when the script runs",
  };
}

const BINARY = /(^|\/)(qemu-system-[a-z0-9_]+|qemu-kvm)$/;
/** The programs read beside QEMU: passt, whose socket a -netdev stream connects to (its forwards are its own). */
const PEER = /(^|\/)passt$/;
const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/** Skips the wrappers in front of a command; returns the index of the program word. */
function skipWrappers(fields: Chars[], env: string[], wrappers: string[]): number {
  let i = 0;
  for (;;) {
    const w = WRAPPERS[base(fields[i]?.text ?? "")];
    if (!w || i + 1 >= fields.length) return i;
    const start = i++;
    let positional = w.positional ?? 0;
    for (; i < fields.length; i++) {
      const t = fields[i].text;
      if (t === "--") {
        i++;
        break;
      }
      if (t.startsWith("-") && t.length > 1 && !/^-\d+$/.test(t)) {
        // An option that takes the next word; any other (a flag, --opt=value, -n10) stands alone.
        if (w.arg?.includes(t)) i++;
        continue;
      }
      if ((/^-\d+$/.test(t) && base(fields[start].text) === "nice") || (t === "-" && base(fields[start].text) === "env")) continue;
      if (w.env && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
        env.push(t);
        continue;
      }
      if (positional > 0) {
        positional--;
        continue;
      }
      break;
    }
    wrappers.push(
      fields
        .slice(start, i)
        .map((f) => f.text)
        .join(" "),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// A script: its commands, read in order with the variables they set.

const OPENERS = new Set(["if", "while", "until", "for", "select", "case"]);
const CLOSERS = new Set(["fi", "done", "esac"]);
const WHAT: Record<string, string> = {
  if: "inside an if",
  while: "inside a while loop",
  until: "inside an until loop",
  for: "inside a for loop",
  select: "inside a select",
  case: "inside a case",
  function: "inside a function",
};

/** The 1-based line of an offset in `text` (core/positions.ts does the search). */
function lineStarts(text: string): (offset: number) => number {
  const starts = lineStartOffsets(text);
  return (offset) => position(starts, offset).line;
}

const plainText = (w: RawWord | undefined): string | undefined =>
  w && !w.array && w.segs.every((s) => s.k === "lit" && !s.quoted) ? w.segs.map((s) => (s as { text: string }).text).join("") : undefined;

function toWord(c: Chars, i: number, fallback: [number, number]): Word {
  let lo = Infinity;
  let hi = -1;
  for (const o of c.offsets) {
    if (o < lo) lo = o;
    if (o > hi) hi = o;
  }
  const range: [number, number] = c.range ?? (hi >= 0 ? [lo, hi + 1] : fallback);
  return { text: c.text, path: ["argv", i], range, offsets: c.offsets };
}

function conditional(around: { kind: string; line: number }, range: [number, number]): ShellProblem {
  return {
    message: `this QEMU command is ${WHAT[around.kind]} (line ${around.line}): whether it runs, and how often, cannot be known; it is read as if it ran once`,
    range,
    severity: "warning",
  };
}

const SHELLS = new Set(["sh", "bash", "dash", "ksh", "zsh", "ash"]);

/**
 * `sh -c '...'`, `bash -c "..."`, `su qemu -c '...'`: the string is a script of its own, read the
 * same way, its positions mapped back through the characters of the word that holds it.
 */
function nestedShell(
  fields: Chars[],
  p: number,
  depth = 0,
): { commands: QemuCommand[]; peers: QemuCommand[]; problems: ShellProblem[]; how: string } | undefined {
  if (depth > 8) return undefined;
  const prog = base(fields[p]?.text ?? "");
  let k = p + 1;
  if (SHELLS.has(prog)) {
    // Options before -c, and -c inside a cluster (-ec, -xc).
    while (k < fields.length && /^[-+][a-z]+$/.test(fields[k].text) && !fields[k].text.includes("c")) k++;
    if (!/^-[a-z]*c[a-z]*$/.test(fields[k]?.text ?? "")) return undefined;
    k++;
  } else if (prog === "su" || prog === "runuser") {
    for (; k < fields.length && fields[k].text !== "-c" && fields[k].text !== "--command"; k++)
      if (/^(-s|--shell|-g|--group|-G|--supp-group)$/.test(fields[k].text)) k++;
    k++;
  } else return undefined;
  const script = fields[k];
  if (!script) return undefined;
  const inner = scriptCommands(script.text, prog === "bash", depth + 1);
  const at = (i: number) => script.offsets[Math.min(i, script.offsets.length - 1)] ?? 0;
  const range = (r: [number, number]): [number, number] => [at(r[0]), r[1] > r[0] ? at(r[1] - 1) + 1 : at(r[0])];
  const notes = script.notes.map((n): ShellProblem => ({ message: n.message, range: n.range, severity: n.severity ?? "warning" }));
  const map = (q: ShellProblem): ShellProblem => ({ ...q, range: range(q.range) });
  const mapCommand = (c: QemuCommand): QemuCommand => ({
    ...c,
    range: range(c.range),
    words: c.words.map((w) => ({ ...w, range: w.range && range(w.range), offsets: w.offsets?.map(at) })),
    problems: [...notes, ...c.problems.map(map)],
  });
  return {
    how: fields
      .slice(p, k)
      .map((f) => f.text)
      .join(" "),
    problems: inner.problems.filter((q) => !/^no qemu-system/.test(q.message)).map(map),
    commands: inner.commands.map(mapCommand),
    peers: inner.peers.map(mapCommand),
  };
}

/** How vmspec's own shell output names a program that must be running first (compiler/emit/shell.ts writes it). */
export const ANNOUNCED = "vmspec: start this first: ";

/**
 * `echo 'vmspec: start this first: passt --socket ... -t ...' >&2` in vmspec's own shell output:
 * the passt command it names, read as a command of its own (positions inside the quoted word).
 */
function announcedPeers(fields: Chars[], p: number, depth: number): QemuCommand[] {
  if (depth > 8 || base(fields[p]?.text ?? "") !== "echo") return [];
  const word = fields.slice(p + 1).find((f) => f.text.startsWith(ANNOUNCED));
  if (!word) return [];
  const inner = scriptCommands(word.text.slice(ANNOUNCED.length), false, depth + 1);
  const at = (i: number) => word.offsets[Math.min(i + ANNOUNCED.length, word.offsets.length - 1)] ?? 0;
  const range = (r: [number, number]): [number, number] => [at(r[0]), r[1] > r[0] ? at(r[1] - 1) + 1 : at(r[0])];
  return inner.peers.map((c) => ({
    ...c,
    range: range(c.range),
    words: c.words.map((w) => ({ ...w, range: w.range && range(w.range), offsets: w.offsets?.map(at) })),
    problems: [],
  }));
}

function crlfProblem(source: string): ShellProblem[] {
  const at = source.indexOf("\r\n");
  if (at < 0) return [];
  return [
    {
      message:
        "the file has Windows (CRLF) line endings: the shell reads each \\r as part of the line's last word, and a \\ before CRLF does not continue the line; convert the file (dos2unix, or sed -i 's/\\r$//')",
      range: [at, at + 1],
    },
  ];
}

/** Reads a shell script into its QEMU commands (see the file's comment for what is read). */
export function scriptCommands(
  source: string,
  bashDefault = false,
  depth = 0,
): { commands: QemuCommand[]; peers: QemuCommand[]; problems: ShellProblem[]; optionsOnly?: Word[]; first?: [number, number] } {
  const bash = bashDefault || /^#!\s*\S*\/(?:env\s+)?(bash|zsh|ksh)\b/.test(source) || /^#!\s*\S*\/env\s+bash\b/.test(source);
  const sc = new Scanner(source, bash).scan();
  const lineOf = lineStarts(source);
  const sh = new Shell(lineOf);
  const problems: ShellProblem[] = [...crlfProblem(source), ...sc.problems];
  const commands: QemuCommand[] = [];
  const peers: QemuCommand[] = [];
  const frames: { kind: string; line: number }[] = [];
  let pendingFunction = false;
  let firstWords: Word[] | null | undefined;
  for (const raw of sc.commands) {
    let ws = raw.words;
    // Shell keywords at the start of a command: the structure around the commands.
    for (;;) {
      const k = plainText(ws[0]);
      if (k === undefined) break;
      if (OPENERS.has(k)) {
        frames.push({ kind: k, line: lineOf(ws[0].range[0]) });
        if (k === "for" || k === "select") {
          const v = plainText(ws[1]);
          if (v && NAME.test(v))
            sh.vars.set(v, { kind: "unknown", why: `it is the variable of the for loop at line ${lineOf(ws[0].range[0])}` });
          ws = [];
        }
        if (k === "case") ws = [];
        else ws = ws.slice(1);
      } else if (CLOSERS.has(k) || k === "}") {
        frames.pop();
        ws = ws.slice(1);
      } else if (k === "then" || k === "do" || k === "else" || k === "elif" || k === "!") ws = ws.slice(1);
      else if (k === "{") {
        frames.push({ kind: pendingFunction ? "function" : "group", line: lineOf(ws[0].range[0]) });
        pendingFunction = false;
        ws = ws.slice(1);
      } else if (k === "function" || /^[A-Za-z_][\w-]*\(\)$/.test(k)) {
        pendingFunction = true;
        ws = ws.slice(k === "function" ? 2 : 1);
        if (ws.length === 0) break;
        if (plainText(ws[0]) === "()") ws = ws.slice(1);
      } else break;
    }
    if (ws.length === 0) continue;
    const around = [...frames].reverse().find((f) => f.kind !== "group");
    sh.uncertain = around ? `${WHAT[around.kind]} (line ${around.line})` : raw.andOr ? `after && or || (it may not run)` : undefined;

    let i = 0;
    const env: string[] = [];
    const prefixEnv: RawWord[] = [];
    for (
      ;
      i < ws.length &&
      (ws[i].array || /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(plainText({ segs: ws[i].segs.slice(0, 1), range: ws[i].range }) ?? ""));
      i++
    )
      prefixEnv.push(ws[i]);
    if (i === ws.length) {
      for (const w of prefixEnv) sh.assignWord(w);
      continue;
    }
    const cmdName = plainText(ws[i]);
    if (cmdName && ["export", "readonly", "declare", "typeset", "local"].includes(cmdName)) {
      for (const w of ws.slice(i + 1)) if (!plainText(w)?.startsWith("-")) sh.assignWord(w);
      continue;
    }
    if (cmdName === "unset") {
      for (const w of ws.slice(i + 1)) {
        const n = plainText(w);
        if (n && NAME.test(n)) sh.assign(n, { kind: "unset" }, w.range);
      }
      continue;
    }
    if (cmdName === "read" || cmdName === "mapfile" || cmdName === "readarray") {
      for (const w of ws.slice(i + 1)) {
        const n = plainText(w);
        if (n && NAME.test(n)) sh.vars.set(n, { kind: "unknown", why: `it is read by ${cmdName} at line ${lineOf(w.range[0])}` });
      }
      continue;
    }
    if (cmdName === "source" || cmdName === ".") {
      sh.sourced = lineOf(ws[i].range[0]);
      continue;
    }
    // The assignments before a command are its environment only.
    for (const w of prefixEnv) env.push(sh.scalarOf(w.segs).text);
    sh.loose = [];
    const fields = ws.slice(i).flatMap((w) => {
      const f = sh.fields(w);
      return f.length === 1 && w.segs.every((s) => s.k === "lit") ? [{ ...f[0], range: w.range }] : f;
    });
    const wrappers: string[] = [];
    const p = skipWrappers(fields, env, wrappers);
    const nested = nestedShell(fields, p, depth);
    if (nested) {
      for (const c of nested.commands)
        commands.push({
          ...c,
          env: [...env, ...c.env],
          wrappers: [...wrappers, nested.how, ...c.wrappers],
          problems: [...(around ? [conditional(around, c.range)] : []), ...c.problems],
        });
      peers.push(...nested.peers);
      problems.push(...nested.problems);
      continue;
    }
    const peer = p < fields.length && PEER.test(fields[p].text);
    peers.push(...announcedPeers(fields, p, depth));
    if (p >= fields.length || (!BINARY.test(fields[p].text) && !peer)) {
      if (firstWords === undefined) firstWords = fields[0]?.text.startsWith("-") ? [] : null;
      if (firstWords && commands.length === 0) for (const f of fields) firstWords.push(toWord(f, firstWords.length, ws[0].range));
      continue;
    }
    const cmdProblems: ShellProblem[] = [];
    const seen = new Set<string>();
    for (const f of [...fields, { notes: sh.loose }]) {
      for (const n of f.notes) {
        const key = `${n.range[0]}:${n.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        cmdProblems.push({ message: n.message, range: n.range, severity: n.severity ?? "warning" });
      }
    }
    cmdProblems.sort((a, b) => a.range[0] - b.range[0]);
    const bin = fields[p];
    const binRange = toWord(bin, 0, ws[0].range).range!;
    if (around) cmdProblems.unshift(conditional(around, binRange));
    (peer ? peers : commands).push({
      binary: bin.text,
      env,
      wrappers,
      words: fields.slice(p + 1).map((f, k) => toWord(f, k, binRange)),
      range: binRange,
      problems: cmdProblems,
    });
  }
  return {
    commands,
    peers,
    problems,
    optionsOnly: commands.length === 0 && firstWords?.length ? firstWords : undefined,
    first: sc.commands[0]?.words[0]?.range,
  };
}

// ---------------------------------------------------------------------------------------------
// systemd units: ExecStart= lines, with systemd's own quoting, prefixes and specifiers.

/** True when the text is a systemd unit (a [Service] section, or ExecStart= lines). */
export function isSystemdUnit(source: string): boolean {
  return /^\s*\[(Service|Unit|Install)\]\s*$/m.test(source) && /^\s*ExecStart\s*=/m.test(source);
}

/**
 * The QEMU commands of a systemd unit's ExecStart= lines. A line ending in `\` continues on the
 * next; the `-`, `@`, `+`, `!`, `!!`, `:` and `|` prefixes are read (with `@` the second word is
 * argv[0], not an option); quotes and C escapes as systemd reads them; `${VAR}` (and `$VAR` as a
 * word of its own, split at white space) from the unit's own Environment= lines; `%%`, `$$`. Other specifiers (`%i`, `%n`, ...) and EnvironmentFile=
 * values depend on how the unit is started: a warning, kept as written.
 */
export function unitCommands(source: string): { commands: QemuCommand[]; peers: QemuCommand[]; problems: ShellProblem[] } {
  // systemd itself ends lines at CRLF too, so Windows line endings are no problem here.
  const problems: ShellProblem[] = [];
  const commands: QemuCommand[] = [];
  const peers: QemuCommand[] = [];
  const lineOf = lineStarts(source);
  const vars = new Map<string, Chars>();
  const envFiles: number[] = [];
  // Logical lines: a trailing backslash joins the next line (systemd replaces it by a space).
  const lines: { text: string; offsets: number[] }[] = [];
  let cur: { text: string; offsets: number[] } = { text: "", offsets: [] };
  for (let i = 0; i <= source.length; i++) {
    const c = source[i];
    if (c === "\n" || i === source.length) {
      let end = cur.text.length;
      while (end > 0 && cur.text[end - 1] === "\r") end--;
      const space = /(^|[^\\])((?:\\\\)*)\\([ \t]+)$/.exec(cur.text.slice(0, end));
      if (space && i < source.length && !/^\s*[#;]/.test(cur.text)) {
        // As in a shell script: systemd continues a line only when the backslash is its last character.
        const at = cur.offsets[end - space[3].length - 1];
        problems.push({
          message: `a ${space[3][0] === " " ? "space" : "tab"} after the line-continuation \\ at the end of this line: systemd continues a line only when \\ is its last character, so the lines after it are not part of this setting; remove the trailing white space`,
          range: [at, at + 1 + space[3].length],
        });
        end -= space[3].length;
      }
      const slashes = /\\*$/.exec(cur.text.slice(0, end))![0].length;
      if (slashes % 2 === 1 && i < source.length) {
        cur.text = cur.text.slice(0, end - 1) + " ";
        cur.offsets = cur.offsets.slice(0, end);
        continue;
      }
      lines.push({ text: cur.text.slice(0, end), offsets: cur.offsets.slice(0, end) });
      cur = { text: "", offsets: [] };
    } else {
      cur.text += c;
      cur.offsets.push(i);
    }
  }
  let section = "";
  for (const line of lines) {
    const t = line.text;
    if (/^\s*([#;]|$)/.test(t)) continue;
    const sec = /^\s*\[([^\]]+)\]\s*$/.exec(t);
    if (sec) {
      section = sec[1];
      continue;
    }
    const kv = /^\s*([A-Za-z]+)\s*=\s*/.exec(t);
    if (!kv || section !== "Service") continue;
    const body = { text: t.slice(kv[0].length), offsets: line.offsets.slice(kv[0].length) };
    if (kv[1] === "EnvironmentFile") envFiles.push(lineOf(line.offsets[0]));
    if (kv[1] === "Environment") {
      for (const w of unitWords(body, vars, envFiles, problems, false)) {
        const eq = w.text.indexOf("=");
        if (eq > 0) vars.set(w.text.slice(0, eq), { text: w.text.slice(eq + 1), offsets: w.offsets.slice(eq + 1), notes: w.notes });
      }
      continue;
    }
    // passt may be started before QEMU by the same unit (ExecStartPre=).
    if (kv[1] !== "ExecStart" && kv[1] !== "ExecStartPre") continue;
    const prefix = /^[-@+!:|]*/.exec(body.text)![0];
    const words = unitWords(
      { text: body.text.slice(prefix.length), offsets: body.offsets.slice(prefix.length) },
      vars,
      envFiles,
      problems,
      true,
    );
    if (prefix.includes("@")) words.splice(1, 1);
    const env: string[] = [];
    const wrappers: string[] = [];
    const p = skipWrappers(words, env, wrappers);
    const how = `systemd (ExecStart=${prefix}...)`;
    const nested = nestedShell(words, p);
    if (nested) {
      for (const c of nested.commands)
        commands.push({ ...c, env: [...env, ...c.env], wrappers: [how, ...wrappers, nested.how, ...c.wrappers] });
      peers.push(...nested.peers);
      problems.push(...nested.problems);
      continue;
    }
    const peer = p < words.length && PEER.test(words[p].text);
    if (p >= words.length || !(peer || (kv[1] === "ExecStart" && BINARY.test(words[p].text)))) continue;
    const binRange = toWord(words[p], 0, [0, 0]).range!;
    const cmdProblems: ShellProblem[] = [];
    for (const n of words.flatMap((w) => w.notes))
      cmdProblems.push({ message: n.message, range: n.range, severity: n.severity ?? "warning" });
    (peer ? peers : commands).push({
      binary: words[p].text,
      env,
      wrappers: [how, ...wrappers],
      words: words.slice(p + 1).map((f, k) => toWord(f, k, binRange)),
      range: binRange,
      problems: cmdProblems,
    });
  }
  return { commands, peers, problems };
}

/** One systemd value split into words: quotes, C escapes, $VAR / ${VAR}, %% and specifiers. */
function unitWords(
  body: { text: string; offsets: number[] },
  vars: Map<string, Chars>,
  envFiles: number[],
  problems: ShellProblem[],
  expand: boolean,
): Chars[] {
  const { text: t, offsets: o } = body;
  const out: Chars[] = [];
  let cur: Chars | null = null;
  const add = (c: Chars) => (cur = cur ? join(cur, c) : c);
  const ch = (s: string, k: number) => add({ text: s, offsets: [o[k]], notes: [] });
  const end = () => {
    if (cur) out.push(cur);
    cur = null;
  };
  const ESC: Record<string, string> = {
    n: "\n",
    t: "\t",
    r: "\r",
    a: "\x07",
    b: "\b",
    f: "\f",
    v: "\v",
    s: " ",
    "\\": "\\",
    '"': '"',
    "'": "'",
  };
  let quote: string | null = null;
  for (let k = 0; k < t.length; k++) {
    const c = t[k];
    if (!quote && (c === " " || c === "\t")) end();
    else if (!quote && (c === '"' || c === "'")) {
      quote = c;
      add(empty());
    } else if (c === quote) quote = null;
    else if (c === "\\" && k + 1 < t.length) {
      ch(ESC[t[k + 1]] ?? t[k + 1], k + 1);
      k++;
    } else if (c === "%" && t[k + 1] === "%") {
      ch("%", k);
      k++;
    } else if (c === "%" && /[a-zA-Z]/.test(t[k + 1] ?? "")) {
      const range: [number, number] = [o[k], o[k + 1] + 1];
      add(
        placed(t.slice(k, k + 2), range, [
          {
            message: `the specifier %${t[k + 1]} cannot be known here: systemd fills it in when the unit starts (the instance, unit or host name...); it is kept as written`,
            range,
          },
        ]),
      );
      k++;
    } else if (c === "$" && expand && t[k + 1] === "$") {
      ch("$", k);
      k++;
    } else if (c === "$" && expand && /[A-Za-z_{]/.test(t[k + 1] ?? "")) {
      // ${FOO} (also ${FOO:-default}, ${FOO:+alt}) anywhere; $FOO only as a word of its own,
      // where its value is split at white space (systemd.service, "Command lines").
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]|$))/.exec(t.slice(k));
      if (!m || (m[4] && (cur !== null || quote))) {
        ch(c, k);
        continue;
      }
      const name = m[1] ?? m[4];
      const range: [number, number] = [o[k], o[k + m[0].length - 1] + 1];
      const v = vars.get(name);
      if (m[2] === ":-" && !v?.text)
        add(
          placed(
            m[3],
            range,
            v
              ? []
              : [
                  {
                    message: `${name} is not set by an Environment= line of the unit: its default ${JSON.stringify(m[3])} is assumed; the environment may give it another value`,
                    range,
                    severity: "info",
                  },
                ],
          ),
        );
      else if (m[2] === ":+") add(placed(v?.text ? m[3] : "", range));
      else if (v) {
        if (m[4]) {
          v.text
            .split(/\s+/)
            .filter(Boolean)
            .forEach((part, n) => {
              if (n > 0) end();
              add(placed(part, range, v.notes));
            });
        } else add(placed(v.text, range, v.notes));
      } else {
        const why = envFiles.length
          ? `it is not set by an Environment= line (it may come from the EnvironmentFile= at line ${envFiles[0]})`
          : "no Environment= line of the unit sets it";
        add(
          placed(`\${${name}}`, range, [
            { message: `$${name} cannot be known here: ${why}; it is kept as the placeholder \${${name}}`, range },
          ]),
        );
      }
      k += m[0].length - 1;
    } else ch(c, k);
  }
  if (quote)
    problems.push({
      message: `unterminated ${quote === '"' ? "double" : "single"} quote`,
      range: [o[t.length - 1] ?? 0, (o[t.length - 1] ?? 0) + 1],
    });
  end();
  return out;
}

// ---------------------------------------------------------------------------------------------

/** The QEMU commands of a file: a systemd unit's ExecStart= lines, else a shell script. */
/** Options that ask QEMU a question (`-machine help`, `-cpu ?`) rather than describe a VM. */
const QUERY_VALUE = /^(help|\?)$|,help$/;
const QUERY_FLAG = /^(--?version|--?help|-h)$/;

/** A command that only asks QEMU something (`--version`, `-machine help`): no VM is started. */
export function isQuery(c: QemuCommand): boolean {
  return c.words.some((w, i) => QUERY_FLAG.test(w.text) || (i > 0 && c.words[i - 1].text.startsWith("-") && QUERY_VALUE.test(w.text)));
}

/** The ARM programs: `qemu-system-aarch64`, `qemu-system-arm`, and `qemu-kvm` on an ARM host. */
export const ARM_BINARY = /(^|\/)(qemu-system-(aarch64|arm)|qemu-kvm)$/;

/**
 * The one answer lint and import give to "is this an ARM program": `aarch64`, `arm` (32-bit, which
 * qemu-system-aarch64 also runs), `host` for `qemu-kvm` (the host's own QEMU: RHEL's
 * /usr/libexec/qemu-kvm is qemu-system-aarch64 on an ARM host; SUSE's legacy qemu-kvm is x86's),
 * or undefined for another architecture's program.
 */
export function armProgram(binary: string): "aarch64" | "arm" | "host" | undefined {
  const m = ARM_BINARY.exec(binary);
  return m ? (m[3] === "aarch64" ? "aarch64" : m[3] === "arm" ? "arm" : "host") : undefined;
}

export function qemuCommands(source: string): {
  commands: QemuCommand[];
  /** The passt commands of the file (see PEER), for the -netdev stream that connects to one. */
  peers: QemuCommand[];
  problems: ShellProblem[];
  optionsOnly?: Word[];
} {
  const r: ReturnType<typeof scriptCommands> = isSystemdUnit(source) ? unitCommands(source) : scriptCommands(source);
  // `qemu-system-aarch64 --version` or `-machine help` in a script start no VM: marked, so that
  // import does not take them for one and lint checks only their options.
  for (const c of r.commands) if (isQuery(c)) c.query = true;
  // Another architecture's VM beside ARM ones (a script that starts both) is not ours to read.
  const arm = r.commands.filter((c) => ARM_BINARY.test(c.binary ?? ""));
  const commands = arm.length ? arm : r.commands;
  if (commands.length === 0 && !r.optionsOnly) {
    // At the file's first command, if it has one.
    r.problems.push({ message: "no qemu-system-* command found in the file", range: r.first ?? [0, 0] });
  }
  return { ...r, commands };
}

/**
 * The first QEMU command of a script, as words for the option parser (a file holding only options,
 * no binary, is read as the arguments themselves). Problems include the command's warnings.
 */
export function qemuWords(source: string): { binary?: string; env: string[]; words: Word[]; problems: ShellProblem[] } {
  const r = qemuCommands(source);
  if (r.optionsOnly) return { env: [], words: r.optionsOnly, problems: r.problems };
  const c = r.commands[0];
  if (!c) return { env: [], words: [], problems: r.problems };
  return { binary: c.binary, env: c.env, words: c.words, problems: [...r.problems, ...c.problems] };
}
