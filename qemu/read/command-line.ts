// One reader for a QEMU command line written in a file (`vmspec lint --argv`, `vmspec import`):
// the shell reader (shell-words.ts) finds each QEMU command of the file and its words,
// parseOptions groups them into options, and a -readconfig file an option names is read too.
// What to make of a -readconfig file is the caller's: lint keeps the option beside the file's
// options, import puts the file's options in its place; both get the same reading here.
import { describe } from "../../core/files.js";
import type { QemuOption } from "../options.js";
import { parseOptions, type ParseProblem, type Word } from "../parse-options.js";
import { isQuery, qemuCommands, type ShellProblem } from "./shell-words.js";
import { argvFileCommand, lineContinuationProblems } from "./argv-file.js";
import { namedConfigOptions } from "./readconfig-file.js";
import { attachPasst, readPasst, type PasstCommand } from "./passt-command.js";

/**
 * A -readconfig file named on the command line (`option`, at `index` in the command's options):
 * its options, which stand where the option stands (what is found in them points at it), and its
 * syntax problems; or, when it cannot be read, why (`cannot read the -readconfig file x: ...`).
 */
export type NamedReadconfig = { option: QemuOption; index: number } & (
  { path: string; options: QemuOption[]; problems: ParseProblem[] } | { error: string }
);

/** A command's options, as written, and the -readconfig files they name. */
export interface CommandLineOptions {
  /** The options in order; a -readconfig option stays (its file's options are in `readconfigs`). */
  options: QemuOption[];
  problems: ParseProblem[];
  /** Each -readconfig file named (an option with a value), in order. */
  readconfigs: NamedReadconfig[];
  /**
   * Words standing where an option would, that are wholly a value the script does not let us know
   * (`$QEMU_EXTRA`, `"${EXTRA[@]}"`, `$(...)`): they may be any options, or none. Not an error (the
   * warning about the value says it cannot be known); they are in no option.
   */
  unknownWords: Word[];
}

/** One QEMU command of the file. */
export interface CommandLineCommand {
  /** The binary, as written; absent when the file holds only options. */
  binary?: string;
  /** It only asks QEMU something (`--version`, `-machine help`, `-cpu ?`): no VM is started. */
  query?: boolean;
  /** The environment assignments in front of it. */
  env: string[];
  /** The wrappers in front of the binary, as written (`sudo -u qemu`). */
  wrappers: string[];
  words: Word[];
  /** The binary word's range (where "command n" is); [0, 0] when the file holds only options. */
  range: [number, number];
  /** Warnings about values in this command that cannot be known. */
  problems: ShellProblem[];
  /** Its options and -readconfig files, read on the first call (a caller may want one command only). */
  read(): CommandLineOptions;
}

export interface CommandLine {
  /** Each QEMU command of the file; one, without binary, when the file holds only options. */
  commands: CommandLineCommand[];
  /** Problems of the file as a whole (no QEMU command found, shell syntax). */
  problems: ShellProblem[];
  /** The file holds only options, no binary (read as the arguments themselves). */
  optionsOnly: boolean;
  /**
   * The passt commands of the file: each is hung on the -netdev stream whose socket is its
   * `--socket` (QemuOption.passt), since its forwards are not on QEMU's command line.
   */
  passt: PasstCommand[];
}

/** Reads a shell script, systemd unit or bare option list; -readconfig files are found relative to `baseDir`. */
export function readCommandLine(text: string, baseDir: string): CommandLine {
  // vmspec build --format argv's output: one argument per line (argv-file.ts).
  const argvFile = argvFileCommand(text);
  if (argvFile && isQuery(argvFile)) argvFile.query = true;
  const shell = argvFile ? { commands: [argvFile], peers: [], problems: [], optionsOnly: undefined } : qemuCommands(text);
  // A QEMU command followed by a line starting with "-": those options are a command of their own.
  if (!argvFile) for (const c of shell.commands) c.problems.push(...lineContinuationProblems(text, c));
  const commands: Omit<CommandLineCommand, "read">[] = shell.optionsOnly
    ? [{ env: [], wrappers: [], words: shell.optionsOnly, problems: [], range: [0, 0] }]
    : shell.commands;
  const passt = shell.peers.map((c) => readPasst(c.words, c.range));
  return {
    commands: commands.map((c) => {
      let read: CommandLineOptions | undefined;
      return { ...c, read: () => (read ??= readOptions(c.words, baseDir, c.problems, passt)) };
    }),
    problems: shell.problems,
    optionsOnly: shell.optionsOnly !== undefined,
    passt,
  };
}

/** A word that is wholly a value that cannot be known (a placeholder, or a substitution kept as written). */
function whollyUnknown(w: Word, warnings: ShellProblem[]): boolean {
  if (!w.range || !/^(\$\{[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\}|\$\(.*\)|`.*`)$/s.test(w.text)) return false;
  return warnings.some((p) => p.severity === "warning" && p.range[0] >= w.range![0] && p.range[1] <= w.range![1]);
}

function readOptions(words: Word[], baseDir: string, warnings: ShellProblem[] = [], passt: PasstCommand[] = []): CommandLineOptions {
  const parsed = parseOptions(words);
  attachPasst(parsed.options, passt);
  // A word that is wholly unknown where an option would stand is not "a disk image": it may be
  // any options, or none, and its warning says so already.
  const strays = new Set(parsed.problems.filter((p) => p.range && /is not an option/.test(p.message)).map((p) => p.range![0]));
  const unknownWords = words.filter((w) => w.range && strays.has(w.range[0]) && whollyUnknown(w, warnings));
  const unknownAt = new Set(unknownWords.map((w) => w.range![0]));
  parsed.problems = parsed.problems.filter((p) => !(p.range && unknownAt.has(p.range[0]) && /is not an option/.test(p.message)));
  const readconfigs: NamedReadconfig[] = [];
  parsed.options.forEach((o, index) => {
    // parseOptions marks options as a spec's extraArgs; these come from a file.
    delete o.extra;
    if (o.flag !== "-readconfig" || !o.raw) return;
    try {
      readconfigs.push({ option: o, index, ...namedConfigOptions(o, baseDir) });
    } catch (e) {
      readconfigs.push({ option: o, index, error: describe(e, `the -readconfig file ${o.raw}`) });
    }
  });
  return { options: parsed.options, problems: parsed.problems, readconfigs, unknownWords };
}
