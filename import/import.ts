// `vmspec import`: a shell command line or a -readconfig file → a spec that compiles back to the
// same options. Options become fields when a field reproduces them exactly (singletons such as
// -name and -m first, then the multi-option shapes and defaults of groups.ts); everything else is
// kept, in order, in extraArgs with the reason; what cannot be read at all is a problem with its
// position. Nothing is dropped silently.
import { prop, type QemuOption } from "../qemu/options.js";
import { parseOptions, type Word } from "../qemu/parse-options.js";
import { readCommandLine, type CommandLineCommand, type NamedReadconfig } from "../qemu/read/command-line.js";
import { readconfigOptions } from "../qemu/read/readconfig-file.js";
import { optionWords } from "../compiler/emit/argv.js";
import { QEMU_BINARY } from "../compiler/compile.js";
import {
  backendsOf,
  claim,
  compiledOptions,
  keptBecause,
  outOfPlace,
  trySingleton,
  withDeviceProperties,
  type ImportState,
} from "./map.js";
import { devicePlaces, proposals } from "./groups.js";
import { extraProposals } from "./groups-extra.js";
import { blockdevProposals, rawRenamed, renameBlockdevNodes } from "./groups-blockdev.js";
import { optionDifference } from "./equivalence.js";
import { respell } from "./respell.js";
import { mergeRepeated } from "./merge-repeated.js";
import { parseTarget, type QemuVersion } from "../qemu/targets.js";
import { PROFILES } from "../rules/data/profiles.js";
import { armProgram } from "../qemu/read/shell-words.js";
import { inferTarget, type InferredTarget } from "./target.js";
import { passtNotes, streamKeptWhy } from "./passt-kept.js";
import { positionIn } from "../core/positions.js";
import { targetNeeds, targetRefusals } from "../qemu/since.js";

export type ImportSource = "argv" | "readconfig" | "libvirt";

export interface ImportProblem {
  severity: "error" | "warning";
  message: string;
  range: [number, number];
}

export interface KeptOption {
  words: string[];
  why: string;
  range?: [number, number];
}

export interface ImportResult {
  /** The spec, without extraArgs (they are in `kept`); absent when the input could not be read. */
  spec?: Record<string, unknown>;
  /** The input options that became fields. */
  mapped: { flag: string; range?: [number, number] }[];
  kept: KeptOption[];
  /** The environment assignments in front of the command (not part of a spec). */
  env: string[];
  binary?: string;
  problems: ImportProblem[];
  /** The QEMU version the fields were checked for. */
  qemu?: QemuVersion;
  /**
   * The profile and target read from the command line when neither --qemu nor --profile was
   * given (import/target.ts); the spec's header names them in `# vmspec-profile` / `# vmspec-qemu`
   * comments, so that lint and build use them without flags.
   */
  inferred?: InferredTarget;
  /** The profile given with --profile. */
  profile?: string;
  /** What the input is, in the header's sentence about the QEMU it needs (default: the command line). */
  needsOf?: "domain";
  /** What the spec's header should say about how the input was read (command chosen, name given, wrappers). */
  notes?: string[];
  /** Some options mapped only as respelled (import/respell.ts): the build is the same VM, not the same words. */
  respelled?: boolean;
}

/** A command line without -name (most wiki and blog scripts) is named by --name, or the file's name. */
function withName(read: Read, io: ImportOptions): Read {
  if (io.name === undefined || read.options.some((o) => o.flag === "-name") || read.problems.some((p) => p.severity === "error"))
    return read;
  const name: QemuOption = { flag: "-name", props: [{ key: "guest", value: io.name, implied: true }], path: [] };
  const note = `The command line has no -name: the spec is named ${JSON.stringify(io.name)} (from ${io.nameFrom ?? "--name"}), so its build adds -name ${io.name}.`;
  return { ...read, options: [name, ...read.options], notes: [...read.notes, note] };
}

/** Placeholders for required fields until the input's own option sets them. */
const REQUIRED: Record<string, [string, unknown]> = { "-name": ["name", "imported"], "-m": ["memory", { size: "128MiB" }] };

interface Read {
  options: QemuOption[];
  /** Each option's words as written (argv), so extraArgs keep the input's spelling: JSON, ",,". */
  words: Map<QemuOption, string[]>;
  /** The -readconfig files the options name (argv), read by qemu/read/command-line.ts. */
  readconfigs?: Map<QemuOption, NamedReadconfig>;
  env: string[];
  binary?: string;
  /** Where the binary is written (a script may name it through a variable). */
  binaryRange?: [number, number];
  problems: ImportProblem[];
  notes: string[];
}

