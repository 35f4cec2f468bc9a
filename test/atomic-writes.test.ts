// Writes (-o, --fix) are atomic: a temporary file in the same folder, then a rename. A failure
// mid-way, a read-only folder or a full disk leaves the original untouched and no temporary file.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const FIXABLE = 'name: a\nmemory: {size: 1GiB}\nrunAs: qemu\nextraArgs: [-device, "?"]\n';

describe("atomic writes", () => {
  it("a rename that fails (the target is a folder) leaves it as it was, with no temporary file", () => {
    const dir = scratch();
    writeFileSync(join(dir, "vm.yaml"), FIXABLE);
    mkdirSync(join(dir, "out.sh"));
    const r = vmspec(["build", join(dir, "vm.yaml"), "-o", join(dir, "out.sh")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vmspec: cannot write .*out\.sh: /m);
    expect(readdirSync(dir).sort()).toEqual(["out.sh", "vm.yaml"]);
  });

  it("a read-only folder: the error is clear, the original untouched", () => {
    const dir = scratch();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, "vm.yaml"), FIXABLE, { mode: 0o666 });
    chmodSync(join(dir, "vm.yaml"), 0o666);
    const asNobody = (...args: string[]) =>
      spawnSync("runuser", ["-u", "nobody", "--", process.execPath, BIN, ...args], { encoding: "utf8", cwd: "/" });
    const fix = asNobody("lint", join(dir, "vm.yaml"), "--fix");
    expect(fix.status).toBe(2);
    expect(fix.stderr).toMatch(/^vmspec: cannot write .*vm\.yaml: .*permission denied/i);
    const out = asNobody("build", join(dir, "vm.yaml"), "-o", join(dir, "vm.sh"));
    expect(out.status).toBe(2);
    expect(readFileSync(join(dir, "vm.yaml"), "utf8")).toBe(FIXABLE);
    expect(readdirSync(dir)).toEqual(["vm.yaml"]);
  });

  it("a full disk: the original untouched, no temporary file (a small tmpfs in a private mount namespace)", () => {
    const dir = scratch();
    const script = [
      "set -e",
      `mount -t tmpfs -o size=64k tmpfs ${dir}`,
      `printf '${FIXABLE.replace(/\n/g, "\\n")}' > ${dir}/vm.yaml`,
      `dd if=/dev/zero of=${dir}/fill bs=1k count=1024 2>/dev/null || true`,
      `set +e; ${process.execPath} ${BIN} lint ${dir}/vm.yaml --fix; echo "exit=$?"`,
      `cat ${dir}/vm.yaml; ls -A ${dir}`,
    ].join("\n");
    const r = spawnSync("unshare", ["--mount", "sh", "-c", script], { encoding: "utf8", cwd: ROOT });
    expect(r.stderr).toMatch(/vmspec: cannot write .*vm\.yaml: .*(no space|ENOSPC)/i);
    expect(r.stdout).toContain("exit=2");
    expect(r.stdout).toContain(FIXABLE + "fill\nvm.yaml\n");
  });

  it("a -readconfig value the format cannot hold (a line over 1023 bytes) is refused, nothing written", () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "vm.yaml"),
      `name: a\nmemory: {size: 1GiB}\nrunAs: qemu\ndisks: [{name: d, file: /${"x".repeat(1100)}, format: raw}]\n`,
    );
    const r = vmspec(["build", join(dir, "vm.yaml"), "--format", "readconfig", "-o", join(dir, "vm.cfg")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /vm\.yaml:4:\d+: error: a -readconfig line is limited to 1023 bytes; -drive needs 11\d\d: use --format shell \[output-format\]/,
    );
    expect(readdirSync(dir)).toEqual(["vm.yaml"]);
  });
});
