// QEMU's own deprecation and removal lists are data generated from QEMU's texts kept in the
// project: this proves the data is current, that every heading of every text is accounted for
// (counted here without the extractor), and that entries say what their text says.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { QEMU_CHANGES, UNLINTED, VERSIONED_MACHINES } from "../rules/data/qemu/changes.js";
import { readTexts, render, OUTPUT } from "../tools/qemu-deprecations/generate.js";
import { READINGS, REPLACEMENTS } from "../tools/qemu-deprecations/readings.js";
import { headingKey } from "../tools/qemu-deprecations/extract.js";
import { ROOT } from "./helpers/cli.js";

const TEXTS = join(ROOT, "rules/data/qemu/texts");
const files = readdirSync(TEXTS).filter((f) => f.endsWith(".rst"));

/** The entry headings of a text, found with nothing but line patterns: a non-blank line underlined
 * with ''' or ^^^, less the ''' headings that have ^^^ headings under them (groups). */
function entryHeadingLines(text: string): Map<number, string> {
  const lines = text.split("\n");
  const marks: { line: number; ch: string; title: string }[] = [];
  lines.forEach((l, i) => {
    const m = /^(['^-])\1{3,}$/.exec(l);
    if (m && i > 0 && lines[i - 1].trim() !== "") marks.push({ line: i, ch: m[1], title: lines[i - 1] });
  });
  const out = new Map<number, string>();
  marks.forEach((m, k) => {
    // A section heading, unless it names a version (9.2 underlines ``-runas`` (since 9.1) as one).
    if (m.ch === "-" && !/\((since|removed in) [\d.]+\)$/.test(m.title)) return;
    const next = marks[k + 1];
    if (m.ch === "'" && next?.ch === "^") return; // a group heading
    out.set(m.line, m.title); // 1-based line of the underline = 0-based index of it = line of the title + 1 - 1
  });
  return out;
}

describe("QEMU deprecation data", () => {
  it("changes.ts is what the texts generate (run npm run qemu-deprecations)", () => {
    expect(readFileSync(OUTPUT, "utf8")).toBe(render(readTexts()));
  });

  it("has all ten texts, as copied from the shared reference", () => {
    expect(files.sort()).toEqual(
      ["master-10.2.50", "v7.1.0", "v7.2.0", "v8.2.0", "v9.2.0"]
        .flatMap((t) => [`deprecated-${t}.rst`, `removed-features-${t}.rst`])
        .sort(),
    );
    for (const f of files) expect(readFileSync(join(TEXTS, f), "utf8")).toBe(readFileSync(join("/work/shared/reference/qemu", f), "utf8"));
  });

  for (const f of files) {
    it(`${f}: every entry heading is an entry, a versioned-machine rule or a heading not linted, with why`, () => {
      const text = readFileSync(join(TEXTS, f), "utf8");
      const expected = entryHeadingLines(text);
      const accounted = new Map<number, string>();
      for (const c of QEMU_CHANGES) for (const s of c.sources) if (s.file === f) accounted.set(s.line, c.name);
      for (const u of UNLINTED) if (u.file === f) accounted.set(u.line, "not linted: " + u.reason);
      for (const s of VERSIONED_MACHINES.sources) if (s.file === f) accounted.set(s.line, "versioned machines");
      expect([...accounted.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
      for (const u of UNLINTED) if (u.file === f) expect(u.reason.length).toBeGreaterThan(5);
    });
  }

  it("counts the headings the texts have (counted by line pattern, not by the extractor)", () => {
    const counts = Object.fromEntries(files.map((f) => [f, entryHeadingLines(readFileSync(join(TEXTS, f), "utf8")).size]));
    // grep -c of underlines minus group headings, per file: the sizes of QEMU's lists.
    expect(counts["removed-features-v7.1.0.rst"]).toBe(104);
    expect(counts["removed-features-v7.2.0.rst"]).toBe(106);
    expect(counts["deprecated-v7.2.0.rst"]).toBe(35 - 2 + 6);
    expect(counts["removed-features-master-10.2.50.rst"]).toBe(185 - 2 + 2);
  });

  it("points every source at a heading that names the entry", () => {
    for (const c of QEMU_CHANGES)
      for (const s of c.sources) {
        const title = readFileSync(join(TEXTS, s.file), "utf8").split("\n")[s.line - 1];
        const word = c.prop ?? c.arg ?? c.value ?? c.flag ?? c.name;
        if (c.byHand) expect(READINGS[headingKey(title)], `${s.file}:${s.line} ${title}`).toBeDefined();
        else expect(title.replace(/^-+/, ""), `${c.name} at ${s.file}:${s.line}`).toContain(word.replace(/^-+/, ""));
      }
  });

  it("uses every hand reading and every corrected replacement", () => {
    const titles = new Set(
      files.flatMap((f) =>
        readFileSync(join(TEXTS, f), "utf8")
          .split("\n")
          .map((l) => headingKey(l.trim())),
      ),
    );
    for (const k of Object.keys(READINGS)) expect(titles.has(k), k).toBe(true);
    const names = new Set(QEMU_CHANGES.map((c) => c.name));
    for (const k of Object.keys(REPLACEMENTS)) expect(names.has(k), k).toBe(true);
  });

  it("marks the entries read by hand", () => {
    const hand = QEMU_CHANGES.filter((c) => c.byHand).map((c) => c.name);
    expect(hand).toContain("raspi2");
    expect(hand).toContain("-chardev tty");
    expect(hand).not.toContain("-balloon");
  });

  const entry = (name: string) => QEMU_CHANGES.find((c) => c.name === name);
  it.each([
    ["-balloon", undefined, "3.1", "-device virtio-balloon"],
    ["-nodefconfig", undefined, "3.1", "-no-user-config"],
    ["-watchdog", "6.2", "7.2", undefined],
    ["-device virtio-blk,scsi=", "5.0", "9.1", undefined],
    ["-runas", "9.1", "10.0", "-run-with user="],
    ["-chardev tty", "6.0", "8.0", "-chardev serial"],
    ["raspi2", undefined, "6.2", "raspi2b"],
    ["-machine virt,dtb-kaslr-seed=", "7.1", undefined, "dtb-randomness"],
    ["query-cpus", undefined, "6.0", "query-cpus-fast"],
    ["-spice password=", "6.0", "8.0", undefined],
  ])("%s: deprecated since %s, removed in %s, replaced by %s", (name, since, removed, replacement) => {
    const c = entry(name);
    expect(c, name).toBeDefined();
    expect(c!.deprecatedSince).toBe(since);
    expect(c!.removedIn).toBe(removed);
    if (replacement) expect(c!.replacement).toBe(replacement);
  });

  it("reads the versioned machine type rule from the releases that state it", () => {
    expect(VERSIONED_MACHINES.deprecatedFrom).toBeDefined();
    expect(VERSIONED_MACHINES.removedFrom).toBeDefined();
  });
});