/** The words of each option: its flag word and, when it takes one, the next word. */
function wordsOf(options: QemuOption[], words: Word[]): Map<QemuOption, string[]> {
  const byStart = new Map(words.map((w, i) => [w.range?.[0], i]));
  const out = new Map<QemuOption, string[]>();
  for (const o of options) {
    const i = byStart.get(o.range?.[0]);
    if (i === undefined) continue;
    out.set(o, o.props || o.raw !== undefined ? [words[i].text, words[i + 1].text] : [words[i].text]);
  }
  return out;
}

/**
 * The options of a -readconfig file named on the command line, in its place: the spec holds them
 * itself (a warning says so), so the rebuilt command line has no -readconfig.
 */
function expandReadconfig(read: Read): Read {
  const options: QemuOption[] = [];
  for (const o of read.options) {
    const r = read.readconfigs?.get(o);
    if (!r) {
      options.push(o);
      continue;
    }
    if ("error" in r) {
      read.problems.push({ severity: "error", message: r.error, range: o.range ?? [0, 0] });
      continue;
    }
    for (const p of r.problems) read.problems.push({ severity: "error", message: `${o.raw}: ${p.message}`, range: o.range ?? [0, 0] });
    read.problems.push({
      severity: "warning",
      message: `-readconfig ${o.raw}: its options are imported in its place`,
      range: o.range ?? [0, 0],
    });
    options.push(...r.options);
  }
  return { ...read, options };
}

function readOptions(text: string, from: ImportSource, io: ImportOptions, inputDir: string): Read {
  if (from === "readconfig") {
    const r = readconfigOptions(text);
    return {
      options: r.options,
      words: new Map(),
      env: [],
      notes: [],
      problems: r.problems.map((p) => ({ severity: "error", message: p.message, range: p.range ?? [0, 0] })),
    };
  }
  let read = readCommandLine(text, inputDir);
  const notes: string[] = [];
  const lineOf = (at: number) => positionIn(text, at).line;
  // A default assumed for a variable the script never sets is said in the header, not as a problem.
  const assumed = (p: { severity?: string; message: string; range: [number, number] }) =>
    p.severity === "info" ? (notes.push(`Line ${lineOf(p.range[0])}: ${p.message}.`), false) : true;
  const problems: ImportProblem[] = read.problems
    .filter(assumed)
    .map((p) => ({ severity: p.severity === "warning" ? "warning" : "error", message: p.message, range: p.range }));
  let chosen: CommandLineCommand | undefined;
  // Version checks and help queries start no VM: not a command to import.
  const queries = read.commands.filter((c) => c.query);
  read = { ...read, commands: read.commands.filter((c) => !c.query) };
  if (!read.optionsOnly && read.commands.length === 0 && queries.length) {
    problems.push({
      severity: "error",
      message: `no VM to import: ${queries.length === 1 ? "the file's only QEMU command asks" : "the file's QEMU commands ask"} QEMU a question (--version, -machine help, ...): no VM is started`,
      range: queries[0].range,
    });
  }
  if (read.optionsOnly) chosen = read.commands[0];
  else if (read.commands.length > 1 && io.command === undefined) {
    const list = read.commands.map((c, n) => {
      const name = c.words.findIndex((w) => w.text === "-name");
      return `${n + 1}: line ${lineOf(c.range[0])}, ${c.binary}${name >= 0 && c.words[name + 1] ? ` -name ${c.words[name + 1].text}` : ""}`;
    });
    problems.push({
      severity: "error",
      message: `the file starts ${read.commands.length} QEMU commands: choose one with --command <n> (${list.join("; ")})`,
      range: read.commands[1].range,
    });
  } else if (io.command !== undefined && (io.command < 1 || io.command > read.commands.length)) {
    problems.push({
      severity: "error",
      message: `--command ${io.command}: the file starts ${read.commands.length} QEMU command${read.commands.length === 1 ? "" : "s"}`,
      range: [0, 0],
    });
  } else if (read.commands.length) {
    chosen = read.commands[(io.command ?? 1) - 1];
    if (read.commands.length > 1)
      notes.push(
        `Command ${io.command ?? 1} of ${read.commands.length} in the file (line ${lineOf(read.commands[(io.command ?? 1) - 1].range[0])}).`,
      );
  }
  if (!chosen) return { options: [], words: new Map(), env: [], notes, problems };
  if (chosen.wrappers.length) notes.push(`Run by: ${chosen.wrappers.join(" | ")} (not part of a spec)`);
  problems.push(
    ...chosen.problems.filter(assumed).map((p): ImportProblem => ({
      severity: p.severity === "warning" ? "warning" : "error",
      message: p.severity === "warning" && /kept as/.test(p.message) ? `${p.message}: fill it in the spec` : p.message,
      range: p.range,
    })),
  );
  const parsed = chosen.read();
  problems.push(...parsed.problems.map((p): ImportProblem => ({ severity: "error", message: p.message, range: p.range ?? [0, 0] })));
  for (const w of parsed.unknownWords) {
    problems.push({
      severity: "warning",
      message: `${w.text} stands where options would, and what it holds cannot be known here: the spec has none of its options; add them to extraArgs once known`,
      range: w.range!,
    });
    notes.push(`${w.text} (line ${lineOf(w.range![0])}) held options that could not be known: add them to extraArgs.`);
  }
  const options: QemuOption[] = parsed.options.map((o) => ({ ...o, extra: undefined }));
  const readconfigs = new Map(parsed.readconfigs.map((r) => [options[r.index], r]));
  // A spec needs a memory size: one that cannot be known cannot stay a placeholder.
  const memory = options.find(
    (o) =>
      o.flag === "-m" &&
      o.range &&
      chosen.problems.some((p) => p.severity === "warning" && p.range[0] >= o.range![0] && p.range[1] <= o.range![1]),
  );
  if (memory)
    problems.push({
      severity: "error",
      message:
        "the memory size (-m) cannot be known (see the warning), and a spec needs it: give it in the script (or the variable a value before this line), then import again",
      range: memory.range!,
    });
  return {
    options,
    words: wordsOf(options, chosen.words),
    readconfigs,
    env: chosen.env,
    binary: chosen.binary,
    binaryRange: chosen.range,
    notes,
    problems,
  };
}

