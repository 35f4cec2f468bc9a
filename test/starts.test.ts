// A spec that lints clean must start (issue 14): each case is a spec written the way SUSE's, QEMU's
// and distro documentation write them, built by the CLI and started (paused) in the real
// qemu-system-aarch64 7.2, or refused by lint at the line that QEMU would refuse, with QEMU's own
// error shown for the refused command line.
import { describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { connect } from "node:net";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { prepareHost, scratch, type BuiltJson } from "./helpers/workdir.js";
import { startExpectingFailure, startPaused } from "./helpers/qemu.js";
import { makePki } from "./helpers/pki.js";
import { lintInput } from "../lint/lint.js";
import { compile } from "../compiler/compile.js";
import { toArgv } from "../compiler/emit/argv.js";
import type { VmSpec } from "../spec/types.js";
import { parse } from "yaml";

function specFile(text: string, name = "vm.yaml"): { dir: string; file: string } {
  const dir = scratch("vmspec-start-");
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

/** Builds as JSON for QEMU 7.2 with the CLI; extra flags such as --accel are passed through. */
function build(file: string, extra: string[] = []): BuiltJson {
  const r = vmspec(["build", file, "--format", "json", "--qemu", "7.2", ...extra]);
  if (r.code !== 0) throw new Error(`vmspec build failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Lint findings of one rule as "line:col rule" (1-based), from the spec text. */
function findingsOf(text: string, ruleId: string): string[] {
  const r = lintInput("spec", new TextEncoder().encode(text), { baseDir: "/vms", qemu: [7, 2] });
  return r.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => {
      const before = text.slice(0, f.range[0]).split("\n");
      return `${before.length}:${before[before.length - 1].length + 1} ${f.ruleId}`;
    });
}

/** The argv a spec compiles to for QEMU 7.2 (whatever lint says), to show what QEMU does with it. */
function compiledArgv(text: string, baseDir: string): string[] {
  return toArgv(compile(parse(text) as VmSpec, { baseDir, qemu: [7, 2] }).options);
}

// A SUSE-style spec for a host without KVM (the SLES documentation's own example, with TCG).
const TCG_SPEC = `name: lab01
accel: tcg
cpu: {count: 2}
memory: {size: 512MiB}
`;

describe("the accelerator decides the CPU model and what QEMU accepts", () => {
  it("accel: tcg with no CPU model builds -cpu max, which QEMU 7.2 starts (QMP shows a max-arm-cpu)", async () => {
    const { dir, file } = specFile(TCG_SPEC);
    const built = build(file);
    expect(built.argv.join(" ")).toContain("-cpu max");
    expect(findingsOf(TCG_SPEC, "unsupported-cpu-model")).toEqual([]);
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      expect(await q.cmd("qom-get", { path: "/machine/unattached/device[0]", property: "type" })).toBe("max-arm-cpu");
    } finally {
      await q.quit();
    }
  }, 60000);

  it("QEMU 2.9 has no max: the TCG default there is cortex-a57", () => {
    const { file } = specFile(TCG_SPEC);
    const r = vmspec(["build", file, "--format", "argv", "--qemu", "2.9"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toContain("cortex-a57");
  });

  it("--accel tcg on a KVM spec with no CPU model builds -cpu max too, and it starts", async () => {
    const { dir, file } = specFile("name: web01\nmemory: {size: 512MiB}\n");
    const built = build(file, ["--accel", "tcg"]);
    expect(built.argv.join(" ")).toContain("-machine virt,accel=tcg");
    expect(built.argv.join(" ")).toContain("-cpu max");
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    await q.quit();
  }, 60000);

  it("cpu.model: host with accel: tcg is an error at the model's line; QEMU refuses it", async () => {
    const text = "name: lab01\naccel: tcg\ncpu:\n  model: host\nmemory: {size: 512MiB}\n";
    expect(findingsOf(text, "kvm-only-setting")).toEqual(["4:10 kvm-only-setting"]);
    const { dir, file } = specFile(text);
    const r = vmspec(["build", file, "--qemu", "7.2"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("-cpu host needs KVM");
    mkdirSync(join(dir, "lab01.run"));
    const refused = await startExpectingFailure(compiledArgv(text, dir), { cwd: dir });
    expect(refused.stderr).toContain("unable to find CPU model 'host'");
  }, 60000);

  it("cpu.model: host stays buildable with KVM, and --accel tcg on it is refused with a hint for --cpu", () => {
    const { file } = specFile("name: web01\ncpu: {model: host}\nmemory: {size: 512MiB}\n");
    expect(vmspec(["build", file, "--qemu", "7.2", "--format", "argv"]).code).toBe(0);
    const r = vmspec(["build", file, "--qemu", "7.2", "--accel", "tcg"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/kvm-only-setting/);
    expect(r.stderr).toContain("--cpu max");
    expect(vmspec(["build", file, "--qemu", "7.2", "--accel", "tcg", "--cpu", "max", "--format", "argv"]).code).toBe(0);
  });

  it("machine.gicVersion: host with TCG is an error at its line; QEMU refuses it, and max starts", async () => {
    const text = "name: lab01\naccel: tcg\nmachine:\n  gicVersion: host\nmemory: {size: 512MiB}\n";
    expect(findingsOf(text, "kvm-only-setting")).toEqual(["4:15 kvm-only-setting"]);
    const { dir } = specFile(text);
    mkdirSync(join(dir, "lab01.run"));
    const refused = await startExpectingFailure(compiledArgv(text, dir), { cwd: dir });
    expect(refused.stderr).toContain("gic-version=host requires KVM");
    const ok = text.replace("gicVersion: host", "gicVersion: max");
    expect(findingsOf(ok, "kvm-only-setting")).toEqual([]);
    const q = await startPaused(compiledArgv(ok, dir), { cwd: dir });
    await q.quit();
  }, 60000);
});

describe("VNC and SPICE with a password and TLS", () => {
  it("a VNC server on the network with display.password and display.tls lints clean of vnc-unauthenticated and starts with VeNCrypt x509 + password", async () => {
    const text = `name: desk01
accel: tcg
memory: {size: 512MiB}
display:
  type: vnc
  listen: 0.0.0.0
  port: 5911
  password: true
  tls: {dir: pki}
`;
    expect(findingsOf(text, "vnc-unauthenticated")).toEqual([]);
    const { dir, file } = specFile(text);
    makePki(join(dir, "pki"));
    const built = build(file);
    const args = built.argv.join(" ");
    expect(args).toContain(`-object tls-creds-x509,id=display-tls,dir=${dir}/pki,endpoint=server,verify-peer=off`);
    expect(args).toContain("-vnc 0.0.0.0:11,password=on,tls-creds=display-tls");
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      const [server] = await q.cmd("query-vnc-servers");
      expect(server.auth).toBe("vencrypt");
      expect(server.vencrypt).toBe("x509-vnc");
      expect(server.server[0].service).toBe("5911");
      // The password is set at run time, as docs/spec.md says.
      await q.cmd("change-vnc-password", { password: "s3cret" });
      await q.cmd("set_password", { protocol: "vnc", password: "0ther" });
    } finally {
      await q.quit();
    }
    // The -readconfig output holds the TLS object and starts the same server.
    if ("error" in built.readconfig) throw new Error(built.readconfig.error);
    writeFileSync(join(dir, "desk01.cfg"), built.readconfig.file);
    const viaConfig = await startPaused(built.readconfig.argv, { cwd: dir });
    try {
      const [server] = await viaConfig.cmd("query-vnc-servers");
      expect(server.vencrypt).toBe("x509-vnc");
    } finally {
      await viaConfig.quit();
    }
  }, 60000);

  it("password and tls on a local window, and verifyClients on SPICE, are reported, not silently dropped", () => {
    expect(findingsOf("name: d\nmemory: {size: 512MiB}\ndisplay: {type: gtk, password: true}\n", "conflicting-settings")).toEqual([
      "3:32 conflicting-settings",
    ]);
    expect(
      findingsOf(
        "name: d\nmemory: {size: 512MiB}\ndisplay:\n  type: spice\n  tls: {dir: pki, verifyClients: true}\n",
        "conflicting-settings",
      ),
    ).toEqual(["5:34 conflicting-settings"]);
  });

  it("without password or TLS the rule points at the new fields", () => {
    const text = "name: desk01\nmemory: {size: 512MiB}\ndisplay: {type: vnc, listen: 0.0.0.0}\n";
    const r = lintInput("spec", new TextEncoder().encode(text), { baseDir: "/vms" });
    const f = r.findings.find((x) => x.ruleId === "vnc-unauthenticated")!;
    expect(f.message).toContain("display.password: true");
    expect(f.message).toContain("display.tls");
  });

  it("SPICE with display.password keeps ticketing on: it starts, QMP reports spice auth, and set_password sets the ticket", async () => {
    const text = "name: desk02\naccel: tcg\nmemory: {size: 512MiB}\ndisplay: {type: spice, listen: 0.0.0.0, port: 5935, password: true}\n";
    expect(findingsOf(text, "vnc-unauthenticated")).toEqual([]);
    const open = text.replace(", password: true", "");
    expect(findingsOf(open, "vnc-unauthenticated")).toEqual(["4:32 vnc-unauthenticated"]);
    const { dir, file } = specFile(text);
    const built = build(file);
    expect(built.argv.join(" ")).toContain("-spice addr=0.0.0.0,port=5935 ");
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      const spice = await q.cmd("query-spice");
      expect(spice.auth).toBe("spice");
      expect(spice.port).toBe(5935);
      await q.cmd("set_password", { protocol: "spice", password: "s3cret" });
    } finally {
      await q.quit();
    }
  }, 60000);

  it("qemuProperties.display lands on -vnc (QEMU refused it on -display: \"Parameter 'type' is missing\")", async () => {
    const text = `name: desk03
accel: tcg
memory: {size: 512MiB}
display: {type: vnc, port: 5912}
qemuProperties:
  display: {password: "on", lossy: "on"}
`;
    const { dir, file } = specFile(text);
    const built = build(file);
    expect(built.argv).toContain("127.0.0.1:12,password=on,lossy=on");
    expect(built.argv.filter((a) => a === "-display")).toEqual([]);
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      const [server] = await q.cmd("query-vnc-servers");
      expect(server.auth).toBe("vnc");
    } finally {
      await q.quit();
    }
    // What the old output did, for the record: QEMU's own refusal.
    const refused = await startExpectingFailure([
      "-machine",
      "virt,accel=tcg",
      "-cpu",
      "max",
      "-nodefaults",
      "-vnc",
      "127.0.0.1:12",
      "-display",
      "password=on",
    ]);
    expect(refused.stderr).toContain("Parameter 'type' is missing");
  }, 60000);
});

describe("display.port is the TCP port", () => {
  it("port: 5901 listens on TCP port 5901 (VNC display 1), not 11801", async () => {
    const text = "name: desk04\naccel: tcg\nmemory: {size: 512MiB}\ndisplay: {type: vnc, port: 5901}\n";
    expect(findingsOf(text, "vnc-port-range")).toEqual([]);
    const { dir, file } = specFile(text);
    const built = build(file);
    expect(built.argv).toContain("127.0.0.1:1");
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    try {
      const [server] = await q.cmd("query-vnc-servers");
      expect(server.server[0].service).toBe("5901");
    } finally {
      await q.quit();
    }
  }, 60000);

  it("a VNC port below 5900 (a display number) is an error at its line that says which port to write", () => {
    const text = "name: desk04\nmemory: {size: 512MiB}\ndisplay:\n  type: vnc\n  port: 1\n";
    expect(findingsOf(text, "vnc-port-range")).toEqual(["5:9 vnc-port-range"]);
    const r = lintInput("spec", new TextEncoder().encode(text), { baseDir: "/vms" });
    expect(r.findings.find((f) => f.ruleId === "vnc-port-range")!.message).toContain("write port: 5901");
    // SPICE ports are taken as they are.
    expect(findingsOf("name: d\nmemory: {size: 512MiB}\ndisplay: {type: spice, port: 3001}\n", "vnc-port-range")).toEqual([]);
  });

  it("import gives back display.password and display.tls from -vnc and -spice", () => {
    for (const display of [
      "{type: vnc, listen: 0.0.0.0, port: 5907, password: true, tls: {dir: pki, verifyClients: true}}",
      "{type: spice, listen: 0.0.0.0, port: 5999, password: true, tls: {dir: pki}}",
    ]) {
      const { dir, file } = specFile(`name: desk05\nmemory: {size: 1GiB}\ndisplay: ${display}\n`);
      const sh = vmspec(["build", file, "--qemu", "7.2", "-o", join(dir, "start.sh")]);
      expect(sh.code, sh.stderr).toBe(0);
      const r = vmspec(["import", join(dir, "start.sh"), "--qemu", "7.2", "-o", join(dir, "back.yaml")]);
      expect(r.code, r.stderr).toBe(0);
      expect(parse(readFileSync(join(dir, "back.yaml"), "utf8")).display).toEqual(parse(`d: ${display}`).d);
    }
  });

  it("import reads -vnc :1 as port 5901", () => {
    const { file } = specFile(
      "qemu-system-aarch64 -name imported -machine virt,accel=kvm -cpu host -m 1G -nodefaults -vnc 127.0.0.1:1 -device VGA,id=video0,romfile=\n",
      "vm.sh",
    );
    const r = vmspec(["import", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/port: 5901/);
  });
});

describe("specs QEMU refuses or misreads are findings", () => {
  it("the same host port forwarded by two user networks (QEMU: Could not set up host forwarding rule)", async () => {
    const text = `name: web01
accel: tcg
memory: {size: 512MiB}
networks:
  - name: lan
    type: user
    forwards:
      - {hostPort: 2222, guestPort: 22}
  - name: mgmt
    type: user
    forwards:
      - {hostPort: 2222, guestPort: 22}
`;
    expect(findingsOf(text, "duplicate-host-forward")).toEqual(["12:9 duplicate-host-forward"]);
    const { dir } = specFile(text);
    mkdirSync(join(dir, "web01.run"));
    const refused = await startExpectingFailure(compiledArgv(text, dir), { cwd: dir });
    expect(refused.stderr).toContain("Could not set up host forwarding rule 'tcp:127.0.0.1:2222-:22'");
  }, 60000);

  it("0.0.0.0 and 127.0.0.1 on one port clash; tcp and udp on one port, or two loopback addresses, do not", () => {
    const net = (fw: string) => `name: web01\nmemory: {size: 512MiB}\nnetworks:\n  - {name: lan, type: user, forwards: [${fw}]}\n`;
    expect(
      findingsOf(net("{hostAddress: 0.0.0.0, hostPort: 8080, guestPort: 80}, {hostPort: 8080, guestPort: 8080}"), "duplicate-host-forward"),
    ).toHaveLength(1);
    expect(
      findingsOf(net("{hostPort: 53, guestPort: 53}, {protocol: udp, hostPort: 53, guestPort: 53}"), "duplicate-host-forward"),
    ).toEqual([]);
    expect(
      findingsOf(net("{hostPort: 8080, guestPort: 80}, {hostAddress: 127.0.0.2, hostPort: 8080, guestPort: 80}"), "duplicate-host-forward"),
    ).toEqual([]);
    // On a command line (QEMU's documentation writes forwards this way).
    const sh =
      "qemu-system-aarch64 -M virt,accel=kvm -cpu host -netdev user,id=n0,hostfwd=tcp::5555-:22 -netdev user,id=n1,hostfwd=tcp::5555-:80\n";
    expect(lintInput("argv", new TextEncoder().encode(sh), { baseDir: "/" }).findings.map((f) => f.ruleId)).toContain(
      "duplicate-host-forward",
    );
  });

  it("hostAddress must be an IP address: 1.2.3 and a host name are schema errors, IPv6 on slirp an error naming backend passt", () => {
    for (const bad of ['"1.2.3"', "localhost", "256.1.1.1", '"1.2.3.4.5"', '"[::1]"']) {
      const text = `name: web01\nmemory: {size: 512MiB}\nnetworks:\n  - {name: lan, type: user, forwards: [{hostAddress: ${bad}, hostPort: 2222, guestPort: 22}]}\n`;
      const r = lintInput("spec", new TextEncoder().encode(text), { baseDir: "/vms" });
      expect(r.findings.map((f) => `${f.ruleId}: ${f.message}`).join("\n"), bad).toMatch(/^schema: .*IPv4 address/);
    }
    const v6 = `name: web01\nmemory: {size: 512MiB}\nnetworks:\n  - {name: lan, type: user, forwards: [{hostAddress: "::1", hostPort: 2222, guestPort: 22}]}\n`;
    expect(
      lintInput("spec", new TextEncoder().encode(v6), { baseDir: "/vms" })
        .findings.map((f) => `${f.ruleId}: ${f.message}`)
        .join("\n"),
    ).toMatch(/^target-unsupported: QEMU's built-in user network \(slirp\) forwards from IPv4 addresses only .*set backend: passt/m);
    for (const good of ["127.0.0.1", "0.0.0.0", "192.168.122.1"]) {
      const text = `name: web01\nmemory: {size: 512MiB}\nnetworks:\n  - {name: lan, type: user, forwards: [{hostAddress: ${good}, hostPort: 2222, guestPort: 22}]}\n`;
      expect(
        lintInput("spec", new TextEncoder().encode(text), { baseDir: "/vms" }).findings.filter((f) => f.ruleId === "schema"),
        good,
      ).toEqual([]);
    }
  });

  const disks = (n: number, bus = "") =>
    Array.from({ length: n }, (_, i) => `  - {name: d${i}, file: d${i}.qcow2, format: qcow2, size: 1GiB${bus}}`).join("\n");

  it("40 virtio disks: an error at the 32nd disk; QEMU 7.2 starts 31 and refuses 32 on the virt root bus", async () => {
    const text = `name: db01\naccel: tcg\nmemory: {size: 512MiB}\ndisks:\n${disks(40)}\n`;
    expect(findingsOf(text, "pci-slots-exhausted")).toEqual(["36:5 pci-slots-exhausted"]);
    const fits = `name: db01\naccel: tcg\nmemory: {size: 512MiB}\ndisks:\n${disks(31)}\n`;
    expect(findingsOf(fits, "pci-slots-exhausted")).toEqual([]);
    const { dir, file } = specFile(fits);
    const built = build(file);
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir });
    await q.quit();
    execFileSync("qemu-img", ["create", "-f", "qcow2", join(dir, "d31.qcow2"), "1G"], { stdio: "ignore" });
    const over = `name: db01\naccel: tcg\nmemory: {size: 512MiB}\ndisks:\n${disks(32)}\n`;
    const refused = await startExpectingFailure(compiledArgv(over, dir), { cwd: dir });
    expect(refused.stderr).toContain("PCI: no slot/function available for virtio-blk-pci, all in use or reserved");
    // Many disks on virtio-scsi take one slot.
    expect(findingsOf(`name: db01\nmemory: {size: 512MiB}\ndisks:\n${disks(40, ", bus: virtio-scsi")}\n`, "pci-slots-exhausted")).toEqual(
      [],
    );
  }, 120000);

  it("a device with bootindex that boot.order also orders is an error at its bootindex", () => {
    const text = `name: web01
memory: {size: 512MiB}
boot:
  order: [cdrom, root]
disks:
  - name: root
    file: root.qcow2
    format: qcow2
    bootindex: 1
cdroms:
  - {name: cdrom, file: SLE-12-SP3-Server-DVD-aarch64-GM-DVD1.iso}
`;
    expect(findingsOf(text, "bootindex-with-boot-order")).toEqual(["9:16 bootindex-with-boot-order"]);
  });
});

/** Connects to a QMP socket QEMU listens on, runs one command and returns its answer. */
async function qmpOnce(path: string, execute: string): Promise<any> {
  const s = connect(path);
  let buf = "";
  const lines: any[] = [];
  const waiters: ((m: any) => void)[] = [];
  s.on("data", (d) => {
    buf += String(d);
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const m = JSON.parse(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      if (m.event) continue;
      const w = waiters.shift();
      if (w) w(m);
      else lines.push(m);
    }
  });
  const next = () => (lines.length ? Promise.resolve(lines.shift()) : new Promise<any>((r) => waiters.push(r)));
  await next();
  s.write('{"execute":"qmp_capabilities"}\n');
  await next();
  s.write(JSON.stringify({ execute }) + "\n");
  const answer = await next();
  s.write('{"execute":"quit"}\n');
  await next().catch(() => {});
  s.destroy();
  return answer.return;
}

async function waitFor(path: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (existsSync(path)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe("the shell output prepares every folder and stops at the first failed step", () => {
  // Folders the way a distro wiki lays a VM out: images/, logs/, run/ beside the spec.
  const text = `name: web01
accel: tcg
memory: {size: 512MiB}
firmware:
  uefi: {code: /usr/share/AAVMF/AAVMF_CODE.fd, vars: nvram/web01_VARS.fd}
disks:
  - {name: root, file: images/os.qcow2, format: qcow2, size: 2GiB}
serial: {type: file, path: logs/serial.log}
monitors:
  hmp: {socket: run/hmp.sock}
guestAgent: {socket: run/qga.sock}
pidfile: run/web01.pid
extraArgs: [-S]
`;

  it("bash runs the script in an empty folder: folders made (sockets' owner-only), image created, QEMU up (QMP answers)", async () => {
    const { dir, file } = specFile(text);
    const r = vmspec(["build", file, "--qemu", "7.2", "-o", join(dir, "start.sh")]);
    expect(r.code, r.stderr).toBe(0);
    const script = readFileSync(join(dir, "start.sh"), "utf8");
    const child = spawn("bash", [join(dir, "start.sh")], { cwd: "/", stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const killer = setTimeout(() => child.kill("SIGKILL"), 30000);
    try {
      expect(await waitFor(join(dir, "web01.run/qmp.sock"), 20000), `${script}\n${err}`).toBe(true);
      await waitFor(join(dir, "run/web01.pid"), 5000);
      expect(statSync(join(dir, "run")).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, "web01.run")).mode & 0o777).toBe(0o700);
      expect(existsSync(join(dir, "images/os.qcow2"))).toBe(true);
      expect(existsSync(join(dir, "nvram/web01_VARS.fd"))).toBe(true);
      expect(existsSync(join(dir, "logs/serial.log"))).toBe(true);
      expect(existsSync(join(dir, "run/qga.sock"))).toBe(true);
      const status = await qmpOnce(join(dir, "web01.run/qmp.sock"), "query-status");
      expect(status.status).toBe("prelaunch");
      await once(child, "exit");
    } finally {
      clearTimeout(killer);
      child.kill("SIGKILL");
    }
  }, 60000);

  it("a failing step stops the script: QEMU is never launched and the script fails", () => {
    // The variable store template does not exist, so cp fails.
    const broken = text.replace("vars: nvram/web01_VARS.fd}", "vars: nvram/web01_VARS.fd, varsTemplate: /nonexistent/AAVMF_VARS.fd}");
    const { dir, file } = specFile(broken);
    const r = vmspec(["build", file, "--qemu", "7.2", "-o", join(dir, "start.sh")]);
    expect(r.code, r.stderr).toBe(0);
    let code = 0;
    let stderr = "";
    try {
      execFileSync("bash", [join(dir, "start.sh")], { cwd: "/", stdio: ["ignore", "pipe", "pipe"], timeout: 20000 });
    } catch (e: any) {
      code = e.status;
      stderr = String(e.stderr);
    }
    expect(code).not.toBe(0);
    expect(stderr).toContain("/nonexistent/AAVMF_VARS.fd");
    expect(stderr).not.toContain("qemu-system-aarch64");
    expect(existsSync(join(dir, "images/os.qcow2"))).toBe(false);
    expect(existsSync(join(dir, "web01.run/qmp.sock"))).toBe(false);
  });
});
