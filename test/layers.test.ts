// The layers of vmspec and the one direction between them (docs/architecture.md draws them).
// Reads every import of the hand-written code with ts-morph — static, `export … from`, dynamic
// `import()` and `import("…")` types alike — and fails on an arrow that points up or sideways,
// on a private subfolder entered from outside, and on any import cycle, naming file and line.
import { describe, expect, it } from "vitest";
import { Node, Project, SyntaxKind, type SourceFile } from "ts-morph";
import { existsSync } from "node:fs";
import { posix, relative, sep } from "node:path";
import { ROOT } from "./helpers/cli.js";

/** Bottom to top. A layer may import only the layers it lists (never one above, never a sibling). */
export const ALLOWED = {
  core: [],
  spec: ["core"],
  qemu: ["core", "spec"],
  compiler: ["core", "spec", "qemu"],
  rules: ["core", "spec", "qemu", "compiler"],
  import: ["core", "spec", "qemu", "compiler", "rules"],
  lint: ["core", "spec", "qemu", "compiler", "rules"],
  // the language server: the lint engine behind a protocol (cli starts its bundle by path)
  lsp: ["core", "spec", "qemu", "compiler", "rules", "import", "lint"],
  cli: ["core", "spec", "qemu", "compiler", "rules", "import", "lint"],
  // the playground page: the lint, build and graph modules bundled for the browser
  web: ["core", "spec", "qemu", "compiler", "rules", "import", "lint"],
  // development tools (generators): read the product, never imported by it
  tools: ["core", "spec", "qemu", "compiler", "rules", "import", "lint"],
  bench: ["core", "spec", "qemu", "compiler", "rules", "import", "lint", "lsp", "cli"],
  test: ["core", "spec", "qemu", "compiler", "rules", "import", "lint", "lsp", "cli", "tools", "bench"],
} as const satisfies Record<string, readonly string[]>;
export type Layer = keyof typeof ALLOWED;

/** Subfolders only their own layer may enter (through the layer's front door), and tests. */
export const PRIVATE: { folder: string; openTo: string[] }[] = [
  // the js-yaml fast path, behind spec/read.ts (readSpec)
  { folder: "spec/fast/", openTo: ["spec/"] },
  // generated validators, behind spec/validate.ts
  { folder: "spec/generated/", openTo: ["spec/", "tools/schema/", "web/src/shims/"] },
  // the file walker, read-ahead, cache and worker runner: the top of the lint engine
  { folder: "lint/files/", openTo: ["lint/files/", "cli/", "lsp/"] },
];

const SOURCES = /\.(ts|mts|mjs)$/;
const NOT_SOURCES = /\.d\.ts$|^spec\/generated\//;

export function layerOf(file: string): Layer | undefined {
  const top = file.split("/")[0];
  return top in ALLOWED ? (top as Layer) : undefined;
}

export interface Arrow {
  from: string;
  to: string;
  line: number;
}

/** Resolves a relative specifier written in `from` to a repository path (`.js` names the `.ts` source). */
function resolveSpecifier(from: string, spec: string, exists: (p: string) => boolean): string | undefined {
  if (!spec.startsWith(".")) return undefined; // a package
  const target = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const c of [target.replace(/\.js$/, ".ts"), target.replace(/\.mjs$/, ".mts"), target]) if (exists(c)) return c;
  return target;
}

/** Every project-internal arrow of one source file. */
export function arrowsOf(sf: SourceFile, root: string, exists: (p: string) => boolean): Arrow[] {
  const from = relative(root, sf.getFilePath()).split(sep).join("/");
  const out: Arrow[] = [];
  const add = (spec: string | undefined, node: Node) => {
    const to = spec ? resolveSpecifier(from, spec, exists) : undefined;
    if (to) out.push({ from, to, line: node.getStartLineNumber() });
  };
  for (const d of sf.getImportDeclarations()) add(d.getModuleSpecifierValue(), d);
  for (const d of sf.getExportDeclarations()) add(d.getModuleSpecifierValue(), d);
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const arg = call.getArguments()[0];
    if (call.getExpression().getKind() === SyntaxKind.ImportKeyword && arg && Node.isStringLiteral(arg)) add(arg.getLiteralValue(), call);
  }
  for (const t of sf.getDescendantsOfKind(SyntaxKind.ImportType)) {
    const lit = t.getArgument().getFirstDescendantByKind(SyntaxKind.StringLiteral);
    if (lit) add(lit.getLiteralValue(), t);
  }
  return out;
}

