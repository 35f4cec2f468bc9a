// Groups command-line words into QEMU options (flag + properties or literal value). Used for a
// spec's extraArgs; the same grouping serves any command line read from a file.
import type { SpecPath } from "../spec/nodes.js";
import type { QemuOption } from "./options.js";
import { BARE_FLAGS, PROPERTY_FLAGS, canonicalFlag } from "./qemu-flags.js";
import { parseProps } from "./parse-props.js";

export interface Word {
  text: string;
  /** Where the word came from, carried onto the option it starts. */
  path: SpecPath;
}

export interface ParseProblem {
  message: string;
  path: SpecPath;
}

/** Groups words into options; a flag missing its argument or a stray word is a problem. */
export function parseOptions(words: Word[]): { options: QemuOption[]; problems: ParseProblem[] } {
  const options: QemuOption[] = [];
  const problems: ParseProblem[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.text.startsWith("-") || w.text === "-") {
      // QEMU reads a lone non-option word as the first disk image (-hda), which is never what a spec means.
      problems.push({ message: `${JSON.stringify(w.text)} is not an option: QEMU would take it as a disk image (-hda)`, path: w.path });
      continue;
    }
    const flag = canonicalFlag(w.text);
    if (BARE_FLAGS.has(flag)) {
      options.push({ flag, path: w.path, extra: true });
      continue;
    }
    const value = words[i + 1];
    if (!value) {
      problems.push({ message: `${w.text} needs an argument`, path: w.path });
      break;
    }
    i++;
    if (flag in PROPERTY_FLAGS) options.push({ flag, props: parseProps(flag, value.text).props, path: w.path, extra: true });
    else options.push({ flag, raw: value.text, path: w.path, extra: true });
  }
  return { options, problems };
}
