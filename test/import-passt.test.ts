// `vmspec import` of a script that starts passt and then QEMU on passt's socket (issue 20: each
// field mapped back by import): the pair becomes networks[].backend passt with passt's forwards,
// read from the passt command whose --socket is the -netdev stream's addr.path. What the spec
// cannot say (passt's --mtu, a port range, a forward with no address, foreign ids or socket)
// keeps the pair raw with the reason at the passt command's line. Checked against the real passt
// and QEMU 7.2: the imported spec rebuilt, passt started as build says, a TCP connect accepted.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readFileSync } from "node:fs";
import { createConnection } from "node:net";
import { parse } from "yaml";
import { buildSpec } from "../lint/build.js";
import { lintArgv } from "../lint/lint.js";
import { compile } from "../compiler/compile.js";
import { toArgv } from "../compiler/emit/argv.js";
import { importCommandLine, type ImportResult } from "../import/import.js";
import { importedYaml } from "../import/write-yaml.js";
import type { VmSpec } from "../spec/types.js";
import { ALL_RULES_OFF } from "./helpers/import-corpus.js";
import { startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const quote = (w: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** build's argv and the passt command its preparation step names. */
function built(yaml: string, baseDir: string): { argv: string[]; passt: string[][] } {
  const b = buildSpec(enc(yaml), { baseDir, format: "json", rules: ALL_RULES_OFF, qemu: [7, 2] });
  if (!b.output) throw new Error(b.findings.map((f) => f.message).join("; "));
  const j = JSON.parse(b.output) as { argv: string[]; prepare: { argv: string[] }[] };
  return { argv: j.argv, passt: j.prepare.filter((p) => p.argv[0] === "passt").map((p) => p.argv) };
}

const imported = (script: string, baseDir = "/srv/vms"): ImportResult => importCommandLine(script, "argv", { qemu: [7, 2], baseDir });
const errorsOf = (r: ImportResult) => r.problems.filter((p) => p.severity === "error").map((p) => p.message);
const lineOf = (text: string, at: number) => text.slice(0, at).split("\n").length;

const SPECS = {
  "IPv6, IPv4 and UDP forwards (the golden spec)": `name: dual
memory: {size: 1GiB}
networks:
  - name: lan
    type: user
    backend: passt
    forwards:
      - {hostAddress: "::1", hostPort: 2222, guestPort: 22}
      - {hostPort: 8080, guestPort: 80}
      - {protocol: udp, hostAddress: "0.0.0.0", hostPort: 5353, guestPort: 53}
`,
  "two passt networks, an e1000 with a MAC, and a slirp one": `name: web
memory: {size: 2GiB}
networks:
  - {name: lan, type: user, backend: passt, forwards: [{hostAddress: "2001:db8::10", hostPort: 8443, guestPort: 443}]}
  - {name: mgmt, type: user, backend: passt, model: e1000, mac: "52:54:00:12:34:56"}
  - {name: old, type: user, forwards: [{hostPort: 2223, guestPort: 22}]}
`,
  "its own socket, relative to the spec's folder": `name: web
memory: {size: 2GiB}
networks:
  - {name: lan, type: user, backend: passt, socket: run/passt.sock, forwards: [{hostPort: 2222, guestPort: 22}]}
`,
};

describe("import maps a -netdev stream and the passt command on its socket to backend passt", () => {
  it.each(Object.entries(SPECS))("build -> script -> import gives back the spec: %s", (_, yaml) => {
    const b = built(yaml, "/srv/vms");
    // The script as the user writes it from build's preparation step: passt first, then QEMU.
    const script = `#!/bin/sh\n${b.passt.map((a) => a.map(quote).join(" ")).join("\n")}\nexec qemu-system-aarch64 ${b.argv.map(quote).join(" \\\n  ")}\n`;
    const r = imported(script);
    expect(errorsOf(r)).toEqual([]);
    expect(r.kept).toEqual([]);
    expect(r.spec?.networks).toEqual((parse(yaml) as VmSpec).networks);
    // And the imported spec builds to the same argv and the same passt command.
    const again = built(importedYaml(r, { source: "launch.sh", schemaRef: "x.json" }), "/srv/vms");
    expect(again).toEqual(b);
    expect(r.notes?.filter((n) => /passt command serving/.test(n))).toHaveLength(b.passt.length);
  });

  // vmspec's socket layout, written by hand: variables, passt in the background with its own
  // run options, the long options with =, attached short values, and a unit's ExecStartPre=.
  const QEMU = `-name web -machine virt,accel=kvm -cpu host -m 1G \\
  -netdev stream,id=net-lan,server=off,addr.type=unix,addr.path=$RUN/passt-lan.sock \\
  -device virtio-net-pci,netdev=net-lan,id=lan`;
  it.each([
    ["a blog-style script: passt -f ... & then QEMU", `passt -f -q --socket "$RUN/passt-lan.sock" -t 127.0.0.1/2222:22 -t ::1/8443:443 &`],
    [
      "--socket= and --tcp-ports=, a pid file",
      `passt --socket=$RUN/passt-lan.sock --pid=$RUN/passt.pid --tcp-ports=127.0.0.1/2222:22 --tcp-ports ::1/8443:443`,
    ],
    ["-s and -t with attached values, clustered flags", `passt -1f -s$RUN/passt-lan.sock -t127.0.0.1/2222:22 -t ::1/8443:443 &`],
    ["one -t with a list of ports", `passt --socket $RUN/passt-lan.sock -t 127.0.0.1/2222:22,8080:80`],
    ["sudo -u and nohup in front", `sudo -u qemu nohup passt --socket $RUN/passt-lan.sock -t 127.0.0.1/2222:22 >/dev/null 2>&1 &`],
  ])("%s", (what, passt) => {
    const script = `#!/bin/bash\nRUN=/srv/vms/web.run\nmkdir -p -m 0700 "$RUN"\n${passt}\nqemu-system-aarch64 ${QEMU}\n`;
    const r = imported(script);
    expect(errorsOf(r)).toEqual([]);
    expect(r.kept).toEqual([]);
    const networks = r.spec?.networks as { forwards: unknown[] }[];
    expect(networks).toHaveLength(1);
    expect(networks[0]).toMatchObject({ name: "lan", type: "user", backend: "passt" });
    expect(networks[0].forwards).toEqual(
      what.startsWith("one -t") // passt's address is the list's
        ? [
            { hostPort: 2222, guestPort: 22 },
            { hostPort: 8080, guestPort: 80 },
          ]
        : what.startsWith("sudo")
          ? [{ hostPort: 2222, guestPort: 22 }]
          : [
              { hostPort: 2222, guestPort: 22 },
              { hostAddress: "::1", hostPort: 8443, guestPort: 443 },
            ],
    );
  });

  it("a systemd unit whose ExecStartPre= starts passt", () => {
    const unit = `[Unit]
Description=VM web

[Service]
Environment=RUN=/srv/vms/web.run
ExecStartPre=/usr/bin/passt --socket \${RUN}/passt-lan.sock --pid \${RUN}/passt.pid -t 127.0.0.1/2222:22
ExecStart=/usr/bin/qemu-system-aarch64 -name web -machine virt,accel=kvm -cpu host -m 1G \\
  -netdev stream,id=net-lan,server=off,addr.type=unix,addr.path=\${RUN}/passt-lan.sock \\
  -device virtio-net-pci,netdev=net-lan,id=lan

[Install]
WantedBy=multi-user.target
`;
    const r = imported(unit);
    expect(errorsOf(r)).toEqual([]);
    expect(r.kept).toEqual([]);
    expect(r.spec?.networks).toEqual([{ name: "lan", type: "user", backend: "passt", forwards: [{ hostPort: 2222, guestPort: 22 }] }]);
    expect(r.notes).toContain(
      "Line 6: the passt command serving /srv/vms/web.run/passt-lan.sock is network lan's backend passt: build does not start it but names it (passt --socket ... --one-off and the forwards); its --pid /srv/vms/web.run/passt.pid say how it runs, not what the network is, and are not in the spec.",
    );
  });
});

describe("vmspec's own shell output, whose step names the passt command in an echo", () => {
  const yaml = SPECS["IPv6, IPv4 and UDP forwards (the golden spec)"];
  const shell = buildSpec(enc(yaml), { baseDir: "/srv/vms", format: "shell", rules: ALL_RULES_OFF, qemu: [7, 2] }).output!;
  it("imports back to the spec", () => {
    const r = imported(shell);
    expect(errorsOf(r)).toEqual([]);
    expect(r.kept).toEqual([]);
    expect(r.spec?.networks).toEqual((parse(yaml) as VmSpec).networks);
  });
  it("lint judges the forwards where the echo names them", () => {
    const f = lintArgv(enc(shell), { baseDir: "/srv/vms", qemu: [7, 2] }).findings.filter(
      (x) => x.ruleId === "passt-forward-all-interfaces",
    );
    expect(f.map((x) => shell.slice(x.range[0], x.range[1]))).toEqual(["0.0.0.0/5353:53"]);
    expect(f.map((x) => lineOf(shell, x.range[0]))).toEqual([2]);
  });
});

describe("the QEMU a -netdev stream needs", () => {
  const script = `passt --socket /srv/vms/web.run/passt-lan.sock -t 127.0.0.1/2222:22
qemu-system-aarch64 -name web -machine virt,accel=kvm -cpu host -m 1G -netdev stream,id=net-lan,server=off,addr.type=unix,addr.path=/srv/vms/web.run/passt-lan.sock -device virtio-net-pci,netdev=net-lan,id=lan
`;
  it("import without --qemu targets QEMU 7.2 or later (-netdev stream is 7.2's), so the imported spec builds without flags", () => {
    const r = importCommandLine(script, "argv", { baseDir: "/srv/vms" });
    expect(errorsOf(r)).toEqual([]);
    expect(r.inferred?.decidedBy?.what).toBe("-netdev stream");
    expect(r.qemu![0] * 100 + r.qemu![1]).toBeGreaterThanOrEqual(702);
    const yaml = importedYaml(r, { source: "web.sh", schemaRef: "x.json" });
    const b = buildSpec(enc(yaml), { baseDir: "/srv/vms", format: "shell", rules: ALL_RULES_OFF });
    expect(b.findings.filter((f) => f.severity === "error").map((f) => f.message)).toEqual([]);
    expect(b.output).toContain("passt --socket /srv/vms/web.run/passt-lan.sock --one-off -t 127.0.0.1/2222:22");
  });

  it("lint under QEMU 2.9 (the default profile's): a target-unsupported error at the -netdev stream; none under 7.2", () => {
    const messages = (qemu: [number, number]) =>
      lintArgv(enc(script), { baseDir: "/srv/vms", qemu })
        .findings.filter((f) => f.ruleId === "target-unsupported")
        .map((f) => `${lineOf(script, f.range[0])}: ${f.message.split(";")[0]}`);
    expect(messages([2, 9])).toEqual(["2: -netdev stream needs QEMU 7.2 or later"]);
    expect(messages([7, 2])).toEqual([]);
  });
});

describe("what the spec cannot say keeps the pair raw, with the reason at the passt command's line", () => {
  const script = (passt: string, qemu = QEMU_VMSPEC) => `#!/bin/sh\n# start the network\n${passt}\nqemu-system-aarch64 ${qemu}\n`;
  const QEMU_VMSPEC = `-name web -machine virt,accel=kvm -cpu host -m 1G -netdev stream,id=net-lan,server=off,addr.type=unix,addr.path=/srv/vms/web.run/passt-lan.sock -device virtio-net-pci,netdev=net-lan,id=lan`;
  const SOCK = "/srv/vms/web.run/passt-lan.sock";
  it.each([
    [
      `passt --socket ${SOCK} --mtu 1400 -t 127.0.0.1/2222:22`,
      /^the passt command at line 3 serving its socket: passt's --mtu 1400 changes the guest's network/,
    ],
    [
      `passt --socket ${SOCK} -4 -t 127.0.0.1/2222:22`,
      /^the passt command at line 3 serving its socket: passt's -4 changes the guest's network/,
    ],
    [`passt --socket ${SOCK} --dns 1.1.1.1`, /passt's --dns 1\.1\.1\.1 changes the guest's network/],
    [
      `passt --socket ${SOCK} -t 127.0.0.1/2222-2224:22-24`,
      /passt's -t 127\.0\.0\.1\/2222-2224:22-24 holds the port range or exclusion 2222-2224:22-24: a spec's forward is one port/,
    ],
    [`passt --socket ${SOCK} -t all`, /passt's -t all forwards every free port of the host/],
    [`passt --socket ${SOCK} -t 127.0.0.1%eth0/2222:22`, /binds the forward to the host interface eth0/],
    [
      `passt --socket ${SOCK} -t localhost/2222:22`,
      /passt -t localhost\/2222:22 binds "localhost", and a spec's hostAddress is an IP address/,
    ],
    [`passt --socket ${SOCK} --tcp-ports`, /passt's --tcp-ports has no value/],
    [`passt --socket ${SOCK} --frobnicate -t 127.0.0.1/2222:22`, /passt's --frobnicate is not an option of passt's that vmspec knows/],
    // passt's manual writes forwards without an address: every address, IPv4 and IPv6.
    [`passt --socket ${SOCK} -t 2222:22`, /passt -t 2222:22 binds every host address, IPv4 and IPv6, and a spec's forward binds one/],
    [
      `passt --socket /tmp/passt_1.socket -t 127.0.0.1/2222:22`,
      /^a -netdev stream's socket cannot be known to be passt's: no passt command in the file has --socket \/srv\/vms\/web\.run\/passt-lan\.sock/,
    ],
    ["passt -t 127.0.0.1/2222:22", /no passt command in the file has --socket/],
  ])("%s", (passt, why) => {
    const text = script(passt);
    const r = imported(text);
    expect(errorsOf(r)).toEqual([]);
    expect(r.spec?.networks).toBeUndefined();
    const kept = r.kept.find((k) => k.words[0] === "-netdev");
    expect(kept?.why).toMatch(why);
    // The rest still maps, and the pair is kept as written.
    expect(kept?.words[1]).toBe(`stream,id=net-lan,server=off,addr.type=unix,addr.path=${SOCK}`);
    expect(r.spec?.name).toBe("web");
  });

  it("a socket of the script's own: networks[].socket, and build names the same passt command", () => {
    const text = script("passt --socket /run/vm/passt.sock -t 127.0.0.1/2222:22 &", QEMU_VMSPEC.replace(SOCK, "/run/vm/passt.sock"));
    const r = imported(text);
    expect(errorsOf(r)).toEqual([]);
    expect(r.kept).toEqual([]);
    expect(r.spec?.networks).toEqual([
      { name: "lan", type: "user", backend: "passt", socket: "/run/vm/passt.sock", forwards: [{ hostPort: 2222, guestPort: 22 }] },
    ]);
    const b = built(importedYaml(r, { source: "web.sh", schemaRef: "x.json" }), "/srv/vms");
    expect(b.passt).toEqual([["passt", "--socket", "/run/vm/passt.sock", "--one-off", "-t", "127.0.0.1/2222:22"]]);
    expect(b.argv).toContain("stream,id=net-lan,server=off,addr.type=unix,addr.path=/run/vm/passt.sock");
  });

  it("passt's manual pairing (ids n0, /tmp/passt_1.socket) is kept raw, the ids and the forward named", () => {
    const text = `passt -f -t 2222:22 --socket /tmp/passt_1.socket &
qemu-system-aarch64 -name vm -M virt -m 1G -device virtio-net-pci,netdev=s -netdev stream,id=s,server=off,addr.type=unix,addr.path=/tmp/passt_1.socket
`;
    const r = imported(text);
    const why = r.kept.find((k) => k.words[0] === "-netdev")?.why;
    expect(why).toMatch(/^the passt command at line 1 serving its socket: passt -t 2222:22 binds every host address/);
    expect(why).toMatch(/and vmspec writes a passt network as -netdev stream,id=net-<name>.*these ids are not so: kept as written$/);
    expect(lineOf(text, r.kept.find((k) => k.words[0] === "-netdev")!.range![0])).toBe(2);
  });
});

describe("the real passt and QEMU 7.2 with the imported spec", () => {
  it("a hand-written script imported, rebuilt, passt started as build says: the forward accepts a TCP connect", async () => {
    const dir = scratch();
    const run = `${dir}/web.run`;
    const text = `#!/bin/bash
# web VM with passt networking
RUN=${dir}/web.run
mkdir -p -m 0700 "$RUN"
passt -f --socket "$RUN/passt-lan.sock" -t ::1/22292:22 -t 127.0.0.1/22293:80 &
qemu-system-aarch64 -name web -machine virt,accel=tcg -cpu cortex-a57 -m 256M -display none \\
  -netdev stream,id=net-lan,server=off,addr.type=unix,addr.path=$RUN/passt-lan.sock \\
  -device virtio-net-pci,netdev=net-lan,id=lan
`;
    const r = imported(text, dir);
    expect(errorsOf(r)).toEqual([]);
    expect(r.kept).toEqual([]);
    const spec = parse(importedYaml(r, { source: "web.sh", schemaRef: "x.json" })) as VmSpec;
    const c = compile(spec, { baseDir: dir, qemu: [7, 2] });
    expect(c.problems).toEqual([]);
    const step = c.prepare.find((p) => p.argv[0] === "passt")!;
    expect(step.argv).toEqual([
      "passt",
      "--socket",
      `${run}/passt-lan.sock`,
      "--one-off",
      "-t",
      "::1/22292:22",
      "-t",
      "127.0.0.1/22293:80",
    ]);
    mkdirSync(run, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) {
      // passt refuses to stay root: it runs as nobody, who must reach and write the runtime folder.
      chmodSync(dir, 0o711);
      chownSync(run, 65534, 65534);
    }
    execFileSync(step.argv[0], [...step.argv.slice(1), "--pid", `${run}/passt.pid`], { stdio: "ignore" });
    const pid = Number(readFileSync(`${run}/passt.pid`, "utf8"));
    try {
      const q = await startPaused(toArgv(c.options));
      try {
        const info = (await q.cmd("human-monitor-command", { "command-line": "info network" })) as string;
        expect(info).toContain("net-lan: index=0,type=stream,");
        const connects = (host: string, port: number) =>
          new Promise<boolean>((done) => {
            const s = createConnection({ host, port }, () => (s.destroy(), done(true)));
            s.on("error", () => done(false));
          });
        expect(await connects("::1", 22292)).toBe(true);
        expect(await connects("127.0.0.1", 22293)).toBe(true);
      } finally {
        await q.quit();
      }
    } finally {
      try {
        process.kill(pid);
      } catch {
        // passt --one-off already quit with QEMU
      }
    }
  });
});
