// A new user's small findings: graph's help and options, ramfb's ROM warning, the preparation
// steps as docs/spec.md describes them, the shares[] keys in its table, and a did-you-mean for a
// size written 20GB.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { startExpectingFailure } from "./helpers/qemu.js";
import { buildSpec } from "../lint/build.js";
import { lintInput } from "../lint/lint.js";

const SPEC_MD = readFileSync(join(ROOT, "docs/spec.md"), "utf8");

describe("vmspec graph options", () => {
  it("states each default once, and has --profile and --qemu like lint and build", () => {
    const help = vmspec(["graph", "--help"]).stdout;
    expect(help).not.toMatch(/\(default: svg\) \(default/);
    expect(help).toContain("--profile <id>");
    expect(help).toContain("--qemu <version>");
  });
  it("--profile chooses the statement whose findings are marked", () => {
    const dir = scratch();
    const file = join(dir, "g.yaml");
    writeFileSync(file, "name: g\nmemory: {size: 1GiB}\nrunAs: qemu\ndisks: [{name: root, file: r.qcow2, format: qed}]\n");
    expect(vmspec(["graph", file, "--format", "dot"]).stderr).not.toContain("drive-format-unsupported");
    expect(vmspec(["graph", file, "--format", "dot", "--profile", "sles15sp4"]).stderr).toContain("drive-format-unsupported");
  });
});

describe("ramfb", () => {
  it("QEMU 7.2's ramfb has no romfile property, so its ROM warning cannot be turned off (docs/spec.md says so)", async () => {
    const r = await startExpectingFailure(["-machine", "virt", "-cpu", "max", "-m", "256", "-nodefaults", "-device", "ramfb,romfile="]);
    expect(r.stderr).toContain("Property 'ramfb.romfile' not found");
    expect(SPEC_MD).toContain("`ramfb` has no `romfile` property");
  });
});

describe("docs/spec.md", () => {
  it("describes the mkdir steps build emits", () => {
    const spec = "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\ntpm: {type: emulator}\n";
    const json = JSON.parse(
      buildSpec(new TextEncoder().encode(spec), {
        format: "json",
        baseDir: "/vms",
        qemu: [7, 2],
        rules: { "tpm-backend-unsupported": "off" },
      }).output!,
    );
    const mkdirs = (json.prepare as { argv: string[] }[]).filter((p) => p.argv[0] === "mkdir").map((p) => p.argv.slice(0, -1).join(" "));
    expect(mkdirs).toEqual(expect.arrayContaining(["mkdir -m 0700 --", "mkdir -p -m 0700 --"]));
    for (const m of mkdirs) expect(SPEC_MD).toContain(`\`${m}\``);
  });
  it("lists the keys of shares[]", () => {
    const row = SPEC_MD.split("\n").find((l) => l.startsWith("| `shares[]`"))!;
    for (const key of ["path", "tag", "securityModel", "readonly"]) expect(row).toContain(`\`${key}\``);
  });
});

describe("a size written 20GB", () => {
  it.each([
    ["20GB", "did you mean 20G (binary, as QEMU reads it)?"],
    ["4gib", "did you mean 4GiB?"],
    ["512 MiB", "did you mean 512MiB?"],
  ])("%s: %s", (v, hint) => {
    const r = lintInput("spec", new TextEncoder().encode(`name: k\nmemory: {size: "${v}"}\nrunAs: qemu\n`), { baseDir: "/tmp" });
    expect(r.findings.find((f) => f.ruleId === "invalid-size")?.message).toContain(hint);
  });
});
