#!/usr/bin/env node
// The installed command: runs the compiled CLI (built into dist/ by `npm ci` / `npm run build`).
import("../dist/cli/main.js").catch((e) => {
  if (e && e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/cli/main.js")) {
    process.stderr.write("vmspec: not built yet: run `npm run build` in the vmspec folder\n");
    process.exit(2);
  }
  throw e;
});
