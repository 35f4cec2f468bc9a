// The /dev/kvm half of the KVM check (`--host`): whether this user can open the device read-write,
// asked of real files: a path that does not exist, a character node 10:232 (what /dev/kvm is)
// with mode 0600 opened as `nobody` (setpriv), and the same node 0666. Root reads any node, so
// the denied case runs the real kvmDevice in a process that is not root.
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { kvmDevice, probe } from "../qemu/probe.js";
import { scratch } from "./helpers/workdir.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TSX = join(ROOT, "node_modules/.bin/tsx");

/** kvmDevice(path) as the user `nobody` sees it: the real function, in a process setpriv started as nobody. */
function asNobody(path: string): string {
  const script = `import { kvmDevice } from ${JSON.stringify(join(ROOT, "qemu/probe.ts"))}; process.stdout.write(kvmDevice(${JSON.stringify(path)}));`;
  const r = spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", TSX, "-e", script], {
    encoding: "utf8",
    env: { ...process.env, HOME: "/tmp" },
    cwd: "/tmp",
  });
  if (r.status !== 0) throw new Error(`setpriv ... tsx failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A character device node like /dev/kvm (major 10, minor 232), with `mode`, in a folder anyone may enter. */
function kvmNode(mode: string): string {
  const dir = scratch("vmspec-kvm-");
  chmodSync(dir, 0o755);
  const path = join(dir, "kvm");
  execFileSync("mknod", ["-m", mode, path, "c", "10", "232"]);
  return path;
}

describe("kvmDevice on real files", () => {
  it("a path that does not exist is missing", () => {
    const path = join(scratch("vmspec-kvm-"), "kvm");
    expect(existsSync(path)).toBe(false);
    expect(kvmDevice(path)).toBe("missing");
  });

  it("a 0600 node owned by root: ok for root, denied for nobody", () => {
    const path = kvmNode("0600");
    expect(process.getuid?.()).toBe(0);
    expect(kvmDevice(path)).toBe("ok");
    expect(asNobody(path)).toBe("denied");
  });

  it("the same node 0666: ok for nobody too (the denial was the mode, not the folder)", () => {
    expect(asNobody(kvmNode("0666"))).toBe("ok");
  });

  it("this host's /dev/kvm: what the shell's test -r -w says", () => {
    const shell = spawnSync("sh", ["-c", "test -e /dev/kvm || exit 2; test -r /dev/kvm -a -w /dev/kvm"]).status;
    expect(kvmDevice()).toBe(shell === 0 ? "ok" : shell === 2 ? "missing" : "denied");
    // What --host hands the rules, probed now and from the cache: checked again each time.
    const env = { ...process.env, VMSPEC_CACHE_DIR: scratch("vmspec-probe-cache-") };
    expect(probe("qemu-system-aarch64", { env }).host.kvmDevice).toBe(kvmDevice());
    expect(probe("qemu-system-aarch64", { env })).toMatchObject({ cached: true, host: { kvmDevice: kvmDevice() } });
  });
});
