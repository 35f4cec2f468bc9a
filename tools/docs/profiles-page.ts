// docs/profiles.md: the support statements vmspec knows, generated from their data (rules/data/):
// per release, what changed from the previous one — the table a team reads before moving its
// fleet — and how the examples lint under each (npm run docs; test/profiles-page.test.ts compares).
// Also the per-statement sections of the rule pages (profileSection, used by docs-page.ts).
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PROFILES, DEFAULT_PROFILE, type ProfileData } from "../../rules/data/profiles.js";
import { profileNamed, type Profile } from "../../rules/profile.js";
import { aliasesOf, leadingValuesOf, valuesOf, type OptionEntry, type StatementChange } from "../../rules/data/extract.js";
import { lintSpec } from "../../lint/lint.js";

/** A table cell's text: a `|` inside it would end the cell. */
const cell = (s: string) => s.replace(/\|/g, "\\|");
const code = (xs: string[]) => (xs.length ? xs.map((x) => cell(`\`${x}\``)).join(", ") : "—");
const minus = (a: string[], b: string[]) => a.filter((x, i) => !b.includes(x) && a.indexOf(x) === i);
const machines = (p: Profile, which: "supported" | "unsupported") =>
  (which === "supported" ? p.supportedMachines : p.unsupportedMachines.filter((m) => !p.supportedMachines.includes(m))).filter(
    (m) => m !== "help" && m !== "?",
  );
const devices = (d: ProfileData, which: "supported" | "unsupported"): string[] => {
  const entries = which === "supported" ? d.lists.supportedOptions : d.lists.unsupportedOptions;
  const names = [...valuesOf(entries, "-device"), ...aliasesOf(entries, "-device")];
  if (which === "supported") return names;
  const supported: string[] = devices(d, "supported");
  return names.filter((n) => !supported.includes(n));
};
const flags = (entries: OptionEntry[]) => [...new Set(entries.map((o) => o.flag))];
const unsupportedFlags = (d: ProfileData) => minus(flags(d.lists.unsupportedOptions), flags(d.lists.supportedOptions));
const changeLine = (c: StatementChange) => cell(`\`${c.item}\`${c.note ? ` (${c.note})` : ""}`);

/** The options whose text (values, notes) differs between two statements, both listing them as supported. */
function rewordedOptions(prev: ProfileData, cur: ProfileData): string[] {
  const out: string[] = [];
  for (const o of cur.lists.supportedOptions) {
    if (o.flag === "-device" || o.flag === "-M" || o.flag === "-machine") continue;
    const before = prev.lists.supportedOptions.find((x) => x.flag === o.flag);
    const squash = (t: string) => t.replace(/\s+/g, " ").trim();
    if (before && squash(before.text) !== squash(o.text)) out.push(cell(`\`${o.flag}\`: \`${squash(before.text)}\` → \`${squash(o.text)}\``));
  }
  return out;
}

function section(title: string, rows: [string, string][]): string[] {
  const shown = rows.filter(([, v]) => v !== "—");
  if (shown.length === 0) return [`### ${title}`, "", "No change.", ""];
  return [`### ${title}`, "", "| | |", "|---|---|", ...shown.map(([k, v]) => `| ${k} | ${v} |`), ""];
}

