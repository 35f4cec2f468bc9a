// `vmspec build --format readconfig` of a user network with several port forwards, loaded by the
// real QEMU 7.2: every forward must be live (`info usernet`). QEMU 6.1+ reads a -readconfig
// section into a dictionary, so a repeated `hostfwd` in one [netdev] kept only the last forward
// (a user's db01r.cfg); the output now keeps such a netdev on the command line.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { buildSpec } from "../lint/build.js";
import { lintInput } from "../lint/lint.js";
import { parseTarget } from "../qemu/targets.js";
import { startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

/** A TCP port nothing listens on right now (the kernel picks it). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("-readconfig output with several port forwards, on QEMU 7.2", () => {
  it("keeps every forward live (info usernet), and the file it writes has no repeated key", async () => {
    const dir = scratch();
    const [a, b, c] = [await freePort(), await freePort(), await freePort()];
    const spec = `name: db01
memory: {size: 256MiB}
cpu: {count: 1}
networks:
  - {name: mgmt, type: user, forwards: [{hostPort: ${a}, guestPort: 22}, {hostPort: ${b}, guestPort: 5432, protocol: tcp}]}
  - {name: lan, type: user, forwards: [{hostPort: ${c}, guestPort: 80}]}
monitors: {qmp: false}
`;
    const cfg = join(dir, "db01.cfg");
    const r = buildSpec(new TextEncoder().encode(spec), {
      format: "json",
      baseDir: dir,
      qemu: parseTarget("7.2"),
      readconfigPath: cfg,
      overrides: { accel: "tcg", cpu: "cortex-a57" },
    });
    expect(r.output, JSON.stringify(r.findings)).toBeDefined();
    const built = JSON.parse(r.output!);
    writeFileSync(cfg, built.readconfig.file);
    // vmspec's own reading of the file it wrote finds nothing that QEMU would drop.
    const linted = lintInput("readconfig", new TextEncoder().encode(built.readconfig.file), { baseDir: dir, qemu: parseTarget("7.2") });
    expect(linted.findings.filter((f) => f.ruleId === "readconfig-repeated-key")).toEqual([]);
    const q = await startPaused([...built.readconfig.argv, "-display", "none"], { cwd: dir });
    try {
      const usernet: string = await q.cmd("human-monitor-command", { "command-line": "info usernet" });
      for (const port of [a, b, c]) expect(usernet).toMatch(new RegExp(`HOST_FORWARD\\]\\s+\\d+\\s+127\\.0\\.0\\.1\\s+${port}\\b`));
    } finally {
      await q.quit();
    }
  });
});
