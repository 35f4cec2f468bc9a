// Turns QEMU's deprecated.rst and removed-features.rst (rules/data/qemu/texts/, one of each per
// QEMU release read) into the data the qemu-removed and qemu-deprecated rules use. A heading that
// names its items in backticks and a version — ``-balloon`` (removed in 3.1) — is read by rule
// (its section says what kind of item it is); every other heading is read by hand in readings.ts,
// and the entries made from it are marked so.
import { readHeadings } from "./rst.js";
import { READINGS, REPLACEMENTS, type Reading, type ItemSpec } from "./readings.js";

import type { ChangeKind, QemuChange, UnlintedHeading, VersionedMachinePolicy } from "../../rules/data/qemu/types.js";

export type { ChangeKind };

export interface TextFile {
  /** deprecated-v7.2.0.rst */
  name: string;
  kind: "deprecated" | "removed";
  /** The QEMU release it is from: 7.2, 10.2 (the master snapshot 10.2.50 is read as 10.2's lists). */
  release: string;
  text: string;
}

/** The version parenthetical at a heading's end: (since 6.0), (removed in 3.1), (x86, since 6.0), (removed in 4.0 up to 9.0). */
const VERSION_TAIL = /\s*\((?:[^()]*,\s*)?(since|removed in)\s+(\d+\.\d+)(?:\s+up to\s+(\d+\.\d+))?\)\s*$/;

/** A heading's title without its version parenthetical: the key of its reading. */
export function headingKey(title: string): string {
  return title.replace(VERSION_TAIL, "").trim();
}

const STRICT = /^((?:``[^`]+``)(?:(?:,\s*|\s+and\s+|\s*&\s*|,?\s+or\s+)``[^`]+``)*)(?:\s+option)?$/;

export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}

type Item = Omit<QemuChange, "sources" | "deprecatedSince" | "removedIn" | "withdrawnIn" | "replacement" | "byHand">;

/** One backticked item of a command-line heading: -balloon, -net dump, -device virtio-blk,scsi=on|off, -vnc ...,tls=... */
export function optionItem(text: string): Item | undefined {
  const m = /^--?([a-z][a-z0-9-]*)(?:\s+(.*))?$/.exec(text.trim());
  if (!m) return undefined;
  const flag = "-" + m[1];
  const rest = (m[2] ?? "").trim();
  if (rest === "") return { kind: "option", name: flag, flag };
  const parts = rest.split(",").map((p) => p.trim());
  const first = parts[0] !== "..." && !parts[0].includes("=") ? parts[0] : undefined;
  const keyed = parts.find((p) => p.includes("="));
  const prop = keyed?.split("=")[0];
  if (flag === "-device" && first && !prop) return { kind: "device", name: first, flag, value: first };
  if (prop) return { kind: "property", name: `${flag} ${first ? first + "," : ""}${prop}=`, flag, value: first, prop };
  if (first && parts.length === 1 && /^[a-z0-9_-]+$/.test(first)) return { kind: "option", name: `${flag} ${first}`, flag, value: first };
  return undefined;
}

function itemsBySection(section: string, names: string[]): Item[] | undefined {
  const s = section.toLowerCase();
  const out: Item[] = [];
  for (const n of names) {
    let item: Item | undefined;
    if (/command line arguments|device options/.test(s) && !s.startsWith("user-mode")) item = optionItem(n);
    else if (s.startsWith("qemu machine protocol (qmp) commands") && /^[a-z][a-z0-9_-]*$/.test(n)) item = { kind: "qmp", name: n };
    else if (s.startsWith("human m") && /^[a-z][a-z0-9_ -]*$/.test(n)) item = { kind: "hmp", name: n };
    else if (s === "system emulator machines" && /^[a-z0-9][a-z0-9_.-]*$/i.test(n)) item = { kind: "machine", name: n };
    else if (s === "system emulator cpus" && /^[a-z0-9][a-z0-9_.+-]*$/i.test(n)) item = { kind: "cpu", name: n };
    else if (s === "system emulator devices" || s === "vfio devices")
      item = n.startsWith("-")
        ? optionItem(n)
        : /^[a-z0-9][a-z0-9_.-]*$/i.test(n)
          ? { kind: "device", name: n, flag: "-device", value: n }
          : undefined;
    if (!item) return undefined;
    out.push(item);
  }
  return out;
}