function changesFrom(prevId: string, id: string): string[] {
  const prev = PROFILES[prevId];
  const cur = PROFILES[id];
  const [pp, cp] = [profileNamed(prevId)!, profileNamed(id)!];
  const out = [`## ${id}: what changed from ${prevId}`, "", `${cur.title}, QEMU ${cur.qemu} (was ${prev.qemu}).`, ""];
  const prevChanges = prev.lists.changes.map((c) => `${c.kind} ${c.status} ${c.item}`);
  const fresh = (status: StatementChange["status"][]) =>
    cur.lists.changes.filter((c) => status.includes(c.status) && !prevChanges.includes(`${c.kind} ${c.status} ${c.item}`));
  out.push(
    ...section("Machine types", [
      ["newly supported", code(minus(machines(cp, "supported"), machines(pp, "supported")))],
      ["no longer supported", code(minus(machines(pp, "supported"), machines(cp, "supported")))],
      ["newly listed as unsupported", code(minus(machines(cp, "unsupported"), [...machines(pp, "unsupported"), ...machines(pp, "supported")]))],
      ["what `machine.type: virt` compiles to", cp.virtMachine === pp.virtMachine ? "—" : `\`${pp.virtMachine}\` → \`${cp.virtMachine}\``],
    ]),
  );
  const [ps, cs, pu, cu] = [devices(prev, "supported"), devices(cur, "supported"), devices(prev, "unsupported"), devices(cur, "unsupported")];
  out.push(
    ...section("Devices (`-device`)", [
      ["newly supported", code(minus(cs, ps))],
      ["newly unsupported (were supported)", code(cu.filter((d) => ps.includes(d)))],
      ["newly listed as unsupported (were in neither list)", code(minus(cu, [...pu, ...ps]))],
      ["supported before, now in neither list", code(minus(ps, [...cs, ...cu]))],
    ]),
  );
  out.push(
    ...section("Command-line options", [
      ["newly supported", code(minus(flags(cur.lists.supportedOptions), flags(prev.lists.supportedOptions)))],
      ["newly unsupported (were supported)", code(unsupportedFlags(cur).filter((f) => flags(prev.lists.supportedOptions).includes(f)))],
      ["newly listed as unsupported", code(minus(unsupportedFlags(cur), [...unsupportedFlags(prev), ...flags(prev.lists.supportedOptions)]))],
      ["supported before, now in neither list", code(minus(flags(prev.lists.supportedOptions), [...flags(cur.lists.supportedOptions), ...unsupportedFlags(cur)]))],
      ["values or notes reworded", rewordedOptions(prev, cur).join("<br>") || "—"],
    ]),
  );
  const l = cur.lists;
  const p = prev.lists;
  out.push(
    ...section("Monitor (HMP) and QMP commands", [
      ["HMP newly supported", code(minus(l.supportedHmp, p.supportedHmp))],
      ["HMP newly unsupported", code(minus(l.unsupportedHmp, p.unsupportedHmp))],
      ["HMP no longer listed", code(minus([...p.supportedHmp, ...p.unsupportedHmp], [...l.supportedHmp, ...l.unsupportedHmp]))],
      ["QMP newly supported", code(minus(l.supportedQmp, p.supportedQmp))],
      ["QMP newly unsupported", code(minus(l.unsupportedQmp, p.unsupportedQmp))],
      ["QMP no longer listed", code(minus([...p.supportedQmp, ...p.unsupportedQmp], [...l.supportedQmp, ...l.unsupportedQmp]))],
    ]),
  );
  out.push(
    ...section("Deprecated, removed and renamed (the statement's own section, new in this release)", [
      ["newly deprecated", fresh(["deprecated"]).map(changeLine).join(", ") || "—"],
      ["newly no longer supported", fresh(["unsupported"]).map(changeLine).join(", ") || "—"],
      ["newly removed (no longer recognized)", fresh(["removed"]).map(changeLine).join(", ") || "—"],
      ["newly supported under a new name", fresh(["renamed"]).map(changeLine).join(", ") || "—"],
    ]),
  );
  return out;
}

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

/** How each example lints under each profile: "clean", or its finding ids. */
export function exampleResults(): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const f of readdirSync(EXAMPLES)
    .filter((x) => x.endsWith(".yaml"))
    .sort()) {
    const bytes = readFileSync(EXAMPLES + f);
    out[f] = Object.fromEntries(
      Object.keys(PROFILES).map((id) => [id, lintSpec(bytes, { baseDir: "/vms", profile: id }).findings.map((x) => `${x.ruleId}`)]),
    );
  }
  return out;
}

export function profilesPage(): string {
  const ids = Object.keys(PROFILES);
  const out = [
    "# Profiles: the SUSE support statements",
    "",
    "Generated by `npm run docs` (tools/docs/profiles-page.ts) from the statements in `rules/data/<id>/`",
    "(each with its `SOURCE.md`): do not edit. A profile is one statement and the QEMU version it describes,",
    "which is also the build target under it. Readings of each statement's contradictions are in",
    "[decisions.md](decisions.md#sles-15-statements-profiles-sles15sp1--sles15sp4).",
    "",
    "Pick one with `--profile <id>` (lint, build, import), `profile: <id>` in `.vmspec.yaml`, or a",
    "`# vmspec-profile <id>` comment in a spec (what `vmspec import` writes); the command line wins over the",
    "comment, the comment over the configuration. `vmspec profiles` lists them. Moving a fleet to a newer",
    "release: read its section below, then run `vmspec lint --profile sles15sp4 vms/`.",
    "",
    "| id | statement | QEMU | `machine: virt` compiles to | supported machine types | devices supported / unsupported | options supported / unsupported | HMP supported / unsupported | QMP supported / unsupported |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const id of ids) {
    const d = PROFILES[id];
    const p = profileNamed(id)!;
    const l = d.lists;
    out.push(
      `| \`${id}\`${id === DEFAULT_PROFILE ? " (default)" : ""} | ${d.title} | ${d.qemu} | \`${p.virtMachine}\` | ${code(machines(p, "supported"))} | ${valuesOf(l.supportedOptions, "-device").length} / ${valuesOf(l.unsupportedOptions, "-device").length} | ${l.supportedOptions.length} / ${l.unsupportedOptions.length} | ${l.supportedHmp.length} / ${l.unsupportedHmp.length} | ${l.supportedQmp.length} / ${l.unsupportedQmp.length} |`,
    );
  }
  out.push(
    "",
    "The counts are the lists as written (a `-device` name in both lists counts in both; `-fda/-fdb` is two",
    "options); `test/statement.test.ts` checks them against the text counted line by line and by hand.",
    "",
  );
  for (const id of ids) {
    const prev = PROFILES[id].previous;
    if (prev) out.push(...changesFrom(prev, id));
  }
  const results = exampleResults();
  out.push(
    "## The examples under each profile",
    "",
    "`vmspec lint examples/<file>` with `--profile <id>` (`test/profiles-page.test.ts` runs it): *clean*, or the findings.",
    "",
    `| example | ${ids.map((id) => `\`${id}\``).join(" | ")} |`,
    `|---|${ids.map(() => "---").join("|")}|`,
    ...Object.entries(results).map(([f, byId]) => `| \`${f}\` | ${ids.map((id) => (byId[id].length ? code(byId[id]) : "clean")).join(" | ")} |`),
    "",
  );
  return out.join("\n");
}

