// A user network run by passt (networks[].backend passt, issue 20's IPv6 port forwards): the
// compiled -netdev stream and passt command, the refusals (QEMU before 7.2, restrict, an IPv6
// forward on slirp, libvirt and KubeVirt outputs), and the real passt and QEMU 7.2 together.
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { parse } from "yaml";
import { compile } from "../compiler/compile.js";
import { toArgv } from "../compiler/emit/argv.js";
import { emitReadconfig } from "../compiler/emit/readconfig.js";
import { buildSpec } from "../lint/build.js";
import { importCommandLine } from "../import/import.js";
import type { VmSpec } from "../spec/types.js";
import { ALL_RULES_OFF } from "./helpers/import-corpus.js";
import { startPaused } from "./helpers/qemu.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const PASST = `name: dual
memory: {size: 256MiB}
networks:
  - name: lan
    type: user
    backend: passt
    forwards:
      - {hostAddress: "::1", hostPort: 22270, guestPort: 22}
      - {protocol: udp, hostPort: 22271, guestPort: 53}
`;

function build(yaml: string, qemu: [number, number], format: "shell" | "json" | "libvirt" | "kubevirt" = "shell") {
  return buildSpec(enc(yaml), { format, baseDir: "/srv/vms", qemu, rules: ALL_RULES_OFF });
}

/** The 1-based line a finding starts on, in `yaml`. */
const lineOf = (yaml: string, f: { range?: [number, number] } | undefined): number | undefined =>
  f?.range === undefined ? undefined : yaml.slice(0, f.range[0]).split("\n").length;

const errors = (b: ReturnType<typeof build>) => b.findings.filter((f) => f.severity === "error").map((f) => `${f.ruleId}: ${f.message}`);

describe("networks[].backend passt", () => {
  it("QEMU 7.2: -netdev stream to passt's socket, and the step that stops with the passt command (IPv6 bare, as passt wants)", () => {
    const b = build(PASST, [7, 2]);
    expect(errors(b)).toEqual([]);
    expect(b.output).toContain(
      "-netdev stream,id=net-lan,server=off,addr.type=unix,addr.path=/srv/vms/dual.run/passt-lan.sock \\\n  -device virtio-net-pci,netdev=net-lan,id=lan \\\n",
    );
    expect(b.output).not.toContain("hostfwd");
    const json = JSON.parse(build(PASST, [7, 2], "json").output!);
    expect(json.prepare.find((p: { creates: string }) => p.creates.endsWith("passt-lan.sock"))).toEqual({
      creates: "/srv/vms/dual.run/passt-lan.sock",
      argv: ["passt", "--socket", "/srv/vms/dual.run/passt-lan.sock", "--one-off", "-t", "::1/22270:22", "-u", "127.0.0.1/22271:53"],
      mustRun: true,
    });
  });

  it("the shell script stops before QEMU, saying what must run, when passt is not running", () => {
    const dir = scratch();
    const b = buildSpec(enc(PASST), { format: "shell", baseDir: dir, qemu: [7, 2], rules: ALL_RULES_OFF });
    const r = spawnSync("sh", ["-c", b.output!], { encoding: "utf8", timeout: 20000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `vmspec: start this first: passt --socket ${dir}/dual.run/passt-lan.sock --one-off -t ::1/22270:22 -u 127.0.0.1/22271:53\n`,
    );
  });

  it("QEMU before 7.2 has no -netdev stream: a target-unsupported error at backend, no output", () => {
    const b = build(PASST, [7, 1]);
    expect(b.output).toBeUndefined();
    const f = b.findings.find((x) => x.ruleId === "target-unsupported");
    expect(f?.message).toMatch(/^backend passt needs QEMU 7\.2 or later \(-netdev stream\); QEMU 7\.1 /);
    expect(lineOf(PASST, f)).toBe(6); // networks[0].backend
  });

  it("passt has no restrict: an error at restrict, not a silently open network", () => {
    const b = build(PASST.replace("backend: passt", "backend: passt\n    restrict: true"), [7, 2]);
    expect(b.output).toBeUndefined();
    expect(errors(b)).toContain(
      "target-unsupported: passt has no restrict (it always gives the guest the host's network): drop restrict or use backend slirp",
    );
  });

  it("an IPv6 forward on QEMU's own user network (slirp) is an error at the address, naming backend passt", () => {
    const yaml = PASST.replace("    backend: passt\n", "");
    const b = build(yaml, [7, 2]);
    expect(b.output).toBeUndefined();
    const f = b.findings.find((x) => x.ruleId === "target-unsupported");
    expect(f?.message).toMatch(/^QEMU's built-in user network \(slirp\) forwards from IPv4 addresses only .*set backend: passt/);
    expect(lineOf(yaml, f)).toBe(7);
  });

  it("backend on a tap network is a conflicting setting", () => {
    const b = buildSpec(enc("name: t\nmemory: {size: 256MiB}\nnetworks:\n  - {name: t0, type: tap, backend: passt}\n"), {
      format: "shell",
      baseDir: "/srv/vms",
      qemu: [7, 2],
    });
    expect(b.findings.map((f) => f.ruleId)).toContain("conflicting-settings");
  });

  it.each([
    ["::1,guestfwd=x", "a comma (a property, or passt's port list)"],
    ["::1]:1-:2,hostfwd=tcp:", "a bracket"],
    ["::1/2000", "a slash (passt's address/port)"],
    ["::1 -t 1", "a space"],
  ])("a hostile host address %j is a schema error at the field: %s", (addr) => {
    const yaml = PASST.replace('"::1"', JSON.stringify(addr));
    const b = build(yaml, [7, 2]);
    expect(b.output).toBeUndefined();
    expect(b.findings.filter((f) => f.ruleId === "schema").map((f) => lineOf(yaml, f))).toEqual([8]);
  });

  it("a malformed IPv6 address the pattern lets through (:::1) is refused before passt sees it", () => {
    const b = build(PASST.replace('"::1"', '":::1"'), [7, 2]);
    expect(b.output).toBeUndefined();
    expect(errors(b)).toContain('target-unsupported: ":::1" is not an IP address passt can bind (such as 127.0.0.1 or ::1)');
  });

  it("libvirt and KubeVirt outputs refuse it at the line instead of dropping the forwards", () => {
    for (const format of ["libvirt", "kubevirt"] as const) {
      // The KubeVirt output's refusals are the kubevirt-unexpressible rule's: build with the rules on.
      const b = buildSpec(enc(PASST), { format, baseDir: "/srv/vms", qemu: [7, 2] });
      expect(b.output, format).toBeUndefined();
      expect(
        b.findings.filter((f) => f.severity === "error").map((f) => lineOf(PASST, f)),
        format,
      ).toContain(6);
    }
  });

  it("import of build's shell output gives back backend passt: the passt command its step names holds the forwards", () => {
    const r = importCommandLine(build(PASST, [7, 2]).output!, "argv", { qemu: [7, 2], baseDir: "/srv/vms" });
    expect(r.kept).toEqual([]);
    expect(r.spec?.networks).toEqual((parse(PASST) as VmSpec).networks);
  });

  it("import keeps -netdev stream raw, with a reason, when no passt command in the file serves its socket", () => {
    const script = build(PASST, [7, 2]).output!.replace(/^.*start this first.*\n/m, "");
    const r = importCommandLine(script, "argv", { qemu: [7, 2], baseDir: "/srv/vms" });
    const kept = r.kept.find((k) => k.words[0] === "-netdev");
    expect(kept?.words.join(" ")).toBe("-netdev stream,id=net-lan,server=off,addr.type=unix,addr.path=/srv/vms/dual.run/passt-lan.sock");
    expect(kept?.why).toMatch(/^a -netdev stream's socket cannot be known to be passt's/);
  });

  /** Runs build's preparation steps as the user would, passt included (with --pid, so the test can end it); its pid. */
  function prepareAndStartPasst(c: ReturnType<typeof compile>, dir: string): number {
    for (const step of c.prepare) {
      if (existsSync(step.creates)) continue;
      let argv = step.argv;
      if (step.argv[0] === "passt") {
        if (process.getuid?.() === 0) {
          // passt refuses to stay root: it runs as nobody, who must reach and write the runtime folder.
          chmodSync(dir, 0o711);
          chownSync(`${dir}/dual.run`, 65534, 65534);
        }
        argv = [...argv, "--pid", `${dir}/dual.run/passt.pid`];
      }
      execFileSync(argv[0], argv.slice(1), { stdio: "ignore" });
    }
    return Number(readFileSync(`${dir}/dual.run/passt.pid`, "utf8"));
  }

  function endPasst(pid: number): void {
    try {
      process.kill(pid);
    } catch {
      // passt --one-off already quit with QEMU
    }
  }

  const connects = (port: number) =>
    new Promise<boolean>((done) => {
      const s = createConnection({ host: "::1", port }, () => (s.destroy(), done(true)));
      s.on("error", () => done(false));
    });

  const withoutQmp = (options: ReturnType<typeof compile>["options"]) =>
    options.filter((o) => !(o.flag === "-chardev" && o.props?.some((p) => p.key === "id" && p.value === "qmp")) && o.flag !== "-mon");

  it("with the passt the step names running, QEMU 7.2 has a stream netdev on its socket and passt listens on [::1]", async () => {
    const dir = scratch();
    const c = compile({ ...(parse(PASST) as VmSpec), accel: "tcg", cpu: { model: "cortex-a57" } }, { baseDir: dir, qemu: [7, 2] });
    expect(c.problems).toEqual([]);
    const pid = prepareAndStartPasst(c, dir);
    try {
      expect(existsSync(`${dir}/dual.run/passt-lan.sock`)).toBe(true);
      expect(execFileSync("ss", ["-Hltn", "sport = :22270"], { encoding: "utf8" })).toMatch(/\[::1\]:22270 /);
      expect(execFileSync("ss", ["-Hlun", "sport = :22271"], { encoding: "utf8" })).toMatch(/127\.0\.0\.1:22271 /);
      const q = await startPaused(toArgv(withoutQmp(c.options)));
      try {
        const info = (await q.cmd("human-monitor-command", { "command-line": "info network" })) as string;
        expect(info).toMatch(/lan: index=0,type=nic,model=virtio-net-pci/);
        expect(info).toContain("net-lan: index=0,type=stream,");
        // The forward on [::1] is passt's: a TCP client there is accepted.
        expect(await connects(22270)).toBe(true);
      } finally {
        await q.quit();
      }
    } finally {
      endPasst(pid);
    }
  });

  it("the -readconfig output keeps -netdev stream on the command line, and QEMU 7.2 starts it against passt", async () => {
    const dir = scratch();
    const yaml = PASST.replace(/2227/g, "2228");
    const c = compile({ ...(parse(yaml) as VmSpec), accel: "tcg", cpu: { model: "cortex-a57" } }, { baseDir: dir, qemu: [7, 2] });
    const rc = emitReadconfig(withoutQmp(c.options), `${dir}/vm.cfg`);
    expect(rc.file).not.toContain("stream");
    expect(rc.argv).toContain(`stream,id=net-lan,server=off,addr.type=unix,addr.path=${dir}/dual.run/passt-lan.sock`);
    writeFileSync(`${dir}/vm.cfg`, rc.file);
    const pid = prepareAndStartPasst(c, dir);
    try {
      const q = await startPaused(rc.argv);
      try {
        const info = (await q.cmd("human-monitor-command", { "command-line": "info network" })) as string;
        expect(info).toContain("net-lan: index=0,type=stream,");
        expect(info).toMatch(/lan: index=0,type=nic,model=virtio-net-pci/);
      } finally {
        await q.quit();
      }
    } finally {
      endPasst(pid);
    }
  });
});
