// Starts the real qemu-system-aarch64 paused with QMP on a private unix socket (so the VM's own
// stdio stays free), and talks QMP to it. Every start has a kill timeout, and QEMU exiting before
// it answers is reported with what it printed.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const QEMU = "qemu-system-aarch64";

export class QmpError extends Error {}

export interface Qemu {
  pid: number;
  cmd(execute: string, args?: Record<string, unknown>): Promise<any>;
  quit(): Promise<void>;
  stderr(): string;
}

function connectWhenReady(path: string, exited: Promise<never>): Promise<Socket> {
  return Promise.race([
    new Promise<Socket>((resolve) => {
      const attempt = () => {
        const s = connect(path);
        s.once("connect", () => resolve(s));
        s.once("error", () => setTimeout(attempt, 50));
      };
      attempt();
    }),
    exited,
  ]);
}

/** Starts QEMU with `argv` plus `-S` and a QMP socket; resolves once QMP is ready, rejects if QEMU exits first. */
export async function startPaused(argv: string[], opts: { cwd?: string; timeoutMs?: number; prefix?: string[] } = {}): Promise<Qemu> {
  const sock = join(mkdtempSync(join(tmpdir(), "qmp-")), "qmp.sock");
  const words = [...(opts.prefix ?? []), QEMU, ...argv, "-S", "-qmp", `unix:${sock},server=on,wait=on`];
  const child = spawn(words[0], words.slice(1), { cwd: opts.cwd, stdio: ["pipe", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  child.stdout.resume();
  const exited = new Promise<never>((_, reject) => {
    child.on("exit", (code, signal) => reject(new QmpError(`QEMU exited (${code ?? signal}) before answering: ${err.trim()}`)));
    child.on("error", (e) => reject(new QmpError(`cannot start ${QEMU}: ${e.message}`)));
  });
  exited.catch(() => {});
  const killer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 30000);
  let socket: Socket;
  try {
    socket = await connectWhenReady(sock, exited);
  } catch (e) {
    clearTimeout(killer);
    throw e;
  }
  let buf = "";
  const waiting: ((msg: any) => void)[] = [];
  socket.on("data", (d) => {
    buf += String(d);
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.trimStart().startsWith("{")) continue;
      const msg = JSON.parse(line);
      if (msg.event) continue;
      waiting.shift()?.(msg);
    }
  });
  socket.on("error", () => {});
  const next = () => Promise.race([new Promise<any>((res) => waiting.push(res)), exited]);
  await next(); // greeting
  const cmd = async (execute: string, args?: Record<string, unknown>) => {
    const answer = next();
    socket.write(JSON.stringify(args ? { execute, arguments: args } : { execute }) + "\n");
    const msg = await answer;
    if (msg.error) throw new QmpError(`${execute}: ${msg.error.desc}`);
    return msg.return;
  };
  await cmd("qmp_capabilities");
  return {
    pid: child.pid!,
    cmd,
    stderr: () => err,
    async quit() {
      if (child.exitCode === null && child.signalCode === null) {
        socket.write(JSON.stringify({ execute: "quit" }) + "\n");
        const t = setTimeout(() => child.kill("SIGKILL"), 5000);
        await once(child, "exit").catch(() => {});
        clearTimeout(t);
      }
      socket.destroy();
      clearTimeout(killer);
    },
  };
}

/** Runs QEMU expecting it to fail at start; resolves with its exit code and standard error. */
export async function startExpectingFailure(argv: string[], opts: { cwd?: string } = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(QEMU, [...argv, "-S", "-display", "none"], { cwd: opts.cwd, stdio: ["pipe", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  child.stdout.resume();
  // Still running after a while means it started after all: stop it, so the test reports the
  // unexpected success instead of hanging.
  const stopper = setTimeout(() => child.kill("SIGTERM"), 10000);
  const killer = setTimeout(() => child.kill("SIGKILL"), 20000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(stopper);
  clearTimeout(killer);
  return { code, stderr: err };
}

/** Device ids and QOM types under /machine/peripheral: every -device with an id. */
export async function peripherals(q: Qemu): Promise<Record<string, string>> {
  const list: { name: string; type: string }[] = await q.cmd("qom-list", { path: "/machine/peripheral" });
  const out: Record<string, string> = {};
  for (const p of list) {
    const m = /^child<(.+)>$/.exec(p.type);
    if (m) out[p.name] = m[1];
  }
  return out;
}
