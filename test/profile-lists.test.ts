// Proof per profile: every entry of every list of its statement is classified as that statement
// says, at its own line, on a command line, in a -readconfig file and in QMP and HMP scripts.
// Each input writes one entry per line; a supported entry gets no statement finding at its line,
// an unsupported one gets the rule's finding there. Failures name the entry's line in the
// statement text.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/cli.js";
import { lintArgv, lintInput, lintReadconfig } from "../lint/lint.js";
import { locate } from "../core/positions.js";
import type { Finding } from "../core/finding.js";
import { PROFILES } from "../rules/data/profiles.js";
import { profileNamed } from "../rules/profile.js";
import { aliasesOf, valuesOf, type OptionEntry } from "../rules/data/extract.js";
import { BARE_FLAGS } from "../qemu/flags.js";

const enc = (s: string) => new TextEncoder().encode(s);
const HEAD = "qemu-system-aarch64 -machine virt-2.6,accel=kvm -cpu host -m 1G -runas qemu -nodefaults";
/** Options in both option lists: supported, with the values their own rules judge (docs/decisions.md). */
const BOTH = new Set(["-cpu", "-device", "-drive", "-M", "-machine", "-net", "-netdev", "-vga", "-tpmdev", "-numa"]);
/**
 * Unsupported entries that a rule of their own reports, naming the statement's sentence about them:
 * pci-assign and kvm-pci-assign are "no longer supported (use -device vfio-pci instead)".
 */
const OWN_RULE: Record<string, string> = { "pci-assign": "pci-assign-removed", "kvm-pci-assign": "pci-assign-removed" };

/** Rule ids at each line of the input. */
function rulesByLine(text: string, findings: Finding[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const f of locate(text, findings)) m.set(f.line, [...(m.get(f.line) ?? []), f.ruleId]);
  return m;
}

/** "statement line N" of a word inside an entry, for failure messages. */
function statementLine(id: string, entry: OptionEntry | undefined, word: string): string {
  const text = statementText(id);
  const at = entry ? text.indexOf(word, entry.at) : text.indexOf(word);
  return `${id} ${JSON.stringify(word)} (statement offset ${at}${text.includes("\n") ? `, line ${text.slice(0, at).split("\n").length}` : ""})`;
}

const texts = new Map<string, string>();
function statementText(id: string): string {
  let t = texts.get(id);
  if (t === undefined) {
    // Offsets and lines come from the lists' own "at": the text is only for messages.
    t = readFileSync(join(ROOT, "rules/data", id, "statement.txt"), "utf8");
    texts.set(id, t);
  }
  return t;
}

/** A -device name as a command line writes it: QEMU's keyval syntax doubles a comma in a value. */
const onCommandLine = (name: string) => name.replace(/,/g, ",,");

