// A private real libvirtd for tests (Debian 12's libvirt 9.0), started and stopped by the test file
// itself: as root without systemd, in its own mount and network namespace (libvirt-ns.sh), with its
// own sockets, so test files never share a daemon and the host's /etc, /run and network stay as
// they were. virsh talks to it through qemu:///system?socket=<its socket>.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { scratch } from "./workdir.js";

const NS_SCRIPT = fileURLToPath(new URL("./libvirt-ns.sh", import.meta.url));

export interface VirshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Libvirtd {
  /** The connection URI virsh uses. */
  uri: string;
  /** The scratch folder of this daemon. */
  dir: string;
  virsh(args: string[]): VirshResult;
  /** virsh that must succeed; returns its standard output. */
  virshOk(args: string[]): string;
  /** A QMP command through `virsh qemu-monitor-command`; returns its `return` value. */
  qmp(domain: string, execute: string, args?: Record<string, unknown>): any;
  /** libvirtd's own log (what it printed), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function waitFor(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) return resolve();
      if (Date.now() > until) return reject(new Error(`timed out waiting for ${what()}`));
      setTimeout(tick, 100);
    };
    tick();
  });
}

/** Starts a private libvirtd and virtlogd; resolves when virsh can connect. */
export async function startLibvirtd(): Promise<Libvirtd> {
  const dir = scratch("vmspec-libvirtd-");
  const sock = join(dir, "sock", "libvirt-sock");
  const uri = `qemu:///system?socket=${sock}`;
  let output = "";
  // unshare without --fork execs sh, which execs libvirtd: the child's pid is libvirtd's.
  const child: ChildProcess = spawn("unshare", ["--mount", "--net", "sh", NS_SCRIPT, dir], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (b) => (output += b));
  child.stderr!.on("data", (b) => (output += b));
  let exited = false;
  child.once("exit", () => (exited = true));
  const virsh = (args: string[]): VirshResult => {
    const r = spawnSync("virsh", ["-q", "-c", uri, ...args], { encoding: "utf8", timeout: 60000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const d = daemon(
    child,
    dir,
    uri,
    virsh,
    () => output,
    () => exited,
  );
  const tail = () => output.slice(-4000);
  try {
    await waitFor(
      () => exited || (existsSync(sock) && virsh(["list", "--all"]).code === 0),
      60000,
      () => `libvirtd (${tail()})`,
    );
    if (exited) throw new Error(`libvirtd exited at start:\n${tail()}`);
  } catch (e) {
    await d.stop();
    throw e;
  }
  return d;
}

function daemon(
  child: ChildProcess,
  dir: string,
  uri: string,
  virsh: (args: string[]) => VirshResult,
  output: () => string,
  exited: () => boolean,
): Libvirtd {
  const d: Libvirtd = {
    uri,
    dir,
    virsh,
    virshOk(args) {
      const r = virsh(args);
      if (r.code !== 0) throw new Error(`virsh ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
      return r.stdout;
    },
    qmp(domain, execute, args) {
      const out = d.virshOk(["qemu-monitor-command", domain, JSON.stringify(args ? { execute, arguments: args } : { execute })]);
      const reply = JSON.parse(out);
      if (reply.error) throw new Error(`${execute}: ${reply.error.desc}`);
      return reply.return;
    },
    log: output,
    async stop() {
      // libvirtd leaves running domains alone when it stops: destroy them first.
      for (const name of virsh(["list", "--name"]).stdout.split("\n").filter(Boolean)) virsh(["destroy", name]);
      if (!exited()) {
        const gone = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([gone, new Promise((r) => setTimeout(r, 15000))]);
        if (!exited()) child.kill("SIGKILL");
      }
      const pidFile = join(dir, "virtlogd.pid");
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, "utf8").trim());
        if (pid > 0) {
          try {
            process.kill(pid, "SIGTERM");
          } catch {
            // already gone
          }
        }
      }
    },
  };
  return d;
}

/**
 * A private libvirtd for the tests of the calling file or describe block: started before them,
 * stopped after them. Returns its handle (valid inside the tests).
 */
export function useLibvirtd(): () => Libvirtd {
  let lv: Libvirtd | undefined;
  beforeAll(async () => {
    lv = await startLibvirtd();
  }, 120000);
  afterAll(async () => {
    await lv?.stop();
  });
  return () => lv!;
}
