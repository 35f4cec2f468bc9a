// Reads monitor scripts: QMP commands as JSON lines or one JSON array, and HMP commands one per
// line. A QMP human-monitor-command carries an HMP command, which is read too.
import { parseDocument, isMap, isSeq, isScalar, type Node } from "yaml";

export interface MonitorCommand {
  protocol: "qmp" | "hmp";
  name: string;
  range: [number, number];
}

export interface ScriptProblem {
  message: string;
  range: [number, number];
}

function hmpName(line: string): string {
  return line.trim().split(/\s+/)[0] ?? "";
}

/** One QMP command object (as a YAML node of the JSON text, for its ranges). */
function qmpFrom(node: Node | null, base: number, out: MonitorCommand[], problems: ScriptProblem[]): void {
  const r = (n: Node | null | undefined): [number, number] => (n?.range ? [base + n.range[0], base + n.range[1]] : [base, base]);
  if (!isMap(node)) {
    problems.push({ message: "a QMP command is a JSON object with an \"execute\" member", range: r(node) });
    return;
  }
  const exec = node.items.find((p) => isScalar(p.key) && (p.key.value === "execute" || p.key.value === "exec-oob"));
  if (!exec || !isScalar(exec.value) || typeof exec.value.value !== "string") {
    problems.push({ message: "a QMP command needs \"execute\" with a command name", range: r(node) });
    return;
  }
  out.push({ protocol: "qmp", name: exec.value.value, range: r(exec.value) });
  if (exec.value.value !== "human-monitor-command") return;
  const args = node.items.find((p) => isScalar(p.key) && p.key.value === "arguments");
  const cl = isMap(args?.value) ? args.value.items.find((p) => isScalar(p.key) && p.key.value === "command-line") : undefined;
  if (cl && isScalar(cl.value) && typeof cl.value.value === "string") out.push({ protocol: "hmp", name: hmpName(cl.value.value), range: r(cl.value) });
}

export function qmpCommands(text: string): { commands: MonitorCommand[]; problems: ScriptProblem[] } {
  const commands: MonitorCommand[] = [];
  const problems: ScriptProblem[] = [];
  const parse = (src: string, base: number) => {
    const doc = parseDocument(src, { strict: true, uniqueKeys: false });
    if (doc.errors.length) {
      const e = doc.errors[0];
      const end = base + src.length;
      problems.push({ message: `not valid JSON: ${e.message.split("\n")[0]}`, range: [Math.min(base + e.pos[0], end), Math.min(base + e.pos[1], end)] });
      return;
    }
    if (isSeq(doc.contents)) for (const item of doc.contents.items) qmpFrom(item as Node, base, commands, problems);
    else qmpFrom(doc.contents as Node | null, base, commands, problems);
  };
  if (text.trimStart().startsWith("[")) parse(text, 0);
  else {
    let offset = 0;
    for (const line of text.split("\n")) {
      if (line.trim() && !line.trimStart().startsWith("#")) parse(line, offset);
      offset += line.length + 1;
    }
  }
  return { commands, problems };
}

export function hmpCommands(text: string): { commands: MonitorCommand[]; problems: ScriptProblem[] } {
  const commands: MonitorCommand[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const lead = line.length - line.trimStart().length;
    const name = hmpName(line);
    if (name && !name.startsWith("#")) commands.push({ protocol: "hmp", name, range: [offset + lead, offset + lead + name.length] });
    offset += line.length + 1;
  }
  return { commands, problems: [] };
}