/** Arrows that point up or sideways, or into a private subfolder from outside. */
export function badArrows(arrows: Arrow[]): string[] {
  const bad: string[] = [];
  for (const a of arrows) {
    const [lf, lt] = [layerOf(a.from), layerOf(a.to)];
    if (!lf || !lt) bad.push(`${a.from}:${a.line} -> ${a.to}: outside every layer`);
    else if (lf !== lt && !(ALLOWED[lf] as readonly string[]).includes(lt))
      bad.push(`${a.from}:${a.line} -> ${a.to}: ${lf} may not import ${lt}`);
    if (lf === "test") continue;
    for (const p of PRIVATE) {
      if (a.to.startsWith(p.folder) && !p.openTo.some((o) => a.from.startsWith(o)))
        bad.push(`${a.from}:${a.line} -> ${a.to}: ${p.folder} is private to ${p.openTo.join(", ")}`);
    }
  }
  return bad;
}

/** Import cycles (strongly connected components of more than one file, or a file importing itself). */
export function cycles(arrows: Arrow[]): string[][] {
  const next = new Map<string, string[]>();
  for (const a of arrows) next.set(a.from, [...(next.get(a.from) ?? []), a.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let i = 0;
  const visit = (v: string): void => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (next.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return out;
}

function projectArrows(): { files: string[]; arrows: Arrow[] } {
  const project = new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: true } });
  project.addSourceFilesAtPaths([
    ...Object.keys(ALLOWED).map((l) => `${ROOT}/${l}/**/*.{ts,mts,mjs}`),
    `!${ROOT}/test/.cache/**`,
    `!${ROOT}/test/fixtures/**`,
  ]);
  const exists = (p: string) => existsSync(`${ROOT}/${p}`);
  const files: string[] = [];
  const arrows: Arrow[] = [];
  for (const sf of project.getSourceFiles()) {
    const rel = relative(ROOT, sf.getFilePath()).split(sep).join("/");
    if (!SOURCES.test(rel) || NOT_SOURCES.test(rel)) continue;
    files.push(rel);
    arrows.push(...arrowsOf(sf, ROOT, exists));
  }
  return { files, arrows };
}

describe("the layers", () => {
  const { files, arrows } = projectArrows();

  it("hold every hand-written source file", () => {
    expect(files.length).toBeGreaterThan(150);
    expect(files.filter((f) => !layerOf(f))).toEqual([]);
  });

  it("import only downwards, and enter private subfolders through their front door", () => {
    expect(badArrows(arrows)).toEqual([]);
  });

  it("have no import cycle", () => {
    expect(cycles(arrows)).toEqual([]);
  });

  it("catch a planted upward import and a planted cycle (the check checks)", () => {
    const planted = new Project({ useInMemoryFileSystem: true });
    const a = planted.createSourceFile("/r/core/finding.ts", 'import type { Rule } from "../rules/rule.js";\nexport {};\n');
    const b = planted.createSourceFile("/r/cli/format.ts", 'import { x } from "./formatters/helpers.js";\nexport const y = 1;\n');
    const c = planted.createSourceFile(
      "/r/cli/formatters/helpers.ts",
      'import { y } from "../format.js";\nexport const x = () => import("../../lint/files/lint-files.js");\n',
    );
    const d = planted.createSourceFile("/r/lint/lint.ts", 'import { fastLoad } from "../spec/fast/load.js";\nexport {};\n');
    const all = [a, b, c, d].flatMap((sf) => arrowsOf(sf, "/r", () => false));
    expect(badArrows(all)).toEqual([
      "core/finding.ts:1 -> rules/rule.js: core may not import rules",
      "lint/lint.ts:1 -> spec/fast/load.js: spec/fast/ is private to spec/",
    ]);
    // The same files with their .ts sources present: the two formatter modules import each other.
    const withTs = [b, c].flatMap((sf) => arrowsOf(sf, "/r", (p) => ["cli/format.ts", "cli/formatters/helpers.ts"].includes(p)));
    expect(cycles(withTs)).toEqual([["cli/format.ts", "cli/formatters/helpers.ts"]]);
  });
});
