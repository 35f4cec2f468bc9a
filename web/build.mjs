// `npm run web`: builds the playground into web/dist/ — index.html, style.css and one classic
// script (app.js, so the page works from file:// where module scripts are refused) bundled by
// esbuild from vmspec's own lint, build and graph modules. The few Node modules they touch are
// replaced by shims (src/shims/): a read-only file system holding the package's schema, and
// createRequire serving the bundled full validator and Graphviz. The rule pages and examples are
// bundled in. The page makes no network request.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../", import.meta.url));
const out = `${here}dist`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const pages = Object.fromEntries(
  readdirSync(`${root}docs/rules`)
    .filter((f) => f.endsWith(".md"))
    .map((f) => [f.slice(0, -3), readFileSync(`${root}docs/rules/${f}`, "utf8")]),
);
const examples = Object.fromEntries(
  readdirSync(`${root}examples`)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => [f, readFileSync(`${root}examples/${f}`, "utf8")]),
);
const version = JSON.parse(readFileSync(`${root}package.json`, "utf8")).version;

// The generated fast validator gives Ajv's runtime a require() of its own: a plain require() here, bundled.
const plainRequire = {
  name: "plain-require",
  setup(b) {
    b.onLoad({ filter: /spec[\\/]generated[\\/]validate-[a-z]+\.js$/ }, async (args) => ({
      contents: readFileSync(args.path, "utf8").replace(
        /^import \{ createRequire \} from "node:module";\nconst require = createRequire\(import\.meta\.url\);\n/m,
        "",
      ),
      loader: "js",
    }));
  },
};

// core/code-cache.ts (a V8 code cache for the full validator) becomes the bundle's own validator.
const codeCacheShim = {
  name: "code-cache-shim",
  setup(b) {
    b.onResolve({ filter: /[\\/]core[\\/]code-cache\.js$/ }, () => ({ path: `${here}src/shims/code-cache.ts` }));
  },
};

await build({
  entryPoints: [`${here}src/main.ts`],
  outfile: `${out}/app.js`,
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "chrome110",
  minify: true,
  charset: "utf8",
  legalComments: "linked",
  alias: {
    "node:fs": `${here}src/shims/fs.ts`,
    "node:url": `${here}src/shims/url.ts`,
    url: `${here}src/shims/url.ts`,
    events: "events",
    "node:child_process": `${here}src/shims/no-process.ts`,
    "node:crypto": `${here}src/shims/no-process.ts`,
    "node:os": `${here}src/shims/no-process.ts`,
    "node:vm": `${here}src/shims/no-process.ts`,
    "node:module": `${here}src/shims/module.ts`,
    "node:path": "path-browserify",
  },
  inject: [`${here}src/shims/process.ts`],
  define: {
    "import.meta.url": '"file:///vmspec/web/app.js"',
    __RULE_PAGES__: JSON.stringify(pages),
    __EXAMPLES__: JSON.stringify(examples),
    __VERSION__: JSON.stringify(version),
  },
  plugins: [plainRequire, codeCacheShim],
  logLevel: "warning",
});
copyFileSync(`${here}index.html`, `${out}/index.html`);
copyFileSync(`${here}style.css`, `${out}/style.css`);
console.log(`built ${out}/index.html`);
