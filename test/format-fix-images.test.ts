// drive-format-missing is fixable with --check-images: the real qemu-img reads the existing image,
// and --fix writes its format (a user's `--fix --check-images` on a qcow2 did nothing). Without
// the image (or without --check-images) no fix is made, only suggestions.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const SCRIPT =
  "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -drive file=data.qcow2,if=virtio \\\n  -drive file=disk.img,if=virtio\n";
const SPEC = 'name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nextraArgs: [-drive, "file=data.qcow2,if=virtio"]\n';

function setup() {
  const dir = scratch();
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", join(dir, "data.qcow2"), "16M"]);
  execFileSync("qemu-img", ["create", "-q", "-f", "raw", join(dir, "disk.img"), "1M"]);
  writeFileSync(join(dir, "run.sh"), SCRIPT);
  writeFileSync(join(dir, "web.yaml"), SPEC);
  return dir;
}

describe("drive-format-missing --fix with --check-images", () => {
  it("writes the format qemu-img reads, on a command line and in a spec's extraArgs", () => {
    const dir = setup();
    const r = vmspec(["lint", "--argv", "run.sh", "web.yaml", "--check-images", "--fix", "-f", "json"], { cwd: dir });
    expect(readFileSync(join(dir, "run.sh"), "utf8")).toBe(
      SCRIPT.replace("file=data.qcow2,if", "file=data.qcow2,format=qcow2,if").replace("file=disk.img,if", "file=disk.img,format=raw,if"),
    );
    expect(readFileSync(join(dir, "web.yaml"), "utf8")).toBe(SPEC.replace("file=data.qcow2,if", "file=data.qcow2,format=qcow2,if"));
    expect(r.stdout).not.toContain("drive-format-missing");
  });

  it("says so without --fix, and fixes nothing without --check-images", () => {
    const dir = setup();
    const shown = vmspec(["lint", "--argv", "run.sh", "--check-images", "-f", "compact"], { cwd: dir }).stdout;
    expect(shown).toContain("(qemu-img reads data.qcow2 as qcow2: --fix writes format=qcow2)");
    vmspec(["lint", "--argv", "run.sh", "web.yaml", "--fix"], { cwd: dir });
    expect(readFileSync(join(dir, "run.sh"), "utf8")).toBe(SCRIPT);
    expect(readFileSync(join(dir, "web.yaml"), "utf8")).toBe(SPEC);
  });
});
