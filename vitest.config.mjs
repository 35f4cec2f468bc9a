// Vitest's configuration: the test command's flags are in package.json ("test"); this file only
// gives each run its own temporary folder, removed at the end (test/setup/tmpdir.ts).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { globalSetup: ["test/setup/tmpdir.ts"] },
});
