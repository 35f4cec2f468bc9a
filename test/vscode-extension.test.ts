// The VS Code extension (editors/vscode/) packaged as CI packages it — `npm run vscode`, which runs
// `vsce package` — with the network cut off (unshare -n), then its .vsix read back: the manifest
// says what the extension contributes, and the package holds exactly the files it needs.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import yauzl from "yauzl";
import { ROOT } from "./helpers/cli.js";

function entries(zip: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err ?? new Error("no zip"));
      const out = new Map<string, Buffer>();
      z.on("entry", (e: yauzl.Entry) => {
        z.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2 ?? new Error("no stream"));
          const parts: Buffer[] = [];
          s.on("data", (d: Buffer) => parts.push(d));
          s.on("end", () => (out.set(e.fileName, Buffer.concat(parts)), z.readEntry()));
        });
      });
      z.on("end", () => resolve(out));
      z.on("error", reject);
      z.readEntry();
    });
  });
}

describe("the VS Code extension", () => {
  it("packages offline into a .vsix whose manifest and files are right", async () => {
    const vsix = join(ROOT, "editors/vscode/vmspec.vsix");
    rmSync(vsix, { force: true });
    // No network: `unshare -n` as root (CI and this machine); elsewhere the plain command.
    const offline = process.getuid?.() === 0 ? ["unshare", "-n", "npm", "run", "vscode"] : ["npm", "run", "vscode"];
    const r = spawnSync(offline[0], offline.slice(1), { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const files = await entries(vsix);
    const names = [...files.keys()].sort();
    expect(names).toEqual(
      [
        "[Content_Types].xml",
        "extension.vsixmanifest",
        "extension/LICENSE.txt",
        "extension/language-configuration.json",
        "extension/out/extension.js",
        "extension/package.json",
        "extension/readme.md",
        "extension/syntaxes/vmspec.tmLanguage.json",
        "extension/vmspec.schema.json",
      ].sort(),
    );
    const manifest = JSON.parse(files.get("extension/package.json")!.toString()) as {
      name: string;
      main: string;
      engines: { vscode: string };
      contributes: {
        languages: { id: string; filenamePatterns?: string[]; firstLine?: string }[];
        yamlValidation: { fileMatch: string[]; url: string }[];
        commands: { command: string; title: string }[];
        grammars: { path: string }[];
      };
    };
    expect(manifest.name).toBe("vmspec");
    expect(files.has(`extension/${manifest.main.replace(/^\.\//, "")}`)).toBe(true);
    const vmspecLang = manifest.contributes.languages.find((l) => l.id === "vmspec")!;
    expect(vmspecLang.filenamePatterns).toEqual(["*.vmspec.yaml", "*.vmspec.yml"]);
    // The modeline the examples and `vmspec init` write selects the language.
    const modeline = readFileSync(join(ROOT, "examples/minimal-uefi.yaml"), "utf8").split("\n")[0];
    expect(new RegExp(vmspecLang.firstLine!).test(modeline), modeline).toBe(true);
    expect(new RegExp(vmspecLang.firstLine!).test("# just a comment")).toBe(false);
    for (const v of manifest.contributes.yamlValidation) expect(files.has(`extension/${v.url.replace(/^\.\//, "")}`)).toBe(true);
    for (const g of manifest.contributes.grammars) expect(files.has(`extension/${g.path.replace(/^\.\//, "")}`)).toBe(true);
    expect(manifest.contributes.commands.map((c) => c.command)).toContain("vmspec.showLaunchCommand");
    // The packaged schema is the project's, and the extension starts the server the docs name.
    expect(files.get("extension/vmspec.schema.json")!.toString()).toBe(readFileSync(join(ROOT, "spec/vmspec.schema.json"), "utf8"));
    const main = files.get("extension/out/extension.js")!.toString();
    expect(main).toMatch(/"lsp",\s*"--stdio"/);
    expect(main).toContain('require("vscode")');
    expect(files.get("extension.vsixmanifest")!.toString()).toContain('Id="vmspec"');
  }, 180_000);
});
