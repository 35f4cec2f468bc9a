// Bad input, through the CLI as a user meets it: each gets a clear finding or error at a line and
// column and the right exit code, never a stack trace, never a hang.
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, openSync, writeFileSync, ftruncateSync } from "node:fs";
import { join } from "node:path";
import { BIN, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { generateTree } from "../bench/generate.js";

function lintFile(content: string | Buffer, name = "vm.yaml") {
  const dir = scratch();
  writeFileSync(join(dir, name), content);
  const r = vmspec(["lint", join(dir, name), "--format", "compact"]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return {
    code: r.code,
    lines: r.stdout
      .trim()
      .split("\n")
      .map((l) => l.slice(l.indexOf(name) + name.length + 1)),
  };
}

describe("bad input", () => {
  it.each([
    ["an empty file", "", "1:1: error: the file holds no YAML document: expected a VM spec [empty-file]"],
    ["only comments", "# nothing\n", "1:1: error: the file holds no YAML document: expected a VM spec [empty-file]"],
    [
      "invalid UTF-8",
      Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0x0a]),
      "1:7: error: invalid UTF-8 byte 0xff at byte 6 [invalid-utf8]",
    ],
    [
      "a binary file",
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
      "1:5: error: the file holds a NUL byte: is it a binary file? [binary-file]",
    ],
    [
      "duplicate keys",
      "name: a\nmemory: {size: 1GiB}\nname: b\n",
      '3:1: error: duplicate key "name": a key may appear once in a mapping [duplicate-key]',
    ],
    [
      "several documents",
      "name: a\nmemory: {size: 1GiB}\n---\nname: b\n",
      "3:1: error: a spec file holds one YAML document: split the others into their own files [multiple-documents]",
    ],
    [
      "an alias bomb",
      "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
      null,
    ],
    ["10,000 levels of nesting", "name: x\nextraArgs: " + "[".repeat(10000) + "]".repeat(10000) + "\n", "2:"],
  ])("%s", (_what, content, expected) => {
    const r = lintFile(content);
    expect(r.code).toBe(1);
    if (expected === null) expect(r.lines[0]).toMatch(/\[too-many-aliases\]$/);
    else expect(r.lines[0].startsWith(expected)).toBe(true);
  });

  it("stops quietly when the reader closes the pipe early (| head)", () => {
    const dir = join(scratch("pipe-"), "specs");
    generateTree(dir, 800);
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" lint "${dir}" --format json | head -c 1 >/dev/null`], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
  });

  it("keeps positions right with a BOM and CRLF line endings", () => {
    const r = lintFile("\uFEFFname: a\r\nmemory: {size: 1GiB}\r\nrunAs: qemu\r\naccel: kvmm\r\n");
    expect(r.lines).toEqual(['4:8: error: "kvmm" is not a valid accel: expected one of "kvm", "tcg"; did you mean "kvm"? [schema]']);
  });

  it("refuses a 50 MB file by its size, without reading it whole", () => {
    const dir = scratch();
    const fd = openSync(join(dir, "big.yaml"), "w");
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const started = Date.now();
    const r = vmspec(["lint", join(dir, "big.yaml"), "--format", "compact"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1:1: error: the file is larger than the limit of 1048576 bytes");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("refuses a command line over the size limit too, instead of linting part of it", () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "run.sh"),
      "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu \\\n" + "  -msg timestamp=on \\\n".repeat(70000) + "  -snapshot\n",
    );
    const r = vmspec(["lint", "--argv", join(dir, "run.sh"), "--format", "compact"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${join(dir, "run.sh")}:1:1: error: the file is larger than the limit of 1048576 bytes [file-too-large]\n`);
  });

  it("a file without read permission is an I/O error (exit 2)", () => {
    const dir = scratch();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, "secret.yaml"), "name: a\n", { mode: 0o600 });
    // Root reads anything: run as an unprivileged user.
    const r = spawnSync("runuser", ["-u", "nobody", "--", process.execPath, BIN, "lint", join(dir, "secret.yaml")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`vmspec: cannot read ${join(dir, "secret.yaml")}: permission denied\n`);
  });

  it("an unreadable spec among readable ones is reported as itself, after its folder was read ahead", () => {
    const dir = scratch();
    chmodSync(dir, 0o755);
    for (const n of ["a", "c", "d"])
      writeFileSync(join(dir, `${n}.vmspec.yaml`), "name: a\nmemory: {size: 1GiB}\nrunAs: qemu\n", { mode: 0o644 });
    writeFileSync(join(dir, "b.vmspec.yaml"), "name: b\n", { mode: 0o600 });
    const r = spawnSync("runuser", ["-u", "nobody", "--", process.execPath, BIN, "lint", dir], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`vmspec: cannot read ${join(dir, "b.vmspec.yaml")}: permission denied\n`);
  });

  it("a missing file, and a folder with no specs", () => {
    const dir = scratch();
    mkdirSync(join(dir, "empty"));
    expect(vmspec(["lint", join(dir, "nope.yaml")])).toMatchObject({
      code: 2,
      stderr: `vmspec: cannot read ${join(dir, "nope.yaml")}: no such file or folder\n`,
    });
    expect(vmspec(["lint", join(dir, "empty")]).code).toBe(2);
    expect(execFileSync("ls", [dir]).toString()).toBe("empty\n");
  });
});
