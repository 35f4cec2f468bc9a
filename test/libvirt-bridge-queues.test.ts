// A libvirt bridge interface with multi-queue (`<interface type='bridge'>` + `<driver queues='4'>`,
// valid per virt-xml-validate) is libvirtd's own multi_queue tap on the bridge: no bridge helper.
// `vmspec lint` reported "QEMU refuses queues= with the bridge helper" on it, and `vmspec import`
// wrote a bridge network with queues, which does not build. Now the domain lints clean, and import
// writes a tap network whose header says how to create the tap; the real QEMU 7.2 starts it, on a
// real bridge in a private network namespace, with four queues.
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { buildJson, prepareHost, scratch } from "./helpers/workdir.js";
import { startExpectingFailure, startPaused } from "./helpers/qemu.js";

const domain = (driver: string, target = "") => `<domain type='kvm'>
  <name>db02</name>
  <memory unit='MiB'>256</memory>
  <vcpu>4</vcpu>
  <os>
    <type arch='aarch64' machine='virt'>hvm</type>
  </os>
  <cpu mode='host-passthrough'/>
  <devices>
    <emulator>/usr/bin/qemu-system-aarch64</emulator>
    <interface type='bridge'>
      <source bridge='br0'/>${target}
      <model type='virtio'/>
      ${driver}
    </interface>
  </devices>
</domain>
`;

type Json = { files: { findings: { ruleId: string; severity: string; line: number; message: string }[] }[] };

describe("libvirt <interface type='bridge'> with <driver queues>", () => {
  const dir = scratch();
  const xml = join(dir, "db02.xml");
  writeFileSync(xml, domain(`<driver name='vhost' queues='4'/>`));

  it("is a valid domain (virt-xml-validate)", () => {
    const r = spawnSync("virt-xml-validate", [xml, "domain"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  });

  it("lints without the bridge-helper error: libvirt makes the tap", () => {
    const r = vmspec(["lint", xml, "-f", "json"]);
    const findings = (JSON.parse(r.stdout) as Json).files[0].findings;
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(findings.map((f) => f.message).join("\n")).toMatch(/libvirt creates a multi_queue tap on bridge br0 itself/);
    expect(r.code).toBe(0);
  });

  it("imports as a tap network on a multi_queue tap, which builds", () => {
    const file = join(dir, "db02.vmspec.yaml");
    expect(vmspec(["import", xml, "-o", file]).code).toBe(0);
    const yaml = readFileSync(file, "utf8");
    expect(yaml).toMatch(/type: tap\n\s+model: virtio\n\s+ifname: net0-mq\n\s+queues: 4\n\s+vhost: true/);
    expect(yaml).toContain("# Filled in (line 12): <interface type='bridge'> with <driver queues='4'>");
    expect(yaml).toContain("ip tuntap add dev net0-mq mode tap multi_queue; ip link set net0-mq master br0; ip link set net0-mq up");
    const b = vmspec(["build", file, "--format", "argv"]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain("tap,id=net-net0,ifname=net0-mq,script=no,downscript=no,vhost=on,queues=4");
  });

  it("a <target dev> the user named is the tap's name; queues='1' stays a bridge network", () => {
    const named = join(dir, "named.xml");
    writeFileSync(named, domain(`<driver queues='2'/>`, `\n      <target dev='db02-lan'/>`));
    const y = vmspec(["import", named]).stdout;
    expect(y).toMatch(/type: tap\n\s+model: virtio\n\s+ifname: db02-lan\n\s+queues: 2/);
    const one = join(dir, "one.xml");
    writeFileSync(one, domain(`<driver queues='1'/>`));
    const o = vmspec(["import", one]);
    expect(o.stdout).toMatch(/type: bridge\n\s+bridge: br0/);
    expect(o.stdout).not.toContain("queues:");
    expect(vmspec(["lint", one]).code).toBe(0);
  });

  // No /dev/vhost-net here: the same domain without vhost, started by the real QEMU.
  const plain = join(dir, "db03.xml");
  writeFileSync(plain, domain(`<driver queues='4'/>`));
  const spec = join(dir, "db03.vmspec.yaml");
  expect(vmspec(["import", plain, "-o", spec]).code).toBe(0);
  const header = readFileSync(spec, "utf8");
  const steps = /\((ip tuntap add [^)]*)\)/.exec(header)![1];
  const built = buildJson(spec);
  prepareHost(built);

  it("the tap the header says to create carries QEMU's four queues on a real bridge", async () => {
    const script = `ip link add br0 type bridge && ip link set br0 up && ${steps} && exec "$@"`;
    const q = await startPaused(built.argv, { cwd: dir, prefix: ["unshare", "--net", "sh", "-c", script, "sh"] });
    try {
      const info = String(await q.cmd("human-monitor-command", { "command-line": "info network" }));
      expect(info.match(/net-net0: index=\d+,type=tap,ifname=net0-mq/g)?.length).toBe(4);
      expect(await q.cmd("qom-get", { path: "/machine/peripheral/net0", property: "mq" })).toBe(true);
    } finally {
      await q.quit();
    }
  });

  it("what import wrote before (a bridge network with queues) QEMU refuses", async () => {
    const helper = execFileSync("sh", ["-c", "ls /usr/lib/qemu/qemu-bridge-helper"], { encoding: "utf8" }).trim();
    const r = await startExpectingFailure(
      ["-machine", "virt,accel=tcg", "-nodefaults", "-netdev", `tap,id=n0,br=br0,helper=${helper},queues=4`, "-display", "none"],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("queues=, and vhostfds= are invalid with helper=");
  });
});
