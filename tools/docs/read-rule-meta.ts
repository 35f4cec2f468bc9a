// Reads every rule module's metadata from its source with ts-morph (a development tool: never
// loaded by the CLI), so docs pages are generated from the modules themselves.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { Node, Project, SyntaxKind } from "ts-morph";
import type { RuleMeta } from "../../rules/rule.js";

const RULES_DIR = fileURLToPath(new URL("../../rules/", import.meta.url));

/** The plain value of a literal expression (strings, booleans, arrays, objects, consts). */
function valueOf(node: Node): unknown {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (node.getKind() === SyntaxKind.TrueKeyword) return true;
  if (node.getKind() === SyntaxKind.FalseKeyword) return false;
  if (Node.isArrayLiteralExpression(node)) return node.getElements().flatMap((e) => (Node.isSpreadElement(e) ? (valueOf(e.getExpression()) as unknown[]) : [valueOf(e)]));
  if (Node.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.getProperties()) {
      if (!Node.isPropertyAssignment(p)) throw new Error(`unsupported property in rule metadata: ${p.getText()}`);
      out[p.getName()] = valueOf(p.getInitializerOrThrow());
    }
    return out;
  }
  if (Node.isIdentifier(node)) {
    // A constant of this module or an imported one (`reads: IMAGE_FLAGS`).
    const symbol = node.getSymbolOrThrow();
    const decl = (symbol.getAliasedSymbol() ?? symbol).getDeclarations()[0];
    if (Node.isVariableDeclaration(decl)) return valueOf(decl.getInitializerOrThrow());
  }
  if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) return valueOf(node.getExpression());
  throw new Error(`not a literal in rule metadata: ${node.getText().slice(0, 60)}`);
}

/** Metadata of every rule file (a module whose default export is made by a rule factory). */
export function readRuleMeta(): RuleMeta[] {
  const project = new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: false } });
  const out: RuleMeta[] = [];
  for (const f of readdirSync(RULES_DIR).filter((x) => x.endsWith(".ts")).sort()) {
    const src = project.addSourceFileAtPath(join(RULES_DIR, f));
    const exported = src.getExportAssignment((e) => !e.isExportEquals());
    const call = exported?.getExpression();
    if (!call || !Node.isCallExpression(call)) continue;
    const factory = call.getExpression().getText();
    const input = ({ specRule: "spec", optionRule: "options", commandRule: "commands" } as const)[factory as "specRule"];
    if (!input) continue;
    const meta = valueOf(call.getArguments()[0]) as Omit<RuleMeta, "input">;
    out.push({ ...meta, input });
  }
  return out;
}
