// Completion and hover on a spec's fields and values, from vmspec's JSON Schema, through
// yaml-language-server's language service embedded in the server (not a second server).
// Why embedded rather than answered from the schema here: the YAML extension's users already get
// exactly this behaviour (enum values, defaults, descriptions, snippets for required keys, the
// `$schema` modeline); writing our own would answer less well and drift from it. Its validation is
// off: schema errors come from vmspec's own loader, as in the CLI, so each problem is said once.
// Only local schemas are read (the packaged one, or a file: modeline): the server makes no
// network request.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, resolve } from "node:path";
import { getLanguageService, type LanguageService } from "yaml-language-server";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { CompletionList, Hover, Position } from "vscode-languageserver";
import { packageFile } from "../core/package-root.js";

export const SCHEMA_URI = pathToFileURL(packageFile("spec/vmspec.schema.json")).href;

export class SchemaService {
  private readonly ls: LanguageService;

  constructor() {
    this.ls = getLanguageService({
      schemaRequestService: async (uri: string) => {
        if (!uri.startsWith("file:")) throw new Error(`vmspec lsp reads local schemas only, not ${uri}`);
        return readFile(fileURLToPath(uri), "utf8");
      },
      workspaceContext: {
        resolveRelativePath: (rel: string, resource: string) => pathToFileURL(resolve(dirname(fileURLToPath(resource)), rel)).href,
      },
    });
    this.ls.configure({
      validate: false,
      hover: true,
      completion: true,
      format: false,
      isKubernetes: false,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ["*"], name: "vmspec" }],
    });
  }

  complete(doc: TextDocument, pos: Position): Promise<CompletionList> {
    return this.ls.doComplete(doc, pos, false);
  }

  hover(doc: TextDocument, pos: Position): Promise<Hover | null> {
    return this.ls.doHover(doc, pos);
  }
}
