// Walking folders for specs (spec/files.ts).
import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expandPaths } from "../spec/files.js";
import { scratch } from "./helpers/workdir.js";

describe("expandPaths", () => {
  it("names a folder's specs as path.join would, however the folder is spelled", () => {
    const root = scratch();
    mkdirSync(join(root, "fleet", "sub"), { recursive: true });
    for (const f of ["b.yaml", "a.yml", "sub/c.yaml", "notes.txt"]) writeFileSync(join(root, "fleet", f), "name: a\n");
    const cwd = process.cwd();
    process.chdir(root);
    try {
      for (const spelled of ["fleet", "fleet/", "./fleet", "./fleet//", join(root, "fleet"), `${root}/fleet/`, ".", "fleet/sub/.."]) {
        const base = spelled;
        expect(expandPaths([spelled]), spelled).toEqual(["a.yml", "b.yaml", "sub/c.yaml"].map((f) => join(base, base === "." ? "fleet" : "", f)));
      }
    } finally {
      process.chdir(cwd);
    }
  });
});
