// The shape of cli/ (issue 19): main.ts only wires commander, each command `vmspec --help` lists
// has its own file in cli/commands/, and the modules only some commands need (init, the importer,
// the --fix-dry-run diff, the formatters) are reached from the entry point only through import(),
// so a start of `vmspec lint` does not load them (docs/performance.md).
import { describe, expect, it } from "vitest";
import { Node, Project, SyntaxKind, type SourceFile } from "ts-morph";
import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { ROOT, vmspec } from "./helpers/cli.js";

const project = new Project({ tsConfigFilePath: join(ROOT, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
const source = (file: string): SourceFile => project.getSourceFile(join(ROOT, file)) ?? project.addSourceFileAtPath(join(ROOT, file));

/** The names of the `.command("…")` calls in a file. */
function commandsRegisteredIn(file: string): string[] {
  return source(file)
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .filter((c) => Node.isPropertyAccessExpression(c.getExpression()) && c.getExpression().getLastChildOrThrow().getText() === "command")
    .map((c) => c.getArguments()[0])
    .map((a) => (a && Node.isStringLiteral(a) ? a.getLiteralValue() : `<${a?.getText()}>`));
}

/** The repository files a file imports in a way that loads them when it loads (not types, not import()). */
function staticImports(file: string): string[] {
  const out: string[] = [];
  for (const d of source(file).getImportDeclarations()) {
    if (d.isTypeOnly()) continue;
    const named = d.getNamedImports();
    const loads = !d.getImportClause() || d.getDefaultImport() || d.getNamespaceImport() || named.some((n) => !n.isTypeOnly());
    const spec = d.getModuleSpecifierValue();
    if (loads && spec.startsWith(".")) out.push(posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, ".ts"));
  }
  for (const d of source(file).getExportDeclarations()) {
    const spec = d.getModuleSpecifierValue();
    if (!d.isTypeOnly() && spec?.startsWith(".")) out.push(posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, ".ts"));
  }
  return out.filter((f) => existsSync(join(ROOT, f)));
}

/** Every file loaded when `from` loads. */
function loadedAtStart(from: string): Set<string> {
  const seen = new Set<string>([from]);
  const todo = [from];
  while (todo.length)
    for (const f of staticImports(todo.pop()!))
      if (!seen.has(f)) {
        todo.push(f);
        seen.add(f);
      }
  return seen;
}

describe("cli/", () => {
  const help = vmspec(["--help"]);
  const listed = [...help.stdout.slice(help.stdout.indexOf("Commands:")).matchAll(/^ {2}([a-z-]+)/gm)]
    .map((m) => m[1])
    .filter((c) => c !== "help");

  it("gives each command vmspec --help lists a file of its own in cli/commands/, registering only that command", () => {
    expect(help.code).toBe(0);
    expect(listed).toEqual([
      "build",
      "lint",
      "init",
      "rules",
      "explain",
      "import",
      "print-config",
      "schema",
      "profiles",
      "probe",
      "graph",
      "lsp",
    ]);
    for (const name of listed) expect(commandsRegisteredIn(`cli/commands/${name}.ts`), name).toEqual([name]);
    const files = readdirSync(join(ROOT, "cli/commands")).filter((f) => f.endsWith(".ts") && f !== "shared.ts");
    expect(files.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual([...listed].sort());
    expect(commandsRegisteredIn("cli/commands/shared.ts")).toEqual([]);
  });

  it("keeps main.ts to wiring: it registers no command itself", () => {
    expect(commandsRegisteredIn("cli/main.ts")).toEqual([]);
    expect(
      staticImports("cli/main.ts")
        .filter((f) => f.startsWith("cli/commands/"))
        .sort(),
    ).toEqual(listed.map((n) => `cli/commands/${n}.ts`).sort());
  });

  it("does not load init, the importer, the diff or any formatter at start: only import() reaches them", () => {
    const loaded = [...loadedAtStart("cli/run.ts")];
    expect(loaded).toContain("cli/commands/lint.ts");
    expect(loaded).toContain("lint/files/lint-files.ts");
    const lazy = loaded.filter(
      (f) => ["cli/init.ts", "cli/diff.ts"].includes(f) || f.startsWith("import/") || f.startsWith("cli/formatters/"),
    );
    expect(lazy).toEqual([]);
  });
});
