// Extracts every list from a SUSE QEMU/KVM support statement (the flattened supported.*.txt
// format): supported and unsupported command-line options with their value lists, -device names
// and aliases, machine types, monitor (HMP) and QMP commands. Used to generate each profile's
// lists.ts and, in a test, to prove the generated data still matches the statement text.

/** A bracketed value list in an option's text, with the key before it when there is one (`if=[...]`). */
export interface ValueGroup {
  key?: string;
  values: string[];
}

export interface OptionEntry {
  flag: string;
  /** The text after the flag up to the next option, as the statement writes it. */
  text: string;
  groups: ValueGroup[];
  /** Parenthesized notes. */
  notes: string[];
  /** Offset of the flag in the statement text. */
  at: number;
}

/**
 * One item of the statement's "Deprecated, Superseded, Modified and Dropped Features" lists
 * ("These previously supported command line options are no longer recognized: -balloon (use
 * -device virtio-balloon instead) ..."): what it was, what it is now, and the replacement the
 * statement names. Read from line-structured statements (SLES 15); the SLES 12 SP3 text is
 * flattened to one line, so its items cannot be told apart: that section is read by hand-written
 * rules (docs/decisions.md).
 */
export interface StatementChange {
  /** The list the item was in before. */
  was: "supported" | "unsupported";
  kind: "option" | "hmp" | "qmp" | "machine";
  /** deprecated: still works; unsupported: no longer supported; removed: no longer recognized; renamed: supported under a new name. */
  status: "deprecated" | "unsupported" | "removed" | "renamed";
  /** The item as written, without its note: "-device ivshmem", "-balloon", "query-cpus". */
  item: string;
  /** The parenthesized note: "use ivshmem-doorbell or ivshmem-plain instead". */
  note?: string;
  /** Offset of the item in the statement text. */
  at: number;
}

export interface StatementLists {
  supportedOptions: OptionEntry[];
  unsupportedOptions: OptionEntry[];
  supportedHmp: string[];
  unsupportedHmp: string[];
  supportedQmp: string[];
  unsupportedQmp: string[];
  changes: StatementChange[];
}

const SECTIONS = [
  ["supportedOptions", "The following command line options are supported:"],
  ["supportedHmp", "The following monitor commands are supported:"],
  ["supportedQmp", "The following QMP commands are supported:"],
  ["unsupportedOptions", "The following command line options are unsupported:"],
  ["unsupportedHmp", "The following monitor commands are unsupported:"],
  ["unsupportedQmp", "The following QMP commands are unsupported:"],
] as const;

/**
 * The text of each section, with its offset; a section ends where the next "- The following"
 * starts (SLES 15 statements write one heading "-  The following", with two spaces).
 */
function sections(text: string): Record<string, { body: string; at: number }> {
  const out: Record<string, { body: string; at: number }> = {};
  for (const [name, heading] of SECTIONS) {
    const start = text.indexOf(heading);
    if (start < 0) throw new Error(`statement has no section "${heading}"`);
    const bodyAt = start + heading.length;
    const next = /-\s+The following/.exec(text.slice(bodyAt));
    const end = next ? bodyAt + next.index : text.length;
    out[name] = { body: text.slice(bodyAt, end), at: bodyAt };
  }
  return out;
}

function splitList(inner: string): string[] {
  return inner
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Options of a command-line section: a flag starts at a word boundary outside brackets and parentheses. */
function options(body: string, at: number): OptionEntry[] {
  const starts: { i: number; flags: string[]; len: number }[] = [];
  let bracket = 0;
  let paren = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "[") bracket++;
    else if (c === "]") bracket--;
    else if (c === "(") paren++;
    else if (c === ")") paren--;
    else if (c === "-" && bracket === 0 && paren === 0 && (i === 0 || /\s/.test(body[i - 1]))) {
      const m = /^-[A-Za-z][A-Za-z0-9_-]*(?:\/-[A-Za-z][A-Za-z0-9_-]*)*/.exec(body.slice(i));
      if (m) {
        starts.push({ i, flags: m[0].split("/"), len: m[0].length });
        i += m[0].length - 1;
      }
    }
  }
  const out: OptionEntry[] = [];
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1].i : body.length;
    const text = body.slice(s.i + s.len, end).trim();
    const groups: ValueGroup[] = [];
    for (const m of text.matchAll(/(?:([a-z.]+)=)?\[([^\]]*)\]/g)) groups.push({ ...(m[1] ? { key: m[1] } : {}), values: splitList(m[2]) });
    const notes: string[] = [];
    let depth = 0;
    let startNote = -1;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "(") {
        if (depth++ === 0) startNote = i + 1;
      } else if (text[i] === ")" && --depth === 0) notes.push(text.slice(startNote, i).trim());
    }
    for (const flag of s.flags) out.push({ flag, text, groups, notes, at: at + s.i });
  });
  return out;
}

/**
 * Commands of a monitor section: words, without the "..." that stands for arguments. Errata fix
 * typos of the statement text (documented in docs/decisions.md), e.g. "nbd server_start".
 */