/**
 * What each statement says where they differ, for a rule page (docs/rules/<id>.md); undefined
 * for a rule whose statement text is the same under every profile.
 */
export function profileSection(ruleId: string): string[] | undefined {
  const rows = (f: (d: ProfileData, p: Profile) => string) =>
    Object.values(PROFILES).map((d) => `| \`${d.id}\` | ${d.qemu} | ${f(d, profileNamed(d.id)!)} |`);
  const table = (what: string, f: (d: ProfileData, p: Profile) => string) => [
    "## What each statement says",
    "",
    `| profile | QEMU | ${what} |`,
    "|---|---|---|",
    ...rows(f),
    "",
    "Pick the statement with `--profile` or `profile:` in `.vmspec.yaml` ([profiles.md](../profiles.md)).",
    "",
  ];
  switch (ruleId) {
    case "unsupported-machine":
      return table(
        "supported machine types (`machine: virt` compiles to) · unsupported virt types",
        (d, p) =>
          `${code(machines(p, "supported"))} (\`${p.virtMachine}\`) · ${code(machines(p, "unsupported").filter((m) => m === "virt" || m.startsWith("virt-")))}`,
      );
    case "unsupported-device":
    case "unlisted-device":
      return table("devices supported / unsupported · newly supported since the previous profile", (d) => {
        const prev = d.previous ? PROFILES[d.previous] : undefined;
        const fresh = prev ? minus(devices(d, "supported"), devices(prev, "supported")) : [];
        return `${devices(d, "supported").length} / ${devices(d, "unsupported").length} · ${prev ? code(fresh) : "(first)"}`;
      });
    case "unsupported-option":
    case "unlisted-option":
      return table("unsupported options (not also supported)", (d) => code(unsupportedFlags(d)));
    case "vga-unsupported":
      return table(
        "`-vga` supported · unsupported · `-vga virtio` (creates `virtio-vga`)",
        (d, p) =>
          `${code(valuesOf(d.lists.supportedOptions, "-vga"))} · ${code(valuesOf(d.lists.unsupportedOptions, "-vga"))} · ${p.deviceStatus("virtio-vga").status === "supported" ? "supported" : "unsupported"}`,
      );
    case "tpm-backend-unsupported":
      return table(
        "`-tpmdev` supported · listed unsupported",
        (d) => `${code(leadingValuesOf(d.lists.supportedOptions, "-tpmdev"))} · ${code(leadingValuesOf(d.lists.unsupportedOptions, "-tpmdev"))}`,
      );
    case "drive-format-unsupported":
      return table("`-drive` supported", (d) => cell(`\`${(d.lists.supportedOptions.find((o) => o.flag === "-drive")?.text ?? "").replace(/\s+/g, " ")}\``));
    case "monitor-command-unsupported":
      return table("unsupported HMP commands", (d) => code(d.lists.unsupportedHmp));
    case "qmp-command-unsupported":
      return table("unsupported QMP commands", (d) => code(d.lists.unsupportedQmp));
    case "ivshmem-deprecated":
      return table(
        "`-device ivshmem`",
        (d) =>
          d.lists.changes.find((c) => c.item === "-device ivshmem")?.status === "removed"
            ? "no longer recognized (reported with that message)"
            : "deprecated (the SLES 12 SP3 text; its section is one line, read by this rule)",
      );
    default:
      return undefined;
  }
}
