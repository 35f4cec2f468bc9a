// Each test run makes its scratch folders in one folder of its own, removed at the end
// (test/setup/tmpdir.ts), so runs leave nothing behind in /tmp.
import { describe, expect, it } from "vitest";
import { statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname } from "node:path";
import { scratch } from "./helpers/workdir.js";

describe("test runs' temporary folder", () => {
  it("is the run's own folder, open to tests that drop privileges, and scratch folders are made in it", () => {
    const root = tmpdir();
    expect(basename(root)).toMatch(/^vt-/);
    expect(statSync(root).mode & 0o7777).toBe(0o1777);
    expect(dirname(scratch())).toBe(root);
  });
});
