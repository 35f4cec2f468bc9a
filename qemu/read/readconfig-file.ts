// Reads a QEMU -readconfig file into options, one per section, keeping line positions. Sections
// map to the option they stand for ([drive "x"] → -drive with id=x); the deprecated names
// [acpi], [boot-opts] and [smp-opts] map to -acpitable, -boot and -smp and keep their section name.
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { QemuOption, Prop } from "../options.js";
import type { ParseProblem } from "../parse-options.js";

const FLAG_OF: Record<string, string> = {
  memory: "-m",
  "boot-opts": "-boot",
  boot: "-boot",
  "smp-opts": "-smp",
  smp: "-smp",
  acpi: "-acpitable",
  acpitable: "-acpitable",
};
/** The implied first key of each group, so the option reads like its command-line form. */
const IMPLIED: Record<string, string> = {
  device: "driver",
  netdev: "type",
  chardev: "backend",
  object: "qom-type",
  fsdev: "fsdriver",
  machine: "type",
  memory: "size",
  name: "guest",
};

export function readconfigOptions(text: string): { options: QemuOption[]; problems: ParseProblem[] } {
  const options: QemuOption[] = [];
  const problems: ParseProblem[] = [];
  let cur: QemuOption | undefined;
  let offset = 0;
  for (const line of text.split("\n")) {
    const start = offset;
    offset += line.length + 1;
    const body = line.replace(/\r$/, "");
    const range: [number, number] = [start, start + body.length];
    if (/^\s*(#|$)/.test(body)) continue;
    const header = /^\[([A-Za-z0-9_-]+)(?:\s+"([^"]*)")?\]\s*$/.exec(body);
    if (header) {
      const [, group, id] = header;
      cur = {
        flag: FLAG_OF[group] ?? `-${group}`,
        props: id !== undefined ? [{ key: "id", value: id, range }] : [],
        path: [],
        range,
        section: group,
      };
      options.push(cur);
      continue;
    }
    const kv = /^\s*([A-Za-z0-9_.-]+)\s*=\s*"([^"]*)"\s*$/.exec(body);
    if (kv && cur) {
      const prop: Prop = { key: kv[1], value: kv[2], range };
      if (IMPLIED[cur.section!] === kv[1]) {
        prop.implied = true;
        cur.props!.unshift(prop);
      } else cur.props!.push(prop);
      cur.range = [cur.range![0], range[1]];
      continue;
    }
    problems.push({
      message: kv ? 'a key = "value" line before any [section]' : `not a -readconfig line: expected [group "id"] or key = "value"`,
      path: [],
      range,
    });
  }
  return { options, problems };
}

/**
 * The options of the -readconfig file that option `o` names (relative to `baseDir`), standing
 * where `o` stands: what is found in them points at `o`. Throws when the file cannot be read.
 */
export function namedConfigOptions(o: QemuOption, baseDir: string): { path: string; options: QemuOption[]; problems: ParseProblem[] } {
  const path = isAbsolute(o.raw!) ? o.raw! : resolve(baseDir, o.raw!);
  const read = readconfigOptions(readFileSync(path, "utf8"));
  return {
    path,
    options: read.options.map((c) => ({ ...c, range: o.range, props: c.props?.map(({ range: _r, ...p }) => p) })),
    problems: read.problems,
  };
}
