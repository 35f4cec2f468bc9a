// Groups command-line words into QEMU options (flag + properties or literal value). Used for a
// spec's extraArgs; the same grouping serves any command line read from a file.
import type { SpecPath } from "../spec/nodes.js";
import type { QemuOption } from "./options.js";
import { BARE_FLAGS, JSON_FLAGS, PROPERTY_FLAGS, canonicalFlag } from "./flags.js";
import { parseProps } from "./parse-props.js";

export interface Word {
  text: string;
  /** Where the word came from, carried onto the option it starts. */
  path: SpecPath;
  /** For a word read from a file: its source range, and the source offset of each character. */
  range?: [number, number];
  offsets?: number[];
}

export interface ParseProblem {
  message: string;
  path: SpecPath;
  range?: [number, number];
  /** The finding id: `target-unsupported` for a field the target QEMU lacks; `extra-args-invalid` when unset. */
  id?: "target-unsupported";
}

/** The source range of characters [from, to) of a word read from a file. */
function span(w: Word, from: number, to: number): [number, number] | undefined {
  if (!w.offsets || !w.range) return w.range;
  if (w.offsets.length === 0) return w.range;
  const a = w.offsets[Math.min(from, w.offsets.length - 1)];
  const b = to > from ? w.offsets[Math.min(to, w.offsets.length) - 1] + 1 : a;
  return [a, b];
}

function withRanges(flagWord: Word, valueWord: Word | undefined, o: QemuOption): QemuOption {
  if (!flagWord.range) return o;
  o.range = [flagWord.range[0], (valueWord?.range ?? flagWord.range)[1]];
  return o;
}

/** Groups words into options; a flag missing its argument or a stray word is a problem. */
export function parseOptions(words: Word[]): { options: QemuOption[]; problems: ParseProblem[] } {
  const options: QemuOption[] = [];
  const problems: ParseProblem[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.text.startsWith("-") || w.text === "-") {
      // QEMU reads a lone non-option word as the first disk image (-hda), which is never what a spec means.
      problems.push({
        message: `${JSON.stringify(w.text)} is not an option: QEMU would take it as a disk image (-hda)`,
        path: w.path,
        range: w.range,
      });
      continue;
    }
    const flag = canonicalFlag(w.text);
    if (BARE_FLAGS.has(flag)) {
      options.push(withRanges(w, undefined, { flag, path: w.path, extra: true }));
      continue;
    }
    const value = words[i + 1];
    if (!value) {
      problems.push({ message: `${w.text} needs an argument`, path: w.path, range: w.range });
      break;
    }
    i++;
    if (flag in PROPERTY_FLAGS) {
      const parsed = parseProps(flag, value.text);
      const props = parsed.props.map((p, k) => {
        const from = parsed.offsets[k];
        const to = k + 1 < parsed.offsets.length ? parsed.offsets[k + 1] - 1 : value.text.length;
        const range = parsed.json ? value.range : span(value, from, Math.max(from, to));
        // A spec's extraArgs item has no range: a property points at the item that holds it.
        return range ? { ...p, range } : { ...p, path: value.path };
      });
      const json = JSON_FLAGS.has(flag) && value.text.trimStart().startsWith("{");
      options.push(withRanges(w, value, { flag, props, path: w.path, extra: true, ...(json ? { json: true as const } : {}) }));
    } else options.push(withRanges(w, value, { flag, raw: value.text, path: w.path, extra: true }));
  }
  return { options, problems };
}