export interface ImportOptions {
  /** The folder the spec will be in: relative paths in it resolve against this (default /). */
  baseDir?: string;
  /** The folder of the input, for a -readconfig file it names (default: the working folder). */
  inputDir?: string;
  /**
   * The QEMU version the spec will be built for (default: the default profile's, as for build):
   * fields are checked against what they compile to for it.
   */
  qemu?: QemuVersion;
  /** The profile the spec is for (--profile): its QEMU is the target unless `qemu` is given. */
  profile?: string;
  /** Which QEMU command of a file holding several (1-based); required when there are several. */
  command?: number;
  /** The VM's name when the command line has no -name; `nameFrom` says where it came from. */
  name?: string;
  nameFrom?: string;
}

/** Maps the options onto fields (singletons, then fields of several options), leaving `banned` ones raw. */
function mapFields(
  options: QemuOption[],
  o: { place: Map<QemuOption, number>; banned: Set<QemuOption>; baseDir: string; qemu: QemuVersion; count: (flag: string) => number },
): { state: ImportState; tried: Set<QemuOption> } {
  const state: ImportState = {
    spec: { defaults: false },
    mapped: [],
    raw: [...options],
    placeholders: new Set(),
    baseDir: o.baseDir,
    qemu: o.qemu,
    place: o.place,
    banned: o.banned,
  };
  for (const [flag, [key, v]] of Object.entries(REQUIRED)) {
    state.spec[key] = v;
    state.placeholders.add(flag);
  }
  const tried = new Set<QemuOption>();
  // Required fields first, so later checks compile against the real -name and -m.
  for (const x of [...options.filter((x) => REQUIRED[x.flag]), ...options.filter((x) => !REQUIRED[x.flag])]) {
    // A flag given twice is not one field: both stay as given.
    if (o.count(x.flag) === 1 && trySingleton(state, x).tried) tried.add(x);
  }
  // Fields made of several options, then vmspec's defaults: each kept only if exact. Again while
  // that takes options, since a boot order may need a later device first.
  const devices = devicePlaces(options);
  // The fallbacks (a device's own bootindex) only when nothing else maps: a boot order fills up
  // as its devices map, and should be written as the boot order it was.
  for (let before = Infinity, fallbacks = false; state.raw.length < before || !fallbacks;) {
    if (state.raw.length === before) fallbacks = true;
    before = state.raw.length;
    for (const p of [
      ...proposals(state.raw, o.baseDir, String(state.spec.name), devices),
      ...extraProposals(state.raw, o.baseDir),
      ...blockdevProposals(state.raw, o.baseDir, devices, options),
    ]) {
      if (p.fallback && !fallbacks) continue;
      const candidate = structuredClone(state.spec);
      p.apply(candidate);
      // A named device with properties its field does not give: the same with qemuProperties.devices.
      const claimed = claim(state, candidate) || claimWith(state, withDeviceProperties(state, candidate));
      if (claimed && p.fallback) break;
    }
  }
  return { state, tried };
}

