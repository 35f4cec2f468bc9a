// The spec fields an ARM64 admin needed extraArgs for (issue 20, networks, devices, TPM,
// display): each compiles for every target, is mapped back to the same field by import, and the
// real QEMU 7.2 shows through QMP the device or setting the field promises.
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { compile } from "../compiler/compile.js";
import { toArgv } from "../compiler/emit/argv.js";
import { buildSpec } from "../lint/build.js";
import { importCommandLine } from "../import/import.js";
import { KNOWN_TARGETS, parseTarget, type QemuVersion } from "../qemu/targets.js";
import type { VmSpec } from "../spec/types.js";
import { ROOT } from "./helpers/cli.js";
import { ALL_RULES_OFF } from "./helpers/import-corpus.js";
import { peripherals, startExpectingFailure, startPaused, type Qemu } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const TARGETS = KNOWN_TARGETS.map((t) => [t, parseTarget(t)!] as const);
const BRIDGE_WRAPPER = join(ROOT, "test/helpers/bridge-netns.sh");

/** The shell script vmspec builds for `yaml` (rules off: only the compiler is under test). */
function shellOf(yaml: string, qemu: QemuVersion, baseDir = "/srv/vms"): string {
  const b = buildSpec(enc(yaml), { format: "shell", baseDir, qemu, rules: ALL_RULES_OFF });
  if (b.output === undefined) throw new Error(`does not build: ${b.findings.map((f) => f.message).join("; ")}`);
  return b.output;
}

/** Imports vmspec's own shell output: the spec it gives back, and what it kept raw. */
function reimport(yaml: string, qemu: QemuVersion) {
  const script = shellOf(yaml, qemu);
  const r = importCommandLine(script, "argv", { qemu, baseDir: "/srv/vms" });
  expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
  return { spec: r.spec as Record<string, any>, kept: r.kept.map((k) => k.words.join(" ")), script };
}

/** The argv of `yaml` for this host (TCG, QEMU 7.2), without vmspec's QMP monitor (the helper adds its own). */
function hostArgv(yaml: string, dir: string): string[] {
  const spec = parse(yaml) as VmSpec;
  const c = compile({ ...spec, accel: "tcg", cpu: { ...spec.cpu, model: "cortex-a57" } }, { baseDir: dir, qemu: [7, 2] });
  expect(c.problems).toEqual([]);
  return toArgv(
    c.options.filter((o) => !(o.flag === "-chardev" && o.props?.some((p) => p.key === "id" && p.value === "qmp")) && o.flag !== "-mon"),
  );
}

async function withQemu<T>(argv: string[], f: (q: Qemu) => Promise<T>, prefix: string[] = []): Promise<T> {
  const q = await startPaused(argv, { prefix });
  try {
    return await f(q);
  } finally {
    await q.quit();
  }
}

const hmp = (q: Qemu, line: string): Promise<string> => q.cmd("human-monitor-command", { "command-line": line });

const NETWORKS = `name: net
memory: {size: 256MiB}
networks:
  - {name: lan, type: user, restrict: true, forwards: [{hostPort: 2222, guestPort: 22}]}
  - {name: open, type: user, restrict: false}
  - {name: br, type: bridge, bridge: br0, vhost: true}
  - {name: br2, type: bridge, vhost: false, helper: /opt/qemu/qemu-bridge-helper}
`;

