// Issue 20's consoles in the real QEMU 7.2: the golden spec test/golden/consoles-7.2.yaml (with
// free ports, and UEFI firmware so that the guest writes to its serial port), built for this host
// (TCG): QEMU waits for the telnet client of the serial port before it starts, the client is
// spoken telnet to, QMP's query-chardev shows both servers on loopback, and what the firmware
// prints reaches the client and the log file, appended to what the file held.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, connect, type Socket } from "node:net";
import { join } from "node:path";

import { ROOT } from "./helpers/cli.js";

import { prepareHost, scratch, buildForHost, withoutRunas } from "./helpers/workdir.js";
import { startPaused, type Qemu } from "./helpers/qemu.js";

const SPEC = join(ROOT, "test/golden/consoles-7.2.yaml");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Whether some process listens on TCP `port` (from /proc/net/tcp and tcp6, without connecting). */
function listening(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  return ["/proc/net/tcp", "/proc/net/tcp6"].some((f) =>
    readFileSync(f, "utf8")
      .split("\n")
      .some((line) => {
        const cols = line.trim().split(/\s+/);
        return cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A";
      }),
  );
}

/** Connects to host:port, retrying while nothing listens yet. */
async function connectWhenListening(host: string, port: number, timeoutMs = 30000): Promise<Socket> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const s = connect(port, host);
        s.once("connect", () => resolve(s));
        s.once("error", reject);
      });
    } catch (e) {
      if (Date.now() > until) throw e;
      await sleep(100);
    }
  }
}

describe("serial and console over telnet and TCP in QEMU 7.2", () => {
  let q: Qemu;
  let dir: string;
  let serialPort: number;
  let consolePort: number;
  let client: Socket;
  let received = Buffer.alloc(0);
  let startedBeforeClient = false;

  beforeAll(async () => {
    dir = scratch();
    [serialPort, consolePort] = [await freePort("127.0.0.1"), await freePort("::1")];
    const text =
      readFileSync(SPEC, "utf8").replace("port: 4555", `port: ${serialPort}`).replace("port: 4556", `port: ${consolePort}`) +
      "firmware:\n  uefi: {code: /usr/share/AAVMF/AAVMF_CODE.fd, vars: vars.fd}\n";
    const built = buildForHost(text, dir);
    prepareHost(built);
    mkdirSync(join(dir, "logs"), { recursive: true });
    appendFileSync(join(dir, "logs/serial.log"), "PREVIOUS RUN\n");
    const argv = withoutRunas(built.argv);
    const starting = startPaused(argv, { cwd: dir, timeoutMs: 120000 });
    let started = false;
    starting.then(() => (started = true)).catch(() => {});
    // wait=on: QEMU listens on the serial port and goes no further until a client comes (with
    // wait=off its QMP socket, made right after, would answer within this second).
    for (let i = 0; i < 300 && !listening(serialPort); i++) await sleep(100);
    await sleep(1000);
    startedBeforeClient = started;
    client = await connectWhenListening("127.0.0.1", serialPort);
    client.on("data", (d: Buffer) => (received = Buffer.concat([received, d])));
    q = await starting;
  });
  afterAll(async () => {
    client?.destroy();
    await q?.quit();
  });

  it("waits for the serial port's client before it starts", () => {
    expect(startedBeforeClient).toBe(false);
  });

  it("shows both servers on loopback through query-chardev", async () => {
    const chardevs: { label: string; filename: string }[] = await q.cmd("query-chardev");
    const byLabel = Object.fromEntries(chardevs.map((c) => [c.label, c.filename]));
    expect(byLabel.serial0).toBe(`telnet:127.0.0.1:${serialPort},server=on <-> 127.0.0.1:${client.localPort}`);
    expect(byLabel.console0).toBe(`disconnected:tcp:::1:${consolePort},server=on`);
    const consoleClient = await connectWhenListening("::1", consolePort, 5000);
    consoleClient.destroy();
  });

  it("speaks telnet to the client, and sends it and the log file what the guest prints", async () => {
    await q.cmd("cont");
    const log = join(dir, "logs/serial.log");
    const seen = () => readFileSync(log, "utf8").includes("UEFI firmware") && received.toString("latin1").includes("UEFI firmware");
    for (let i = 0; i < 600 && !seen(); i++) await sleep(100);
    // IAC WILL ECHO / IAC WILL SUPPRESS-GO-AHEAD: telnet negotiation, then the firmware's banner.
    expect([...received.subarray(0, 3)]).toEqual([255, 251, 1]);
    expect(received.toString("latin1")).toContain("UEFI firmware");
    const text = readFileSync(log, "utf8");
    expect(text.startsWith("PREVIOUS RUN\nUEFI firmware")).toBe(true);
    expect(readFileSync(join(dir, "logs/console.log"), "utf8")).toBe("");
  }, 90000);
});
