// What a VM gets when its spec says nothing about security, checked on the running QEMU: a
// private (0700) folder for its monitor and agent sockets, VNC and port forwards on loopback, and
// the seccomp sandbox on.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildJson, prepareHost, scratch } from "./helpers/workdir.js";
import { startPaused } from "./helpers/qemu.js";

describe("security defaults of what vmspec emits", () => {
  it("monitor and agent sockets in an owner-only folder; VNC and forwards on loopback; the sandbox on", async () => {
    const dir = scratch();
    const file = join(dir, "quiet.yaml");
    const port = 20000 + (process.pid % 20000);
    writeFileSync(
      file,
      `name: quiet\nmemory: {size: 256MiB}\nguestAgent: {}\ndisplay: {type: vnc}\nnetworks: [{name: lan, type: user, forwards: [{hostPort: ${port}, guestPort: 22}]}]\n`,
    );
    const built = buildJson(file);
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      const run = join(dir, "quiet.run");
      expect(statSync(run).mode & 0o777).toBe(0o700);
      expect(statSync(join(run, "qmp.sock")).isSocket()).toBe(true);
      expect(statSync(join(run, "qga.sock")).isSocket()).toBe(true);
      // Another user cannot reach the monitor.
      const other = spawnSync(
        "runuser",
        [
          "-u",
          "nobody",
          "--",
          process.execPath,
          "-e",
          `require("net").connect(${JSON.stringify(join(run, "qmp.sock"))}).on("error", (e) => { console.log(e.code); process.exit(0) }).on("connect", () => { console.log("connected"); process.exit(0) })`,
        ],
        { encoding: "utf8" },
      );
      expect(other.stdout.trim()).toBe("EACCES");
      const vnc = await q.cmd("query-vnc");
      expect(vnc).toMatchObject({ enabled: true, host: "127.0.0.1" });
      const usernet: string = await q.cmd("human-monitor-command", { "command-line": "info usernet" });
      expect(usernet).toMatch(new RegExp(`TCP\\[HOST_FORWARD\\]\\s+\\d+\\s+127\\.0\\.0\\.1\\s+${port}\\s`));
      expect(readFileSync(`/proc/${q.pid}/status`, "utf8")).toMatch(/^Seccomp:\s+2$/m);
    } finally {
      await q.quit();
    }
  });
});