function commands(body: string, errata: Record<string, string>): string[] {
  let text = body;
  for (const [wrong, right] of Object.entries(errata)) text = text.split(wrong).join(right);
  return text
    .split(/\s+/)
    .map((w) => w.replace(/\.\.\.?$/, ""))
    .filter((w) => w && w !== "..." && w !== "-");
}

export const COMMAND_ERRATA: Record<string, string> = { "nbd server_start": "nbd_server_start" };

const CHANGE_HEADING =
  /^- (?:These|This) previously (supported|unsupported) (command line options?|QMP commands?|monitor commands?) (?:is|are) (now considered deprecated|now deprecated|no longer supported|no longer recognized|now supported under a new name):\s*$/;
const MACHINE_CHANGE = /^- The previously (supported|unsupported) machine type (\S+) is no longer recognized(?:\s*\(([^)]*)\))?/;

function changeKind(words: string): StatementChange["kind"] {
  return words.startsWith("command") ? "option" : words.startsWith("QMP") ? "qmp" : "hmp";
}

function changeStatus(words: string): StatementChange["status"] {
  return words.includes("deprecated")
    ? "deprecated"
    : words.includes("new name")
      ? "renamed"
      : words.includes("recognized")
        ? "removed"
        : "unsupported";
}

/** The items of every "These previously ... :" list of the deprecation section (line-structured texts only). */
function changes(text: string): StatementChange[] {
  const out: StatementChange[] = [];
  const lines = text.split("\n");
  let at = 0;
  let current: Omit<StatementChange, "item" | "at" | "note"> | undefined;
  for (const line of lines) {
    const lineAt = at;
    at += line.length + 1;
    const heading = CHANGE_HEADING.exec(line);
    if (heading) {
      current = { was: heading[1] as "supported" | "unsupported", kind: changeKind(heading[2]), status: changeStatus(heading[3]) };
      continue;
    }
    const machine = MACHINE_CHANGE.exec(line);
    if (machine) {
      // The note may run onto the next line: "(used xlnx-zcu102 unstead)".
      const rest = lines[lines.indexOf(line) + 1] ?? "";
      const note = machine[3] ?? /^\s*\(([^)]*)\)/.exec(rest)?.[1];
      out.push({
        was: machine[1] as "supported" | "unsupported",
        kind: "machine",
        status: "removed",
        item: machine[2],
        ...(note ? { note } : {}),
        at: lineAt + line.indexOf(machine[2]),
      });
      current = undefined;
      continue;
    }
    if (!current) continue;
    if (!/^ {2}\S/.test(line)) {
      current = undefined;
      continue;
    }
    const body = line.trim();
    // "<none>", "<previously mentioned items have been moved to another category>": no item.
    if (body.startsWith("<")) continue;
    const m = /^(.*?)\s*(?:\((.*)\))?$/.exec(body)!;
    const item = m[1].replace(/\s*\.\.\.$/, "");
    // "-device pci-assign, -device kvm-pci-assign (use -device vfio-pci instead)": two items.
    const parts = item.split(/,\s+(?=-)/);
    for (const part of parts) out.push({ ...current, item: part, ...(m[2] ? { note: m[2] } : {}), at: lineAt + line.indexOf(part) });
  }
  return out;
}

export function extractLists(text: string): StatementLists {
  const s = sections(text);
  return {
    supportedOptions: options(s.supportedOptions.body, s.supportedOptions.at),
    unsupportedOptions: options(s.unsupportedOptions.body, s.unsupportedOptions.at),
    supportedHmp: commands(s.supportedHmp.body, COMMAND_ERRATA),
    unsupportedHmp: commands(s.unsupportedHmp.body, COMMAND_ERRATA),
    supportedQmp: commands(s.supportedQmp.body, {}),
    unsupportedQmp: commands(s.unsupportedQmp.body, {}),
    changes: changes(text),
  };
}

/** The values of the first bracket group of `flag` in `entries`. */
export function valuesOf(entries: OptionEntry[], flag: string, key?: string): string[] {
  const e = entries.find((x) => x.flag === flag);
  const g = e?.groups.find((x) => x.key === key);
  return g?.values ?? [];
}

/** Names listed in a note "(the following are aliases of these ... devices: a| b| c)". */
export function aliasesOf(entries: OptionEntry[], flag: string): string[] {
  const e = entries.find((x) => x.flag === flag);
  const note = e?.notes.find((n) => /^the following are aliases/.test(n));
  return note ? splitList(note.slice(note.indexOf(":") + 1)) : [];
}

/**
 * The values an entry names in plain words before its "..." or its brackets: `-cpu host` gives
 * host, `-tpmdev passthrough ...` gives passthrough (the only backend the statement supports).
 */
export function leadingValuesOf(entries: OptionEntry[], flag: string): string[] {
  const e = entries.find((x) => x.flag === flag);
  const out: string[] = [];
  for (const w of e?.text.split(/\s+/) ?? []) {
    if (!/^[a-z][a-z0-9_-]*$/.test(w)) break;
    out.push(w);
  }
  return out;
}
