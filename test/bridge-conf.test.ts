// docs/spec.md's "Bridge networks: the host's /etc/qemu/bridge.conf" against the real QEMU 7.2 and
// its qemu-bridge-helper: started in a private network and mount namespace (a bridge br0, /etc
// overlaid, so the host's /etc is untouched) with each /etc/qemu/bridge.conf the page names, QEMU
// says what the page quotes, and starts once the file allows the bridge.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const PAGE = readFileSync(join(ROOT, "docs/spec.md"), "utf8");
const SECTION = PAGE.slice(PAGE.indexOf("## Bridge networks: the host's `/etc/qemu/bridge.conf`"));
// What vmspec writes for `type: bridge, bridge: br0` (-netdev bridge), started paused.
const QEMU_ARGV = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a57", "-m", "256", "-display", "none", "-S", "-monitor", "none"];
const NETDEV = ["-netdev", "bridge,id=net-lan,br=br0", "-device", "virtio-net-pci,netdev=net-lan,id=lan"];

/** Runs QEMU in a namespace with `acl` as /etc/qemu/bridge.conf (none when undefined), as root or as nobody. */
function start(acl: string | undefined, user?: string): { code: number | null; stderr: string } {
  const dir = scratch("bridge-conf-");
  const script = join(dir, "ns.sh");
  writeFileSync(
    script,
    `set -e
mkdir -p "${dir}/upper" "${dir}/work"
mount --make-rprivate /
mount -t overlay overlay -o "lowerdir=/etc,upperdir=${dir}/upper,workdir=${dir}/work" /etc
rm -f /etc/qemu/bridge.conf
${acl === undefined ? "" : `mkdir -p /etc/qemu && printf '%s\\n' '${acl}' > /etc/qemu/bridge.conf`}
ip link add br0 type bridge
ip link set br0 up
exec "$@"
`,
  );
  const run = user ? ["setpriv", `--reuid=${user}`, "--regid=nogroup", "--clear-groups"] : [];
  // A QEMU that started stays paused: timeout stops it (exit 124), which the test reads as started.
  const r = spawnSync("unshare", ["--net", "--mount", "sh", script, "timeout", "3", ...run, ...QEMU_ARGV, ...NETDEV], {
    encoding: "utf8",
    timeout: 30000,
  });
  return { code: r.status, stderr: r.stderr };
}

describe("docs/spec.md: what a bridge network needs of the host", () => {
  it("names the file, the line that allows a bridge, and the helper's setuid", () => {
    expect(SECTION).toContain("echo 'allow br0' >> /etc/qemu/bridge.conf");
    expect(SECTION).toContain("chmod u+s /usr/lib/qemu/qemu-bridge-helper");
  });

  it("no /etc/qemu/bridge.conf: QEMU stops with what the page quotes", () => {
    const r = start(undefined);
    expect(r.code).toBe(1);
    for (const said of ["failed to parse default acl file `/etc/qemu/bridge.conf'", "bridge helper failed"]) {
      expect(r.stderr).toContain(said);
      expect(SECTION).toContain(said);
    }
  });

  it("a file that does not allow the bridge: access denied", () => {
    const r = start("allow br1");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("access denied by acl file");
    expect(SECTION).toContain("`access denied by acl file`");
  });

  it.each(["allow br0", "allow all"])("%s: QEMU starts (and stays paused until stopped)", (acl) => {
    const r = start(acl);
    expect(r.stderr).not.toContain("bridge helper failed");
    expect(r.code).toBe(124);
    expect(SECTION).toContain(`\`${acl}\``);
  });

  it("an unprivileged QEMU with Debian's non-setuid helper cannot open /dev/net/tun", () => {
    const r = start("allow br0", "nobody");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("failed to open /dev/net/tun: Permission denied");
    expect(SECTION).toContain("`failed to open /dev/net/tun: Permission denied`");
  });
});
