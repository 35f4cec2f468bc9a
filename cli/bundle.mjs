// Build step (npm run build): bundles the CLI into one script, dist/vmspec.cjs, and records V8's
// code cache for it, so a cold `vmspec` neither resolves a hundred modules nor compiles them again.
// The library stays unbundled in dist/ (tsc); this file is only the command's fast start.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const out = `${root}dist/vmspec.cjs`;

// The generated validators give Ajv's runtime helpers a require() of their own (createRequire):
// drop that shim here so the bundler sees a plain require() and bundles the helper too.
const plainRequire = {
  name: "plain-require",
  setup(b) {
    b.onLoad({ filter: /spec[\\/]generated[\\/]validate-[a-z]+\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, "utf8")).replace(
        /^import \{ createRequire \} from "node:module";\nconst require = createRequire\(import\.meta\.url\);\n/m,
        "",
      ),
      loader: "js",
    }));
  },
};

// Built-in modules that only some runs use, but whose importers load them at start:
// child_process (commander's external subcommands, which vmspec never uses; qemu/probe.ts for
// --host and `vmspec probe`) loads net, dgram and the streams with it, and crypto (the probe's
// cache key, --cache, fingerprints) its dozen submodules; os only the probe and `init` read. Each
// becomes an object of getters that requires the real module on its first use, so a plain
// `vmspec lint x.yaml` loads none of them. (The getters are the real module's own names, read
// here at build time.)
const LAZY_BUILTINS = /^node:(child_process|crypto|os)$/;
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: LAZY_BUILTINS }, (args) =>
      // The stub itself requires the real module.
      args.namespace === "lazy-builtin" ? { path: args.path, external: true } : { path: args.path, namespace: "lazy-builtin" },
    );
    b.onResolve({ filter: /^(child_process|crypto|os)$/ }, (args) => ({ path: `node:${args.path}`, namespace: "lazy-builtin" }));
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => {
      const names = Object.keys(createRequire(import.meta.url)(args.path));
      return {
        contents: [
          "let real;",
          `const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
          `for (const name of ${JSON.stringify(names)})`,
          "  Object.defineProperty(exports, name, { get: () => load()[name], enumerable: true });",
        ].join("\n"),
        loader: "js",
      };
    });
  },
};

await build({
  entryPoints: [`${root}cli/run.ts`],
  outfile: out,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // VMSPEC_BUNDLE_NAMES=1 keeps function names, for reading CPU profiles.
  minify: process.env.VMSPEC_BUNDLE_NAMES !== "1",
  // Non-ASCII characters escaped, so the launcher can read the file as latin1 (no UTF-8 decoding).
  charset: "ascii",
  legalComments: "linked",
  // Modules that find shipped files (package.json, docs) start from import.meta.url.
  define: { "import.meta.url": "__vmspec_url" },
  banner: { js: 'var __vmspec_url = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [plainRequire, lazyBuiltins],
  // Required on first use from node_modules (compiler/emit/libvirt.ts, qemu/read/libvirt-domain.ts):
  // the XML libraries stay out of the bundle every command starts with.
  external: ["xmlbuilder2", "@xmldom/xmldom"],
  logLevel: "warning",
});

// The language server (`vmspec lsp`) is a bundle of its own, loaded only by that command: the
// protocol library and yaml-language-server (required from node_modules at run time) add nothing
// to the start of every other command.
await build({
  entryPoints: [`${root}lsp/main.ts`],
  outfile: `${root}dist/vmspec-lsp.cjs`,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  define: { "import.meta.url": "__vmspec_url" },
  banner: { js: 'var __vmspec_url = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [plainRequire],
  logLevel: "warning",
});

// The code cache: run the commands people run most, in one process (which compiles their
// functions), and let the launcher write what V8 compiled. A cache from another Node version is rejected and rewritten.
await rm(`${out}.cache`, { force: true });
// The full schema validator's own cache (spec/validate.ts loads it through core/code-cache.ts), recorded by the same run.
await rm(`${root}dist/validate-schema.cjs.cache`, { force: true });
const launcher = `${root}cli/vmspec.cjs`;
const warmup = [
  ["lint", `${root}examples`, `${root}cli/cache-warmup.yaml`],
  ["build", `${root}examples/minimal-uefi.yaml`],
  ["build", `${root}examples/minimal-uefi.yaml`, "--format", "json"],
];
const env = { ...process.env, VMSPEC_WRITE_CODE_CACHE: "1", VMSPEC_WARMUP: JSON.stringify(warmup) };
const r = spawnSync(process.execPath, [launcher], { env, encoding: "utf8" });
if (r.status !== 0 && r.status !== 1) throw new Error(`warming the code cache failed: ${r.stderr}`);
