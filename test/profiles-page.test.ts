// docs/profiles.md is generated from the statements' data and is current; the examples lint clean
// under every profile (the page's table says so, and this checks it independently of the page).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { exampleResults, profilesPage, profileSection } from "../tools/docs/profiles-page.js";
import { lintSpec } from "../lint/lint.js";
import { PROFILES, DEFAULT_PROFILE } from "../rules/data/profiles.js";
import { profileNamed } from "../rules/profile.js";
import { leadingValuesOf } from "../rules/data/extract.js";
import { ROOT, vmspec } from "./helpers/cli.js";

describe("docs/profiles.md", () => {
  it("is what the data generates (npm run docs regenerates it)", () => {
    expect(readFileSync(join(ROOT, "docs/profiles.md"), "utf8")).toBe(profilesPage());
  });

  it("shows, per release, what changed from the previous one, read from the lists", () => {
    const page = profilesPage();
    for (const id of ["sles15sp1", "sles15sp2", "sles15sp3", "sles15sp4"])
      expect(page).toContain(`## ${id}: what changed from ${PROFILES[id].previous}`);
    const sp4 = page.slice(page.indexOf("## sles15sp4:"), page.indexOf("## The examples"));
    // SP4 drops bare virt and supports virt-6.0 / virt-6.1; the default machine moves to virt-6.1.
    expect(sp4).toContain("| newly supported | `virt-6.0`, `virt-6.1` |");
    expect(sp4).toContain("| no longer supported | `virt` |");
    expect(sp4).toContain("| what `machine.type: virt` compiles to | `virt` → `virt-6.1` |");
    expect(sp4).toContain("`-writeconfig` (no replacement - never really worked right)");
    const sp1 = page.slice(page.indexOf("## sles15sp1:"), page.indexOf("## sles15sp2:"));
    // qed leaves the supported -drive formats with SLES 15.
    expect(sp1).toContain("format=[qcow2\\|qed\\|raw]");
    expect(sp1).toContain("| newly supported | `-audiodev`, `-nic` |");
  });

  it("has the table of the examples under every profile, and every example lints clean under each", () => {
    const examples = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"));
    expect(Object.keys(exampleResults()).sort()).toEqual(examples.sort());
    for (const f of examples)
      for (const id of Object.keys(PROFILES))
        expect(lintSpec(readFileSync(join(ROOT, "examples", f)), { baseDir: "/vms", profile: id }).findings, `${f} under ${id}`).toEqual(
          [],
        );
    // And through the CLI, as a team would run it before moving its fleet.
    for (const id of Object.keys(PROFILES)) expect(vmspec(["lint", "--profile", id, join(ROOT, "examples")]).code, id).toBe(0);
  });

  it("gives the rule pages what each statement says where they differ", () => {
    for (const id of ["unsupported-machine", "unsupported-device", "unsupported-option", "vga-unsupported", "tpm-backend-unsupported"]) {
      const page = readFileSync(join(ROOT, "docs/rules", `${id}.md`), "utf8");
      expect(page, id).toContain("## What each statement says");
      for (const p of Object.keys(PROFILES)) expect(page, `${id} ${p}`).toContain(`| \`${p}\` |`);
      expect(profileSection(id)).toBeDefined();
    }
    const vga = readFileSync(join(ROOT, "docs/rules/vga-unsupported.md"), "utf8");
    expect(vga).toMatch(/\| `sles12sp3` \| 2\.9 \| .* · unsupported \|/);
    expect(vga).toMatch(/\| `sles15sp4` \| 6\.2 \| .* · supported \|/);
    expect(readFileSync(join(ROOT, "docs/rules/unsupported-machine.md"), "utf8")).toContain("(`virt-6.1`)");
  });
});

describe("the default profile's words stay where the editor and vmspec rules show them", () => {
  it("the schema's machine-type and CPU-model deprecations are the default statement's lists", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "spec/vmspec.schema.json"), "utf8"));
    const p = profileNamed(DEFAULT_PROFILE)!;
    const machine = schema.definitions.Machine.properties.type;
    expect([...machine.if.enum].sort()).toEqual(p.supportedMachines.filter((m) => m !== "help" && m !== "?").sort());
    expect(machine.else.deprecationMessage).toContain(PROFILES[DEFAULT_PROFILE].title.split(" QEMU")[0]);
    const cpu = schema.definitions.Cpu.properties.model;
    expect(cpu.if.enum).toEqual(leadingValuesOf(PROFILES[DEFAULT_PROFILE].lists.supportedOptions, "-cpu"));
  });

  it("vmspec rules quotes the default statement", () => {
    const rows = JSON.parse(vmspec(["rules", "--format", "json"]).stdout);
    const text = readFileSync(join(ROOT, "rules/data", DEFAULT_PROFILE, "statement.txt"), "utf8");
    const machine = rows.find((r: any) => r.id === "unsupported-machine");
    expect(text).toContain(machine.statement.split(" ... ")[0]);
    expect(text).toContain(rows.find((r: any) => r.id === "vga-unsupported").statement.split(" ... ")[0]);
  });
});