for (const id of Object.keys(PROFILES)) {
  const profile = profileNamed(id)!;
  const l = PROFILES[id].lists;
  const supportedDevices = [...valuesOf(l.supportedOptions, "-device"), ...aliasesOf(l.supportedOptions, "-device")];
  // A name in both lists is supported; a wildcard entry stands for every name it matches.
  const unsupportedDevices = [...valuesOf(l.unsupportedOptions, "-device"), ...aliasesOf(l.unsupportedOptions, "-device")]
    .filter((d) => !supportedDevices.includes(d))
    .filter((d, i, all) => all.indexOf(d) === i);
  const example = (d: string) => d.replace("*", "qemu64");
  // Machine types from the text's own -M and -machine lists (one option); a type in both lists is
  // supported, and the -M list's "virtio-3.1" is read as virt-3.1 (docs/decisions.md): written on a
  // command line it names no machine QEMU has, so it is reported.
  const machinesOf = (entries: OptionEntry[]) => [...new Set([...valuesOf(entries, "-M"), ...valuesOf(entries, "-machine")])];
  const supportedMachines = machinesOf(l.supportedOptions).filter((m) => m !== "help" && m !== "?");
  const unsupportedMachines = machinesOf(l.unsupportedOptions).filter((m) => !machinesOf(l.supportedOptions).includes(m));
  const ERRATA = new Set(["virtio-3.1"]);
  const devEntry = (which: "supported" | "unsupported") => profile.entry("-device", which);

  describe(`${id}: every list entry of the statement, classified at its line`, () => {
    it(`-device: ${supportedDevices.length} supported and ${unsupportedDevices.length} unsupported names, on a command line`, () => {
      const names = [...supportedDevices, ...unsupportedDevices.map(example)];
      const text = [`${HEAD} \\`, ...names.map((d) => `  -device ${onCommandLine(d)} \\`), "  -S"].join("\n");
      const at = rulesByLine(text, lintArgv(enc(text), { baseDir: "/", profile: id }).findings);
      supportedDevices.forEach((d, i) => {
        const found = at.get(i + 2) ?? [];
        expect(
          found.filter((r) => r === "unsupported-device" || r === "unlisted-device"),
          statementLine(id, devEntry("supported"), d),
        ).toEqual([]);
      });
      unsupportedDevices.forEach((d, i) => {
        expect(at.get(i + 2 + supportedDevices.length) ?? [], statementLine(id, devEntry("unsupported"), d)).toContain(
          OWN_RULE[d] ?? "unsupported-device",
        );
      });
    });

    it("-device: every name in a -readconfig [device] section", () => {
      const names = [...supportedDevices, ...unsupportedDevices.map(example)];
      // Each section on one line pair: [device "dN"] then driver = "...".
      const text = names.map((d, i) => `[device "d${i}"]\n  driver = "${d}"`).join("\n");
      const at = rulesByLine(text, lintReadconfig(enc(text), { baseDir: "/", profile: id }).findings);
      const ruleAt = (i: number) => [...(at.get(2 * i + 1) ?? []), ...(at.get(2 * i + 2) ?? [])];
      supportedDevices.forEach((d, i) =>
        expect(
          ruleAt(i).filter((r) => r === "unsupported-device" || r === "unlisted-device"),
          statementLine(id, devEntry("supported"), d),
        ).toEqual([]),
      );
      unsupportedDevices.forEach((d, i) =>
        expect(ruleAt(i + supportedDevices.length), statementLine(id, devEntry("unsupported"), d)).toContain(
          OWN_RULE[d] ?? "unsupported-device",
        ),
      );
    });

    it(`-machine: ${supportedMachines.length} supported and ${unsupportedMachines.length} unsupported types, on a command line and in -readconfig`, () => {
      const names = [...supportedMachines, ...unsupportedMachines];
      // One command line per type: QEMU merges repeated -machine options into one (the last type
      // wins), and so does lint (qemu/merge-repeated.ts).
      const at = new Map(
        names.map((m, i) => {
          const text = `${HEAD} \\\n  -machine ${m} \\\n  -S`;
          return [i + 2, rulesByLine(text, lintArgv(enc(text), { baseDir: "/", profile: id }).findings).get(2) ?? []] as const;
        }),
      );
      const cfg = names.map((m) => `[machine]\n  type = "${m}"`).join("\n");
      const cfgAt = rulesByLine(cfg, lintReadconfig(enc(cfg), { baseDir: "/", profile: id }).findings);
      const cfgRules = (i: number) => [...(cfgAt.get(2 * i + 1) ?? []), ...(cfgAt.get(2 * i + 2) ?? [])];
      names.forEach((m, i) => {
        const want = i < supportedMachines.length && !ERRATA.has(m) ? [] : ["unsupported-machine"];
        const where = statementLine(id, profile.entry("-machine", i < supportedMachines.length ? "supported" : "unsupported"), m);
        expect(
          (at.get(i + 2) ?? []).filter((r) => r === "unsupported-machine"),
          where,
        ).toEqual(want);
        expect(
          cfgRules(i).filter((r) => r === "unsupported-machine"),
          `${where} in -readconfig`,
        ).toEqual(want);
      });
    });

    it("options: every supported and every unsupported flag, on a command line", () => {
      const supported = l.supportedOptions.map((o) => o.flag).filter((f) => !BOTH.has(f));
      const unsupported = [...new Set(l.unsupportedOptions.map((o) => o.flag))].filter((f) => !profile.supportedOptions.has(f));
      const word = (f: string) => (BARE_FLAGS.has(f) ? f : `${f} x`);
      const text = [`${HEAD} \\`, ...supported.map((f) => `  ${word(f)} \\`), ...unsupported.map((f) => `  ${word(f)} \\`), "  -S"].join(
        "\n",
      );
      const at = rulesByLine(text, lintArgv(enc(text), { baseDir: "/", profile: id }).findings);
      supported.forEach((f, i) =>
        expect(
          (at.get(i + 2) ?? []).filter((r) => r === "unsupported-option" || r === "unlisted-option"),
          statementLine(id, profile.entry(f, "supported"), f),
        ).toEqual([]),
      );
      unsupported.forEach((f, i) =>
        expect(at.get(i + 2 + supported.length) ?? [], statementLine(id, profile.entry(f, "unsupported"), f)).toContain(
          "unsupported-option",
        ),
      );
      expect(supported.length + unsupported.length).toBeGreaterThan(100);
    });

    it(`monitor commands: ${l.supportedHmp.length} + ${l.unsupportedHmp.length} HMP and ${l.supportedQmp.length} + ${l.unsupportedQmp.length} QMP, in scripts`, () => {
      const hmp = [...l.supportedHmp, ...l.unsupportedHmp];
      const hmpText = hmp.join("\n") + "\n";
      const hmpAt = rulesByLine(hmpText, lintInput("hmp", enc(hmpText), { baseDir: "/", profile: id }).findings);
      hmp.forEach((c, i) => {
        const want = i < l.supportedHmp.length ? [] : ["monitor-command-unsupported"];
        expect(
          (hmpAt.get(i + 1) ?? []).filter((r) => r === "monitor-command-unsupported"),
          statementLine(id, undefined, c),
        ).toEqual(want);
      });
      const qmp = [...l.supportedQmp, ...l.unsupportedQmp];
      const qmpText = qmp.map((c) => JSON.stringify({ execute: c })).join("\n") + "\n";
      const qmpAt = rulesByLine(qmpText, lintInput("qmp", enc(qmpText), { baseDir: "/", profile: id }).findings);
      qmp.forEach((c, i) => {
        const want = i < l.supportedQmp.length ? [] : ["qmp-command-unsupported"];
        expect(
          (qmpAt.get(i + 1) ?? []).filter((r) => r === "qmp-command-unsupported"),
          statementLine(id, undefined, c),
        ).toEqual(want);
      });
    });
  });
}
