// Walking folders for specs (core/files.ts).
import { describe, expect, it } from "vitest";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expandPaths, resolveFile } from "../core/files.js";
import { scratch } from "./helpers/workdir.js";

describe("expandPaths", () => {
  it("names a folder's specs as path.join would, however the folder is spelled", () => {
    const root = scratch();
    mkdirSync(join(root, "fleet", "sub"), { recursive: true });
    for (const f of ["b.vmspec.yaml", "a.vmspec.yml", "sub/c.vmspec.yaml", "notes.txt", "sub/user-data.yaml"])
      writeFileSync(join(root, "fleet", f), "name: a\n");
    const cwd = process.cwd();
    process.chdir(root);
    try {
      for (const spelled of ["fleet", "fleet/", "./fleet", "./fleet//", join(root, "fleet"), `${root}/fleet/`, ".", "fleet/sub/.."]) {
        const base = spelled;
        expect(expandPaths([spelled]), spelled).toEqual(
          ["a.vmspec.yml", "b.vmspec.yaml", "sub/c.vmspec.yaml"].map((f) => join(base, base === "." ? "fleet" : "", f)),
        );
      }
    } finally {
      process.chdir(cwd);
    }
  });

  it("takes *.vmspec.yaml / *.vmspec.yml below a folder, every file named, and each file once", () => {
    const root = scratch();
    mkdirSync(join(root, "vms", "cloud-init"), { recursive: true });
    for (const f of ["web.vmspec.yaml", "db.vmspec.yml", "cloud-init/user-data.yaml", "compose.yml"])
      writeFileSync(join(root, "vms", f), "name: a\n");
    symlinkSync("web.vmspec.yaml", join(root, "vms", "www.vmspec.yaml"));
    const cwd = process.cwd();
    process.chdir(root);
    try {
      // cloud-init's user data and other YAML beside the specs are not specs.
      expect(expandPaths(["vms"])).toEqual(["vms/db.vmspec.yml", "vms/web.vmspec.yaml"]);
      // A file named is linted whatever its name; one reached twice (named and through its folder,
      // spelled two ways, or through a symbolic link) is listed once, under the first name.
      expect(
        expandPaths([
          "vms/cloud-init/user-data.yaml",
          "./vms/web.vmspec.yaml",
          "vms/web.vmspec.yaml",
          "vms",
          join(root, "vms/db.vmspec.yml"),
          "vms/www.vmspec.yaml",
        ]),
      ).toEqual(["vms/cloud-init/user-data.yaml", "./vms/web.vmspec.yaml", "vms/db.vmspec.yml"]);
      expect(expandPaths(["vms", "vms/"])).toEqual(["vms/db.vmspec.yml", "vms/web.vmspec.yaml"]);
      // A folder of plain *.yaml says why nothing was found.
      expect(() => expandPaths(["vms/cloud-init"])).toThrow(
        "no spec files in vms/cloud-init: folders are walked for *.vmspec.yaml and *.vmspec.yml, or the files: globs of .vmspec.yaml (1 other *.yaml / *.yml file there: rename them, add files: globs, or name them on the command line)",
      );
      // Another filter (the files: globs of .vmspec.yaml) decides instead.
      expect(expandPaths(["vms"], (_p, name) => name.endsWith(".yaml"))).toEqual(["vms/cloud-init/user-data.yaml", "vms/web.vmspec.yaml"]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("resolveFile", () => {
  it("resolves names as path.resolve does, in any order and after the working folder changes", () => {
    const root = scratch();
    mkdirSync(join(root, "a", "b"), { recursive: true });
    const names = [
      "x.yaml",
      "a/x.yaml",
      "a//x.yaml",
      "./a/x.yaml",
      "a/b/../x.yaml",
      "a/./x.yaml",
      "a/..",
      "a/.",
      "a/",
      "/x",
      "/",
      "-",
      "",
      "..",
      "../x.yaml",
    ];
    const spelled = [...names, ...names.map((n) => join(root, n)), `${root}//a/x.yaml`, "/../x.yaml", "//x.yaml"];
    const cwd = process.cwd();
    try {
      for (const dir of [root, join(root, "a"), join(root, "a", "b")]) {
        process.chdir(dir);
        // Twice, and each after each, so that the folder remembered from the last call is reused.
        for (const n of [...spelled, ...spelled.slice().reverse(), ...spelled]) expect(resolveFile(n), `${n} in ${dir}`).toBe(resolve(n));
      }
      // The same relative folder right before and after a change of the working folder.
      process.chdir(root);
      expect(resolveFile("b/x.yaml")).toBe(join(root, "b", "x.yaml"));
      process.chdir(join(root, "a"));
      expect(resolveFile("b/y.yaml")).toBe(join(root, "a", "b", "y.yaml"));
    } finally {
      process.chdir(cwd);
    }
  });
});