/** A replacement named in an entry's text: "Use ``X`` instead", "replaced by ``X``", ... */
export function replacementIn(body: string): string | undefined {
  const flat = body.replace(/\s+/g, " ");
  const patterns = [
    /\b(?:[Uu]se|using|[Pp]lease use|should be used|specify|set|Migrate to)\s+(?:the\s+|a\s+|an\s+)?(?:new\s+|newer\s+)?(?:[a-z-]+\s+)?``([^`]+)``/,
    /\b[Rr]eplaced by\s+(?:the\s+)?(?:[a-z-]+\s+)?``([^`]+)``/,
    /\bin favou?r of\s+(?:the\s+)?(?:[a-z-]+\s+)?``([^`]+)``/,
    /``([^`]+)``\s+(?:should be used|instead)\b/,
    /\brenamed\s+(?:to\s+)?``([^`]+)``/,
  ];
  for (const p of patterns) {
    const m = p.exec(flat);
    if (m) return m[1];
  }
  return undefined;
}

export interface Extracted {
  changes: QemuChange[];
  unlinted: UnlintedHeading[];
  /** The versioned machine type policy: from which release each list states it. */
  versionedMachines: VersionedMachinePolicy;
  /** Headings neither read by rule nor by hand: must be empty (the test says which). */
  unread: { file: string; line: number; heading: string }[];
}

const keyOf = (i: Item) => [i.kind, i.flag ?? "", i.value ?? "", i.prop ?? "", i.arg ?? "", i.name].join("|");

/** The release of a text file: deprecated-v7.2.0.rst → 7.2, removed-features-master-10.2.50.rst → 10.2. */
export function releaseOf(file: string): string {
  const m = /-(?:v|master-)(\d+)\.(\d+)\.\d+\.rst$/.exec(file)!;
  return `${m[1]}.${m[2]}`;
}

export function extract(files: TextFile[]): Extracted {
  const byKey = new Map<string, QemuChange>();
  const unlinted: UnlintedHeading[] = [];
  const unread: Extracted["unread"] = [];
  const versionedMachines: Extracted["versionedMachines"] = { sources: [] };
  // Which releases' deprecated lists name each entry (to find ones dropped without removal).
  const listedIn = new Map<string, Set<string>>();
  const ordered = [...files].sort((a, b) => compareVersions(a.release, b.release));
  for (const f of ordered) {
    for (const h of readHeadings(f.text)) {
      if ((h.level !== "'" && h.level !== "^") || h.isGroup) continue;
      const key = headingKey(h.title);
      const tail = VERSION_TAIL.exec(h.title);
      const reading: Reading | undefined = READINGS[key];
      const source = { file: f.name, line: h.line };
      if (reading && "none" in reading) {
        unlinted.push({ ...source, heading: h.title, reason: reading.none });
        continue;
      }
      if (reading && "versionedMachines" in reading) {
        if (f.kind === "deprecated") versionedMachines.deprecatedFrom ??= f.release;
        else versionedMachines.removedFrom ??= f.release;
        versionedMachines.sources.push(source);
        continue;
      }
      let items: (Item & { replacement?: string })[] | undefined;
      const strict = STRICT.exec(key);
      if (reading) items = reading.items.map((i: ItemSpec) => itemFromSpec(i));
      else if (strict && tail)
        items = itemsBySection(
          h.section,
          [...strict[1].matchAll(/``([^`]+)``/g)].map((m) => m[1]),
        );
      if (!items) {
        unread.push({ ...source, heading: h.title });
        continue;
      }
      const version = reading?.version ?? tail?.[2];
      if (!version) {
        unread.push({ ...source, heading: h.title + " (no version)" });
        continue;
      }
      const replacement = reading?.replacement ?? replacementIn(h.body);
      for (const item of items) {
        const k = keyOf(item);
        let c = byKey.get(k);
        if (!c) byKey.set(k, (c = { ...item, sources: [] }));
        if (reading) c.byHand = true;
        c.sources.push(source);
        if (f.kind === "deprecated") {
          if (!c.deprecatedSince || compareVersions(version, c.deprecatedSince) < 0) c.deprecatedSince = version;
          let s = listedIn.get(k);
          if (!s) listedIn.set(k, (s = new Set()));
          s.add(f.release);
        } else if (!c.removedIn || compareVersions(version, c.removedIn) < 0) c.removedIn = version;
        const rep = item.replacement ?? replacement;
        if (rep && !c.replacement) c.replacement = rep;
      }
    }
  }
  // Deprecated, then dropped from a later deprecated list without being removed: withdrawn.
  const depReleases = ordered.filter((f) => f.kind === "deprecated").map((f) => f.release);
  for (const [k, c] of byKey) {
    const s = listedIn.get(k);
    if (!s || c.removedIn) continue;
    const last = depReleases.filter((r) => s.has(r)).at(-1);
    const next = depReleases.find((r) => last && compareVersions(r, last) > 0);
    if (next) c.withdrawnIn = next;
  }
  for (const c of byKey.values()) {
    if (!Object.hasOwn(REPLACEMENTS, c.name)) continue;
    const r = REPLACEMENTS[c.name];
    if (r === null) delete c.replacement;
    else c.replacement = r;
    c.replacementByHand = true;
  }
  const changes = [...byKey.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return { changes, unlinted, versionedMachines, unread };
}

function itemFromSpec(i: ItemSpec): Item & { replacement?: string } {
  if (typeof i === "string") {
    const o = optionItem(i);
    if (!o) throw new Error(`readings.ts: ${i} is not an option item`);
    return o;
  }
  return { ...i, name: i.name };
}
