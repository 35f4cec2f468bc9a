// build's passt step run as root, as printed: build created `<name>.run` 0700 root and printed
// `passt --socket <name>.run/passt-lan.sock --one-off ...`; passt, started as root, drops to
// nobody before it binds, exits 0 and leaves no socket, so the VM never started (test/passt.test.ts
// chowns the folder first, which hid it). A spec with runAs is started as root: the folder is now
// created owned by that user and passt runs as it (--runas). Nothing here is chowned by the test.
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { startPaused } from "./helpers/qemu.js";
import { buildJson, scratch } from "./helpers/workdir.js";

const SPEC = `name: rooted
memory: {size: 256MiB}
runAs: nobody
networks:
  - name: lan
    type: user
    backend: passt
    forwards:
      - {hostPort: 22290, guestPort: 22}
`;

const HOST = ["--accel", "tcg", "--cpu", "cortex-a57", "--qemu", "7.2"];

const connects = (port: number) =>
  new Promise<boolean>((done) => {
    const s = createConnection({ host: "127.0.0.1", port }, () => (s.destroy(), done(true)));
    s.on("error", () => done(false));
  });

describe("build's passt step, run as root as printed", () => {
  it("the test runs as root, as the user did", () => {
    expect(process.getuid?.()).toBe(0);
  });

  it("binds its socket, and QEMU 7.2 (started as root, -runas nobody) reaches the guest's forward through it", async () => {
    const dir = scratch();
    // A VM folder as people have them (/srv/vms, /var/lib/vms): others may enter it (mkdtemp's is 0700).
    chmodSync(dir, 0o755);
    const spec = join(dir, "rooted.vmspec.yaml");
    writeFileSync(spec, SPEC);
    const b = vmspec(["build", spec, "--format", "shell", ...HOST]);
    expect(b.stdout).toContain(`{ test -e ${dir}/rooted.run || install -d -m 0700 -o nobody -- ${dir}/rooted.run; } &&`);
    writeFileSync(join(dir, "run.sh"), b.stdout);
    // The script as a user runs it: it makes the folder, then stops and names the passt command.
    const first = spawnSync("sh", [join(dir, "run.sh")], { encoding: "utf8" });
    expect(first.status).toBe(1);
    const printed = /vmspec: start this first: (passt .*)$/m.exec(first.stderr)![1];
    expect(printed).toBe(`passt --runas nobody --socket ${dir}/rooted.run/passt-lan.sock --one-off -t 127.0.0.1/22290:22`);
    // Run as printed (with --pid, so the test can end it).
    const pidFile = join(dir, "rooted.run", "passt.pid");
    execFileSync("sh", ["-c", `${printed} --pid ${pidFile}`], { stdio: "ignore" });
    const sock = `${dir}/rooted.run/passt-lan.sock`;
    expect(existsSync(sock)).toBe(true);
    expect(statSync(`${dir}/rooted.run`).mode & 0o777).toBe(0o700);
    const pid = Number(readFileSync(pidFile, "utf8"));
    try {
      expect(readFileSync(`/proc/${pid}/status`, "utf8")).toMatch(/^Uid:\s+65534\s/m);
      const built = buildJson(spec);
      expect(built.argv).toContain("-runas");
      const q = await startPaused(built.argv, { cwd: dir });
      try {
        const info = String(await q.cmd("human-monitor-command", { "command-line": "info network" }));
        expect(info).toContain("net-lan: index=0,type=stream,");
        expect(await connects(22290)).toBe(true);
      } finally {
        await q.quit();
      }
    } finally {
      try {
        process.kill(pid);
      } catch {
        // passt --one-off quit with QEMU
      }
    }
  });
});
