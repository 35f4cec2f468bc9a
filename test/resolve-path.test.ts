// The compiler's resolvePath() skips path.resolve()'s normalising pass when a path needs none:
// it must give exactly what path.resolve gives, for clean paths and for every kind of unclean one.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { resolve } from "node:path";
import { resolvePath } from "../compiler/context.js";

const BASES = [
  "/",
  "/srv/vms",
  "/srv/vms/",
  "/srv//vms",
  "/srv/./vms",
  "/srv/../vms",
  "/srv/vms/.",
  "/srv/vms/..",
  "/.",
  "/..",
  "//",
  "/a.b/.c/..d",
  "rel/dir",
  "./rel",
  "",
  ".",
];
const PATHS = [
  "disk.qcow2",
  "images/disk.qcow2",
  "./disk.qcow2",
  "../disk.qcow2",
  "a/../b",
  "a/./b",
  "a//b",
  "a/",
  "a/.",
  "a/..",
  ".",
  "..",
  "",
  "/abs/disk.qcow2",
  "/abs//x",
  "/abs/./x",
  "/abs/../x",
  "/",
  ".hidden",
  "..hidden",
  "a/.hidden/b",
  "a/b..",
  "nbd:host:1/x",
  "with space/x,y",
];

describe("resolvePath", () => {
  it("is path.resolve for every base and path in the table", () => {
    for (const base of BASES) {
      expect(resolvePath(base), JSON.stringify(base)).toBe(resolve(base));
      for (const path of PATHS) expect(resolvePath(base, path), JSON.stringify([base, path])).toBe(resolve(base, path));
    }
  });

  it("is path.resolve for generated paths of '/', '.', 'a' and '.a'", () => {
    const part = fc.constantFrom("/", ".", "..", "a", ".a", "b.", "");
    const path = fc.array(part, { maxLength: 8 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(path, path, (base, p) => {
        expect(resolvePath(base)).toBe(resolve(base));
        expect(resolvePath(base, p)).toBe(resolve(base, p));
      }),
      { numRuns: 5000 },
    );
  });
});