describe("networks: restrict, vhost on bridge networks", () => {
  it.each(TARGETS)(
    "QEMU %s: a restricted user network and a vhost bridge network compile and import back to the same fields",
    (_t, qemu) => {
      const { spec, kept, script } = reimport(NETWORKS, qemu);
      expect(script).toContain("-netdev user,id=net-lan,restrict=on,hostfwd=tcp:127.0.0.1:2222-:22");
      expect(script).toContain("-netdev user,id=net-open,restrict=off");
      // -netdev bridge has no vhost: the bridge helper's tap carries it.
      expect(script).toMatch(/-netdev tap,id=net-br,br=br0,helper=\/usr\/lib\/(qemu\/)?qemu-bridge-helper,vhost=on/);
      expect(script).toContain("-netdev tap,id=net-br2,br=br0,helper=/opt/qemu/qemu-bridge-helper,vhost=off");
      expect(kept).toEqual([]);
      expect(spec.networks).toEqual(parse(NETWORKS).networks.map((n: any) => (n.type === "bridge" ? { bridge: "br0", ...n } : n)));
    },
  );

  it("the helper is the target's distribution's: SLES (2.9) and Debian (7.2)", () => {
    expect(shellOf(NETWORKS, [2, 9])).toContain("helper=/usr/lib/qemu-bridge-helper,vhost=on");
    expect(shellOf(NETWORKS, [7, 2])).toContain("helper=/usr/lib/qemu/qemu-bridge-helper,vhost=on");
  });

  it("QEMU shows restrict=on on the restricted user network, off on the other", async () => {
    const yaml = `name: net
memory: {size: 256MiB}
networks:
  - {name: lan, type: user, restrict: true, forwards: [{hostPort: 0, guestPort: 22}]}
  - {name: open, type: user}
`.replace("hostPort: 0", `hostPort: ${20000 + (process.pid % 20000)}`);
    const info = await withQemu(hostArgv(yaml, scratch()), (q) => hmp(q, "info network"));
    expect(info).toMatch(/net-lan: index=\d+,type=user,net=10\.0\.2\.0,restrict=on/);
    expect(info).toMatch(/net-open: index=\d+,type=user,net=10\.0\.2\.0,restrict=off/);
  });

  it("a bridge network gets its tap from the real bridge helper (private namespace), and with vhost QEMU opens vhost-net for it", async () => {
    const yaml = `name: br
memory: {size: 256MiB}
networks:
  - {name: br, type: bridge, bridge: br0, vhost: false}
`;
    const dir = scratch();
    const wrap = ["unshare", "--net", "--mount", "sh", BRIDGE_WRAPPER, join(dir, "overlay")];
    const info = await withQemu(hostArgv(yaml, dir), (q) => hmp(q, "info network"), wrap);
    expect(info).toMatch(/net-br: index=\d+,type=tap,helper=\/usr\/lib\/qemu\/qemu-bridge-helper\r?\n/);
    // This host has no /dev/vhost-net: QEMU asked for it on the helper's tap, which is what vhost promises.
    const argv = hostArgv(yaml.replace("vhost: false", "vhost: true"), dir);
    const r = spawnSync(wrap[0], [...wrap.slice(1), "qemu-system-aarch64", ...argv, "-S"], { encoding: "utf8", timeout: 20000, input: "" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      "-netdev tap,id=net-br,br=br0,helper=/usr/lib/qemu/qemu-bridge-helper,vhost=on: warning: tap: open vhost char device failed",
    );
  });

  it("a tap network with queues: QEMU opens every queue of a multi_queue tap (private namespace) and the NIC has mq=on with 2N+2 vectors", async () => {
    const yaml = `name: mq
memory: {size: 256MiB}
networks:
  - {name: lan, type: tap, ifname: mqtap0, queues: 4}
`;
    const argv = hostArgv(yaml, scratch());
    expect(argv.join(" ")).toContain("-netdev tap,id=net-lan,ifname=mqtap0,script=no,downscript=no,queues=4");
    // The admin's part (the spec's queues doc): a multi_queue tap, made here in a private network namespace.
    const wrap = ["unshare", "--net", "sh", "-c", 'ip tuntap add dev mqtap0 mode tap multi_queue && exec "$@"', "sh"];
    const { info, mq, vectors } = await withQemu(
      argv,
      async (q) => ({
        info: await hmp(q, "info network"),
        mq: await q.cmd("qom-get", { path: "/machine/peripheral/lan", property: "mq" }),
        vectors: await q.cmd("qom-get", { path: "/machine/peripheral/lan", property: "vectors" }),
      }),
      wrap,
    );
    // One tap backend per queue pair, index 0..3, each on the same interface.
    const queues = [...info.matchAll(/net-lan: index=(\d+),type=tap,ifname=mqtap0,/g)].map((m) => Number(m[1]));
    expect(queues).toEqual([0, 1, 2, 3]);
    expect(mq).toBe(true);
    expect(vectors).toBe(10);
  });

  it("QEMU refuses queues= with the bridge helper: the spec says so, and why", () => {
    const b = buildSpec(enc("name: q\nmemory: {size: 256MiB}\nnetworks:\n  - {name: br, type: bridge, queues: 4}\n"), {
      format: "shell",
      baseDir: "/srv/vms",
      qemu: [7, 2],
    });
    expect(b.output).toBeUndefined();
    expect(b.findings.find((f) => f.ruleId === "conflicting-settings")?.message).toContain("QEMU refuses queues= with the bridge helper");
  });

  it("QEMU 7.2 forwards from IPv4 host addresses only, which is why an IPv6 hostAddress needs backend: passt", async () => {
    for (const rule of ["tcp:[::1]:2222-:22", "tcp:127.0.0.1:2222-[fec0::15]:22"]) {
      const r = await startExpectingFailure(["-M", "virt", "-nodefaults", "-netdev", `user,id=n,hostfwd=${rule}`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Invalid host forwarding rule .*\(Bad (host|guest) address\)/);
    }
    const b = buildSpec(
      enc(
        "name: v6\nmemory: {size: 256MiB}\nnetworks:\n  - {name: lan, type: user, forwards: [{hostAddress: '::1', hostPort: 2222, guestPort: 22}]}\n",
      ),
      {
        format: "shell",
        baseDir: "/srv/vms",
        qemu: [7, 2],
      },
    );
    expect(b.output).toBeUndefined();
    // An IPv6 forward is passt's (test/passt.test.ts): on slirp it is an error that says so.
    expect(b.findings.map((f) => f.message).join("\n")).toMatch(/forwards from IPv4 addresses only .*set backend: passt/);
  });
});

const USB = `name: usb
memory: {size: 256MiB}
usb:
  keyboard: true
  host:
    - {name: token, vendor: "0x046d", product: "0xc52b"}
    - {name: reader, bus: 1, address: 3}
`;

describe("devices: host USB devices (usb-host)", () => {
  it.each(TARGETS)("QEMU %s: by vendor and product or by bus and address, imported back to usb.host", (_t, qemu) => {
    const { spec, kept, script } = reimport(USB, qemu);
    expect(script).toContain("-device usb-host,bus=usb.0,vendorid=0x046d,productid=0xc52b,id=token");
    expect(script).toContain("-device usb-host,bus=usb.0,hostbus=1,hostaddr=3,id=reader");
    expect(kept).toEqual([]);
    expect(spec.usb).toEqual(parse(USB).usb);
  });

  it("takes the ids as lsusb prints them (046d:C52B) and gives QEMU its hexadecimal spelling", () => {
    const script = shellOf(USB.replace('"0x046d"', '"046d"').replace('"0xc52b"', "C52B"), [7, 2]);
    expect(script).toContain("vendorid=0x046d,productid=0xc52b");
  });

  it("a device chosen by half a pair is a conflicting-settings error", () => {
    const b = buildSpec(enc("name: u\nmemory: {size: 256MiB}\nusb:\n  host:\n    - {name: token, vendor: '046d'}\n"), {
      format: "shell",
      baseDir: "/srv/vms",
      qemu: [7, 2],
    });
    expect(b.output).toBeUndefined();
    expect(b.findings.map((f) => `${f.ruleId}: ${f.message}`)).toContain(
      'conflicting-settings: usb.host "token" needs vendor and product (the device wherever it is plugged in), or bus and address (where it is now): QEMU would otherwise take the first device that matches the rest',
    );
  });

  it("a host USB device named like a disk is a duplicate-name error (they would share the -device id)", () => {
    const b = buildSpec(
      enc(
        "name: u\nmemory: {size: 256MiB}\ndisks: [{name: token, file: t.qcow2, format: qcow2}]\nusb:\n  host:\n    - {name: token, bus: 1, address: 3}\n",
      ),
      { format: "shell", baseDir: "/srv/vms", qemu: [7, 2] },
    );
    expect(b.output).toBeUndefined();
    expect(b.findings.map((f) => f.ruleId)).toContain("duplicate-name");
  });

  it("QEMU starts with an absent vendor:product device and shows it in the device tree, waiting for it", async () => {
    const yaml = USB.replace(/\n {4}- \{name: reader.*\n/, "\n");
    const [tree, devices] = await withQemu(
      hostArgv(yaml, scratch()),
      async (q) => [await hmp(q, "info qtree"), await peripherals(q)] as const,
    );
    expect(devices).toMatchObject({ token: "usb-host", usb: "usb-ehci", "usb-keyboard": "usb-kbd" });
    expect(tree.replace(/\r/g, "")).toMatch(
      /dev: usb-host, id "token"\n(\s+.*\n)*?\s+vendorid = 1133 \(0x46d\)\n\s+productid = 50475 \(0xc52b\)/,
    );
  });

  it("by bus and address QEMU looks for exactly that device, and says so when nothing is there", async () => {
    const r = await startExpectingFailure(hostArgv(USB, scratch()));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("-device usb-host,bus=usb.0,hostbus=1,hostaddr=3,id=reader: failed to find host usb device 1:3");
  });
});

const DEVICE_PROPERTIES = `name: props
memory: {size: 256MiB}
disks:
  - {name: root, file: root.qcow2, format: qcow2}
networks:
  - {name: lan, type: user}
usb:
  host:
    - {name: token, vendor: "0x046d", product: "0xc52b"}
qemuProperties:
  machine: {dump-guest-core: "off"}
  devices:
    root: {num-queues: "2", write-cache: "off"}
    lan: {rx_queue_size: "1024"}
    token: {guest-reset: "off"}
`;

describe("qemuProperties.devices: properties for the devices vmspec generates, by spec name", () => {
  it.each(TARGETS)("QEMU %s: added to each named device, and import gives them back under the same name", (_t, qemu) => {
    const { spec, kept, script } = reimport(DEVICE_PROPERTIES, qemu);
    expect(script).toContain("-device virtio-blk-pci,drive=drive-root,id=root,num-queues=2,write-cache=off");
    expect(script).toContain("-device virtio-net-pci,netdev=net-lan,id=lan,rx_queue_size=1024");
    expect(script).toContain("-device usb-host,bus=usb.0,vendorid=0x046d,productid=0xc52b,id=token,guest-reset=off");
    expect(kept).toEqual([]);
    expect(spec.qemuProperties).toEqual(parse(DEVICE_PROPERTIES).qemuProperties);
  });

  it("import of a hand-written line: a disk with extra properties becomes the disk plus its properties", () => {
    const script = `qemu-system-aarch64 -name web -m 1G \\
  -drive file=/srv/vms/web.qcow2,format=qcow2,if=none,id=drive-root,cache=none \\
  -device virtio-blk-pci,num-queues=4,drive=drive-root,id=root,bootindex=1
`;
    const r = importCommandLine(script, "argv", { qemu: [7, 2], baseDir: "/srv/vms" });
    expect(r.kept).toEqual([]);
    expect((r.spec as any).disks).toEqual([{ name: "root", file: "web.qcow2", format: "qcow2", cache: "none" }]);
    expect((r.spec as any).qemuProperties).toEqual({ devices: { root: { "num-queues": "4" } } });
  });

  it("a name no device has is an undefined-reference error, with the names defined", () => {
    const b = buildSpec(enc(DEVICE_PROPERTIES.replace("    lan:", "    lna:")), { format: "shell", baseDir: "/srv/vms", qemu: [7, 2] });
    expect(b.output).toBeUndefined();
    expect(b.findings.find((f) => f.ruleId === "undefined-reference")?.message).toBe(
      'qemuProperties.devices names "lna", which is not a disk, CD-ROM, network, host PCI or USB device: its properties would go nowhere; defined: "root", "lan", "token"',
    );
  });

  it("QEMU has the properties on the devices", async () => {
    const dir = scratch();
    const argv = hostArgv(DEVICE_PROPERTIES, dir);
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", join(dir, "root.qcow2"), "16M"]);
    await withQemu(argv, async (q) => {
      const get = (id: string, property: string) => q.cmd("qom-get", { path: `/machine/peripheral/${id}`, property });
      expect(await get("root", "num-queues")).toBe(2);
      expect(await get("root", "write-cache")).toBe("off");
      expect(await get("lan", "rx_queue_size")).toBe(1024);
      expect(await get("token", "guest-reset")).toBe(false);
    });
  });
});

const SWTPM = `name: tpm
memory: {size: 256MiB}
tpm: {type: emulator}
`;

describe("TPM: a software TPM run by swtpm", () => {
  // A TPM on the virt board needs QEMU 5.0 (tpm-tis-device): older targets refuse it (test/tpm-target.test.ts).
  it.each(TARGETS.filter(([, q]) => q[0] >= 5))(
    "QEMU %s: -chardev socket to swtpm + -tpmdev emulator, imported back to tpm.type emulator",
    (_t, qemu) => {
      const { spec, kept, script } = reimport(SWTPM, qemu);
      expect(script).toContain(
        "-chardev socket,id=tpm0-sock,path=/srv/vms/tpm.run/swtpm.sock \\\n  -tpmdev emulator,id=tpm0,chardev=tpm0-sock \\\n",
      );
      expect(kept).toEqual([]);
      expect(spec.tpm).toEqual({ type: "emulator" });
      const own = reimport(SWTPM.replace("{type: emulator}", "{type: emulator, socket: /run/swtpm/tpm.sock}"), qemu);
      expect(own.spec.tpm).toEqual({ type: "emulator", socket: "/run/swtpm/tpm.sock" });
    },
  );

  it("build starts nothing: the shell output makes the state folder, then stops with the swtpm command when its socket is missing", () => {
    const script = shellOf(SWTPM, [7, 2]);
    expect(script).toContain("{ test -e /srv/vms/tpm.tpm || mkdir -p -m 0700 -- /srv/vms/tpm.tpm; } &&\n");
    expect(script).toContain(
      "{ test -e /srv/vms/tpm.run/swtpm.sock || { echo 'vmspec: start this first: swtpm socket --tpm2 --tpmstate dir=/srv/vms/tpm.tpm --ctrl type=unixio,path=/srv/vms/tpm.run/swtpm.sock --daemon' >&2; false; }; } &&\n",
    );
    const json = JSON.parse(buildSpec(enc(SWTPM), { format: "json", baseDir: "/srv/vms", qemu: [7, 2], rules: ALL_RULES_OFF }).output!);
    expect(json.prepare.at(-1)).toEqual({
      creates: "/srv/vms/tpm.run/swtpm.sock",
      argv: [
        "swtpm",
        "socket",
        "--tpm2",
        "--tpmstate",
        "dir=/srv/vms/tpm.tpm",
        "--ctrl",
        "type=unixio,path=/srv/vms/tpm.run/swtpm.sock",
        "--daemon",
      ],
      mustRun: true,
    });
  });

  it("the shell script stops before QEMU, saying what must run, when swtpm is not running", () => {
    const dir = scratch();
    const script = shellOf(SWTPM, [7, 2], dir);
    const r = spawnSync("sh", ["-c", script], { encoding: "utf8", timeout: 20000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `vmspec: start this first: swtpm socket --tpm2 --tpmstate dir=${dir}/tpm.tpm --ctrl type=unixio,path=${dir}/tpm.run/swtpm.sock --daemon\n`,
    );
  });

  it("the statement's finding: under the SUSE profile -tpmdev emulator is an error from tpm-backend-unsupported", () => {
    const b = buildSpec(enc(SWTPM), { format: "shell", baseDir: "/srv/vms", qemu: [7, 2] });
    expect(b.output).toBeUndefined();
    const f = b.findings.find((x) => x.ruleId === "tpm-backend-unsupported");
    expect(f?.severity).toBe("error");
    expect(f?.message).toMatch(
      /^-tpmdev emulator is unsupported: the .* supports only -tpmdev passthrough, but under it no TPM can be used on the virt board \(.*\): drop the TPM$/,
    );
  });

  it("with the swtpm the step names running, QEMU has the TPM: query-tpm shows the emulator backend on vmspec's chardev", async () => {
    const dir = scratch();
    const c = compile({ ...(parse(SWTPM) as VmSpec), accel: "tcg", cpu: { model: "cortex-a57" } }, { baseDir: dir, qemu: [7, 2] });
    for (const step of c.prepare) execFileSync(step.argv[0], step.argv.slice(1));
    const [tpm, devices] = await withQemu(hostArgv(SWTPM, dir), async (q) => [await q.cmd("query-tpm"), await peripherals(q)] as const);
    expect(tpm).toEqual([{ id: "tpm0", model: "tpm-tis", options: { type: "emulator", data: { chardev: "tpm0-sock" } } }]);
    expect(devices.tpm).toBe("tpm-tis-device");
  });
});

const VNC_SECRET = `name: desk
memory: {size: 256MiB}
display: {type: vnc, listen: 0.0.0.0, port: 5901, passwordFile: secrets/vnc.pw, websocket: 5701}
`;

describe("display: a password from a file (a secret object), a VNC WebSocket port", () => {
  it("QEMU 7.2: -object secret + password-secret= (no password on the command line), websocket=; imported back", () => {
    const { spec, kept, script } = reimport(VNC_SECRET, [7, 2]);
    expect(script).toContain(
      "-object secret,id=display-password,file=/srv/vms/secrets/vnc.pw,format=raw \\\n  -vnc 0.0.0.0:1,password-secret=display-password,websocket=5701 \\\n",
    );
    expect(kept).toEqual([]);
    expect(spec.display).toEqual(parse(VNC_SECRET).display);
    const spice = VNC_SECRET.replace("type: vnc", "type: spice").replace(", websocket: 5701", "");
    const s = reimport(spice, [7, 2]);
    expect(s.script).toContain("-spice addr=0.0.0.0,port=5901,password-secret=display-password \\\n");
    expect(s.spec.display).toEqual(parse(spice).display);
  });

  it("the password file does not open the listener to vnc-unauthenticated: a secret is a password", () => {
    const b = buildSpec(enc(VNC_SECRET + "runAs: qemu\n"), { format: "shell", baseDir: "/srv/vms", qemu: [7, 2] });
    expect(b.findings.filter((f) => f.ruleId === "vnc-unauthenticated")).toEqual([]);
    const open = buildSpec(enc(VNC_SECRET.replace(", passwordFile: secrets/vnc.pw", "") + "runAs: qemu\n"), {
      format: "shell",
      baseDir: "/srv/vms",
      qemu: [7, 2],
    });
    expect(open.findings.map((f) => f.ruleId)).toContain("vnc-unauthenticated");
  });

  it("QEMU 2.9 cannot read a display password from a file: a target-unsupported error at the field, no output", () => {
    const b = buildSpec(enc(VNC_SECRET), { format: "shell", baseDir: "/srv/vms", qemu: [2, 9], rules: ALL_RULES_OFF });
    expect(b.output).toBeUndefined();
    expect(b.findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      "target-unsupported: display.passwordFile needs QEMU 7.0 or later (password-secret=); QEMU 2.9 has no way to read a display password from a file: use password: true and set it through QMP set_password",
    ]);
    expect(shellOf(VNC_SECRET.replace(", passwordFile: secrets/vnc.pw", ""), [2, 9])).toContain("-vnc 0.0.0.0:1,websocket=5701");
  });

  it("password with passwordFile, and websocket on SPICE, are conflicting-settings errors (QEMU refuses the pair)", () => {
    const both = buildSpec(enc(VNC_SECRET.replace("passwordFile:", "password: true, passwordFile:")), {
      format: "shell",
      baseDir: "/srv/vms",
      qemu: [7, 2],
    });
    expect(both.findings.map((f) => f.message)).toContain(
      "display.password and display.passwordFile both ask for a password, and QEMU refuses the pair ('password' flag is redundant with 'password-secret'): keep passwordFile",
    );
    const spice = buildSpec(enc(VNC_SECRET.replace("type: vnc", "type: spice")), { format: "shell", baseDir: "/srv/vms", qemu: [7, 2] });
    expect(spice.findings.map((f) => f.message)).toContain("display.websocket applies to VNC only: SPICE has no WebSocket listener");
  });

  it("QEMU reads the password from the file: query-vnc shows VNC authentication and the WebSocket listener; query-spice shows SPICE authentication", async () => {
    const dir = scratch();
    mkdirSync(join(dir, "secrets"));
    writeFileSync(join(dir, "secrets/vnc.pw"), "s3cret", { mode: 0o600 });
    const port = 5950 + (process.pid % 40);
    const yaml = VNC_SECRET.replace("0.0.0.0", "127.0.0.1")
      .replace("5901", String(port))
      .replace("5701", String(port + 100));
    const servers = await withQemu(hostArgv(yaml, dir), (q) => q.cmd("query-vnc-servers"));
    expect(servers[0].auth).toBe("vnc");
    expect(servers[0].server).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ service: String(port), websocket: false, auth: "vnc" }),
        expect.objectContaining({ service: String(port + 100), websocket: true, auth: "vnc" }),
      ]),
    );
    const spice = await withQemu(hostArgv(yaml.replace("type: vnc", "type: spice").replace(/, websocket: \d+/, ""), dir), (q) =>
      q.cmd("query-spice"),
    );
    expect(spice).toMatchObject({ enabled: true, auth: "spice", port, host: "127.0.0.1" });
    // QEMU reads the file at start: without it, it refuses to start.
    unlinkSync(join(dir, "secrets/vnc.pw"));
    const r = await startExpectingFailure(hostArgv(yaml, dir));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Unable to read ${join(dir, "secrets/vnc.pw")}`);
  });
});

/** 32 NICs: 30 on the root bus, n30 and n31 on root ports, and 8 root ports (one root slot): 31 root slots. */
const MANY_NICS = `name: wide
memory: {size: 256MiB}
pci: {rootPorts: 8}
networks:
${Array.from({ length: 32 }, (_, i) => `  - {name: n${i}, type: user}`).join("\n")}
qemuProperties:
  devices:
    n30: {bus: rp1}
    n31: {bus: rp2, addr: "0x0"}
`;

describe("PCI placement: root ports (pci.rootPorts), a device's bus and addr", () => {
  it.each(TARGETS)("QEMU %s: eight root ports to a slot from slot 1, imported back to pci.rootPorts", (_t, qemu) => {
    const { spec, kept, script } = reimport(MANY_NICS, qemu);
    expect(script).toContain(
      "-device pcie-root-port,id=rp1,chassis=1,port=0x10,bus=pcie.0,addr=0x1.0x0,multifunction=on \\\n  -device pcie-root-port,id=rp2,chassis=2,port=0x11,bus=pcie.0,addr=0x1.0x1 \\\n",
    );
    expect(script).toContain("-device pcie-root-port,id=rp8,chassis=8,port=0x17,bus=pcie.0,addr=0x1.0x7 \\\n");
    expect(script).toContain("-device virtio-net-pci,netdev=net-n31,id=n31,bus=rp2,addr=0x0 \\\n");
    expect(kept).toEqual([]);
    expect(spec.pci).toEqual({ rootPorts: 8 });
    expect(spec.qemuProperties).toEqual(parse(MANY_NICS).qemuProperties);
  });

  it("pci-slots-exhausted counts the ports' slot once and not what sits on a port", () => {
    const fits = buildSpec(enc(MANY_NICS), { format: "shell", baseDir: "/srv/vms", qemu: [7, 2] });
    expect(fits.findings.filter((f) => f.ruleId === "pci-slots-exhausted")).toEqual([]);
    const full = buildSpec(enc(MANY_NICS.replace("    n30: {bus: rp1}\n", "")), { format: "shell", baseDir: "/srv/vms", qemu: [7, 2] });
    expect(full.findings.map((f) => f.ruleId)).toContain("pci-slots-exhausted");
  });

  it("QEMU starts 32 NICs with 8 root ports (the root bus has 31 slots), and a device hot-plugs into a free port", async () => {
    const qtree = await withQemu(hostArgv(MANY_NICS, scratch()), async (q) => {
      await q.cmd("device_add", { driver: "virtio-rng-pci", id: "hot", bus: "rp3" });
      return (await hmp(q, "info qtree")).replace(/\r/g, "");
    });
    const under = (port: string) =>
      new RegExp(`dev: pcie-root-port, id "${port}"\\n(\\s+.*\\n)*?\\s+bus: ${port}\\n\\s+type PCIE\\n\\s+dev: ([\\w-]+), id "(\\w+)"`)
        .exec(qtree)
        ?.slice(2);
    expect(under("rp1")).toEqual(["virtio-net-pci", "n30"]);
    expect(under("rp2")).toEqual(["virtio-net-pci", "n31"]);
    expect(under("rp3")).toEqual(["virtio-rng-pci", "hot"]);
    expect(qtree.match(/dev: virtio-net-pci/g)).toHaveLength(32);
    // Without the ports QEMU refuses the 32nd device on the root bus.
    const flat = MANY_NICS.replace("pci: {rootPorts: 8}\n", "").replace(/qemuProperties:[\s\S]*$/, "");
    const r = await startExpectingFailure(hostArgv(flat, scratch()));
    expect(r.stderr).toContain("PCI: no slot/function available for virtio-net-pci, all in use or reserved");
  });
});