const claimWith = (state: ImportState, candidate: ReturnType<typeof withDeviceProperties>): boolean =>
  candidate !== undefined && claim(state, candidate);

export function importCommandLine(text: string, from: ImportSource, io: ImportOptions = {}): ImportResult {
  const read = withName(expandReadconfig(readOptions(text, from, io, io.inputDir ?? process.cwd())), io);
  const { words, env, binary, binaryRange, problems, notes } = read;
  // -blockdev chains get vmspec's node names (the guest never sees them), so that they can map.
  // Hand-written spellings of what fields say become vmspec's (respell.ts), then -blockdev chains
  // get vmspec's node names, so that they can map.
  const respellSkip = new Set<number>();
  // Repeated -machine options are one to QEMU (merge-repeated.ts): merged before anything maps.
  const merged = mergeRepeated(read.options, (at) => positionIn(text, at).line);
  notes.push(...merged.notes);
  let respelled = respell(merged.options, respellSkip);
  let options = renameBlockdevNodes(respelled.options);
  const arm = binary ? armProgram(binary) : "aarch64";
  if (binary && arm !== "aarch64") {
    const at: [number, number] = binaryRange ?? [0, 0];
    // qemu-system-aarch64 also provides every 32-bit ARM board, so an arm command line carries over;
    // qemu-kvm is the host's QEMU, read as the ARM one as lint reads it (armProgram).
    if (arm === "host")
      problems.push({
        severity: "warning",
        message: `${binary} is the host's own QEMU (on an ARM host, as RHEL's /usr/libexec/qemu-kvm, it is qemu-system-aarch64): it becomes ${QEMU_BINARY}`,
        range: at,
      });
    else if (arm === "arm")
      problems.push({
        severity: "warning",
        message: `${binary} becomes ${QEMU_BINARY}, which provides the same 32-bit ARM machines and options`,
        range: at,
      });
    else problems.push({ severity: "error", message: `${binary} is not ${QEMU_BINARY}: vmspec describes ARM virtual machines`, range: at });
  }
  if (problems.some((p) => p.severity === "error")) return { mapped: [], kept: [], env, binary, problems };

  const baseDir = io.baseDir ?? "/";
  // The target: --qemu, else --profile's QEMU, else what the command line itself says it needs.
  const inferred = io.qemu || io.profile ? undefined : inferTarget(targetNeeds(read.options));
  const qemu = io.qemu ?? (io.profile ? parseTarget(PROFILES[io.profile].qemu)! : inferred!.qemu);
  let place = new Map(options.map((o, i) => [o, i]));
  const perFlag = new Map<string, number>();
  for (const o of options) perFlag.set(o.flag, (perFlag.get(o.flag) ?? 0) + 1);
  const count = (flag: string) => perFlag.get(flag)!;
  // Map, then ban what the fields would move ahead of a raw option of its order class, and map
  // again without it, until nothing moves (the ban only grows, so this ends).
  let banned = new Set<QemuOption>();
  let state!: ImportState;
  let tried!: Set<QemuOption>;
  const map = () => {
    for (;;) {
      ({ state, tried } = mapFields(options, { place, banned, baseDir, qemu, count }));
      const moved = outOfPlace(state);
      if (moved.length === 0) break;
      for (const o of moved) banned.add(o);
    }
  };
  const mapAll = () => {
    map();
    // A renamed -blockdev chain that stayed raw keeps the input's names and spelling: again without renaming it.
    const skip = rawRenamed(respelled.options, options, state.raw);
    if (skip.size > 0) {
      options = renameBlockdevNodes(respelled.options, skip);
      place = new Map(options.map((o, i) => [o, i]));
      banned = new Set();
      map();
    }
  };
  mapAll();
  // A respelled group that stayed raw (in part) keeps the input's spelling: again without it.
  const undone = new Map<QemuOption, string>();
  for (;;) {
    const rawNow = new Set(state.raw);
    const rawRespelled = new Set(respelled.options.filter((_, i) => rawNow.has(options[i])));
    const undo = respelled.groups.filter((g) => [...g.replace.values()].flat().some((o) => rawRespelled.has(o)));
    if (undo.length === 0) break;
    for (const g of undo) {
      respellSkip.add(g.key);
      const made = [...g.replace.values()].flat();
      const moved = made.some((o) => banned.has(options[respelled.options.indexOf(o)]));
      const rawIds = new Set(state.raw.map((o) => prop(o, "id")).filter((id) => id !== undefined));
      const bus = made.map((o) => prop(o, "bus")).find((b) => b !== undefined && rawIds.has(b.replace(/\.\d+$/, "")));
      for (const o of g.replace.keys())
        undone.set(
          o,
          moved
            ? "kept where it stands: a field would place it before an option kept in extraArgs, which would change its address"
            : bus !== undefined
              ? `its device is on ${bus}, which stays in extraArgs: as a field (${g.what}) it would come before its bus`
              : `with vmspec's ids, the spec's ${g.what} still cannot say exactly this`,
        );
    }
    respelled = respell(merged.options, respellSkip);
    options = renameBlockdevNodes(respelled.options);
    place = new Map(options.map((o, i) => [o, i]));
    perFlag.clear();
    for (const o of options) perFlag.set(o.flag, (perFlag.get(o.flag) ?? 0) + 1);
    banned = new Set();
    mapAll();
  }
  for (const g of respelled.groups) if (g.note) notes.push(g.note);
  const wasRespelled = respelled.groups.length > 0;
  for (const flag of state.placeholders) {
    const [key] = REQUIRED[flag];
    const given = options.find((o) => o.flag === flag);
    const hint = flag === "-name" ? " (give the name with --name <name>)" : "";
    if (given)
      problems.push({
        severity: "error",
        message: `${optionWords(given).join(" ")}: the spec's ${key} cannot say exactly this, and a spec needs ${key}${hint}`,
        range: given.range ?? [0, 0],
      });
    else
      problems.push({
        severity: "error",
        message: `no ${flag}: a spec needs ${key}, and adding ${flag} would change the command line${hint}`,
        range: [0, 0],
      });
  }
  // extraArgs keep the input's order.
  const bannedBackends = backendsOf(banned);
  const rawSet = new Set(state.raw);
  const kept: KeptOption[] = options
    .filter((o) => rawSet.has(o))
    .map((o) => {
      const id = prop(o, "id");
      // A device no qemu-system-aarch64 has: that is why it stays raw, and why build refuses it.
      const noArm = o.flag === "-device" ? targetRefusals([o], qemu).find((r) => r.need.noVersion) : undefined;
      const own =
        (noArm && `build refuses it (target-unsupported): ${noArm.message}`) ?? respelled.why.get(o) ?? undone.get(o) ?? merged.why.get(o);
      const why =
        own !== undefined && !banned.has(o)
          ? own
          : keptBecause(o, tried.has(o), count(o.flag) > 1, banned.has(o), id !== undefined && !banned.has(o) && bannedBackends.has(id));
      // A -netdev stream: whether a passt command serves it, and what keeps it raw.
      const stream = own === undefined && why === keptBecause(o, false, false) && o.flag === "-netdev" && prop(o, "type") === "stream";
      return {
        words: words.get(o) ?? optionWords(o),
        why: stream ? streamKeptWhy(o, text, options) : why,
        range: o.range,
      };
    });
  if (from === "argv") notes.push(...passtNotes(state.mapped, text));
  if (problems.some((p) => p.severity === "error")) return { mapped: [], kept, env, binary, problems };

  // The whole result, checked once more: fields and extraArgs give back every input option.
  const rebuilt = [
    ...compiledOptions(state.spec, baseDir, qemu),
    ...kept.flatMap((k) => parseOptions(k.words.map((t) => ({ text: t, path: [] }))).options),
  ];
  const diff = optionDifference(rebuilt, options);
  if (diff.onlyA.length || diff.onlyB.length || diff.order.length) {
    const what = [
      `extra: ${diff.onlyA.join("; ") || "none"}`,
      `missing: ${diff.onlyB.join("; ") || "none"}`,
      ...(diff.order.length ? [`order: ${diff.order.join("; ")}`] : []),
    ];
    problems.push({ severity: "error", message: `internal: the imported spec is not equivalent (${what.join("; ")})`, range: [0, 0] });
  }
  return {
    spec: state.spec,
    mapped: state.mapped.map((o) => ({ flag: o.flag, range: o.range })),
    kept,
    env,
    binary,
    problems,
    qemu,
    notes,
    ...(inferred?.decidedBy ? { inferred } : {}),
    ...(io.profile ? { profile: io.profile } : {}),
    ...(wasRespelled ? { respelled: true } : {}),
  };
}
