// Options → the argument vector QEMU receives (without the binary).
import type { QemuOption } from "../../qemu/options.js";
import { serializeProps } from "../../qemu/escape.js";

/** The words of one option. */
export function optionWords(o: QemuOption): string[] {
  if (o.props) return [o.flag, serializeProps(o.props)];
  if (o.raw !== undefined) return [o.flag, o.raw];
  return [o.flag];
}

/** The argument vector for a list of options. */
export function toArgv(options: QemuOption[]): string[] {
  return options.flatMap(optionWords);
}

/** The `argv` output format: one argument per line. A newline inside an argument cannot be written so. */
export function emitArgvText(binary: string, options: QemuOption[]): string {
  const argv: string[] = [];
  for (const o of options) {
    for (const word of optionWords(o)) {
      if (word.includes("\n")) {
        // At the field that holds the newline: the property's own spec path, else the option's.
        const at = o.props?.find((p) => p.value.includes("\n"))?.path ?? o.path;
        throw new EmitError(
          `the argv format cannot hold an argument with a newline (${JSON.stringify(word)}): use --format shell or json`,
          at,
        );
      }
      argv.push(word);
    }
  }
  return [binary, ...argv].join("\n") + "\n";
}

/** An output the chosen format cannot represent. */
export class EmitError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[] = [],
  ) {
    super(message);
  }
}
