// Reads monitor scripts: QMP commands as JSON objects (one per line, pretty-printed over several
// lines, or arrays of them), and HMP commands one per line. A QMP human-monitor-command carries an HMP command, which is read too.
import { parseDocument, isMap, isSeq, isScalar, type Node } from "yaml";

export interface MonitorCommand {
  protocol: "qmp" | "hmp";
  name: string;
  /** QMP: the names of its arguments; HMP: the words after the command name. */
  args?: string[];
  range: [number, number];
}

export interface ScriptProblem {
  message: string;
  range: [number, number];
}

function hmpName(line: string): string {
  return line.trim().split(/\s+/)[0] ?? "";
}

function hmpArgs(line: string): string[] {
  return line.trim().split(/\s+/).slice(1);
}

/** One QMP command object (as a YAML node of the JSON text, for its ranges). */
function qmpFrom(node: Node | null, base: number, out: MonitorCommand[], problems: ScriptProblem[]): void {
  const r = (n: Node | null | undefined): [number, number] => (n?.range ? [base + n.range[0], base + n.range[1]] : [base, base]);
  if (!isMap(node)) {
    problems.push({ message: 'a QMP command is a JSON object with an "execute" member', range: r(node) });
    return;
  }
  const exec = node.items.find((p) => isScalar(p.key) && (p.key.value === "execute" || p.key.value === "exec-oob"));
  if (!exec || !isScalar(exec.value) || typeof exec.value.value !== "string") {
    problems.push({ message: 'a QMP command needs "execute" with a command name', range: r(node) });
    return;
  }
  const args = node.items.find((p) => isScalar(p.key) && p.key.value === "arguments");
  const argNames = isMap(args?.value) ? args.value.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : [];
  out.push({ protocol: "qmp", name: exec.value.value, args: argNames, range: r(exec.value) });
  if (exec.value.value !== "human-monitor-command") return;
  const cl = isMap(args?.value) ? args.value.items.find((p) => isScalar(p.key) && p.key.value === "command-line") : undefined;
  if (cl && isScalar(cl.value) && typeof cl.value.value === "string")
    out.push({ protocol: "hmp", name: hmpName(cl.value.value), args: hmpArgs(cl.value.value), range: r(cl.value) });
}

/** Where the JSON value that starts at `i` ends (after its closing bracket), or -1 when nothing closes it. */
function valueEnd(text: string, i: number): number {
  const stack: string[] = [];
  for (let k = i; k < text.length; k++) {
    const c = text[k];
    if (c === '"') {
      for (k++; k < text.length && text[k] !== '"'; k++) if (text[k] === "\\") k++;
    } else if (c === "{" || c === "[") stack.push(c === "{" ? "}" : "]");
    else if (c === "}" || c === "]") {
      if (stack.pop() !== c) return k + 1;
      if (stack.length === 0) return k + 1;
    }
  }
  return -1;
}

/**
 * QMP commands: JSON objects one after another (one per line, or pretty-printed over several), or
 * arrays of them; `#` lines between them are comments. A value that is not JSON is reported in
 * JSON's terms (what was expected, where), at its position.
 */
export function qmpCommands(text: string): { commands: MonitorCommand[]; problems: ScriptProblem[] } {
  const commands: MonitorCommand[] = [];
  const problems: ScriptProblem[] = [];
  const lineOf = (at: number) => text.slice(0, at).split("\n").length;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const eol = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i);
    if (c === "#") {
      i = eol;
      continue;
    }
    if (c !== "{" && c !== "[") {
      problems.push({
        message: `not a QMP command: a command is a JSON object such as {"execute": "qmp_capabilities"}, and this line starts with ${JSON.stringify(c)}`,
        range: [i, eol],
      });
      i = eol;
      continue;
    }
    const end = valueEnd(text, i);
    if (end < 0) {
      problems.push({
        message: `unterminated JSON ${c === "{" ? "object" : "array"}: nothing closes the ${c} at line ${lineOf(i)}`,
        range: [i, i + 1],
      });
      break;
    }
    const src = text.slice(i, end);
    try {
      JSON.parse(src);
    } catch (e) {
      const m = /^(.*?)(?: in JSON)? at position (\d+)/.exec((e as Error).message);
      const at = m ? Math.min(i + Number(m[2]), end - 1) : i;
      // The most common hand-edit: a comma after the last member or element.
      const comma = /,\s*$/.exec(text.slice(i, at));
      if (comma && (text[at] === "}" || text[at] === "]"))
        problems.push({
          message: `not valid JSON: a comma before the closing ${text[at]} (JSON allows no trailing comma)`,
          range: [i + comma.index, i + comma.index + 1],
        });
      else problems.push({ message: `not valid JSON: ${m ? m[1] : (e as Error).message}`, range: [at, at + 1] });
      i = end;
      continue;
    }
    const doc = parseDocument(src, { uniqueKeys: false });
    if (isSeq(doc.contents)) for (const item of doc.contents.items) qmpFrom(item, i, commands, problems);
    else qmpFrom(doc.contents, i, commands, problems);
    i = end;
  }
  return { commands, problems };
}

export function hmpCommands(text: string): { commands: MonitorCommand[]; problems: ScriptProblem[] } {
  const commands: MonitorCommand[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const lead = line.length - line.trimStart().length;
    const name = hmpName(line);
    if (name && !name.startsWith("#"))
      commands.push({ protocol: "hmp", name, args: hmpArgs(line), range: [offset + lead, offset + lead + name.length] });
    offset += line.length + 1;
  }
  return { commands, problems: [] };
}
