// The golden specs of issue 20's display TLS, swtpm and PCI placement, started on the real QEMU
// 7.2: each golden spec, built for this host (TCG, rules off: the compiler is under test; the
// goldens themselves carry the statement's findings), must give through QMP the device or setting
// its golden output promises.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./helpers/cli.js";

import { makePki } from "./helpers/pki.js";
import { startPaused, type Qemu } from "./helpers/qemu.js";
import { prepareHost, scratch, type BuiltJson, buildForHost, withoutRunas } from "./helpers/workdir.js";

/** Builds test/golden/<name>.yaml for this host in `dir` (TCG, QEMU 7.2) as build's json output. */
function hostBuild(name: string, dir: string, edit: (yaml: string) => string = (y) => y): BuiltJson {
  return buildForHost(edit(readFileSync(join(ROOT, "test/golden", `${name}.yaml`), "utf8")), dir);
}

async function started<T>(built: BuiltJson, dir: string, f: (q: Qemu) => Promise<T>): Promise<T> {
  prepareHost(built);
  const q = await startPaused(withoutRunas(built.argv), { cwd: dir });
  try {
    return await f(q);
  } finally {
    await q.quit();
  }
}

describe("issue 20's golden specs in QEMU 7.2 (QMP)", () => {
  it("display-tls: VeNCrypt with x509 and client certificates verified, password auth, on port 5901", async () => {
    const dir = scratch();
    makePki(join(dir, "pki"));
    const built = hostBuild("display-tls", dir, (y) => y.replace("/etc/pki/qemu", "pki").replace("0.0.0.0", "127.0.0.1"));
    const server = await started(built, dir, async (q) => (await q.cmd("query-vnc-servers"))[0]);
    expect(server.auth).toBe("vencrypt");
    expect(server.vencrypt).toBe("x509-vnc");
    expect(server.server[0].service).toBe("5901");
    expect(built.argv.join(" ")).toContain(`dir=${dir}/pki,endpoint=server,verify-peer=on`);
  });

  it("display-tls-spice-7.2: SPICE on its TLS port only, with the password from the file (auth spice)", async () => {
    const dir = scratch();
    makePki(join(dir, "pki"));
    mkdirSync(join(dir, "secrets"));
    writeFileSync(join(dir, "secrets/spice.pw"), "s3cret", { mode: 0o600 });
    const built = hostBuild("display-tls-spice-7.2", dir, (y) => y.replace("0.0.0.0", "127.0.0.1"));
    const spice = await started(built, dir, (q) => q.cmd("query-spice"));
    expect(spice).toMatchObject({ enabled: true, auth: "spice", host: "127.0.0.1", "tls-port": 5930 });
    expect(spice.port).toBeUndefined();
  });

  it("swtpm-emitted-7.2: with swtpm started as the preparation step says, query-tpm shows the emulator TPM", async () => {
    const dir = scratch();
    const built = hostBuild("swtpm-emitted-7.2", dir);
    // The step build prints (it starts nothing itself): run it as a user would.
    const step = readFileSync(join(ROOT, "test/golden/swtpm-emitted-7.2.args"), "utf8").match(/start this first: (swtpm [^']+)'/)![1];
    mkdirSync(join(dir, "measured.run"), { mode: 0o700 });
    mkdirSync(join(dir, "measured.tpm"), { mode: 0o700 });
    const words = step.replaceAll("/vms/", `${dir}/`).split(" ");
    execFileSync(words[0], words.slice(1));
    const tpm = await started(built, dir, (q) => q.cmd("query-tpm"));
    expect(tpm).toEqual([{ id: "tpm0", model: "tpm-tis", options: { type: "emulator", data: { chardev: "tpm0-sock" } } }]);
  });

  it("pci-placement-7.2: root at slot 5 of the root bus, data behind rp3, lan at slot 0 behind rp1", async () => {
    const dir = scratch();
    for (const d of ["root", "data"])
      execFileSync("qemu-img", ["create", "-f", "qcow2", join(dir, `${d}.qcow2`), "1G"], { stdio: "ignore" });
    const built = hostBuild("pci-placement-7.2", dir);
    // Paused before the firmware numbers the buses, so where a device sits is read from QOM: the
    // bus it is plugged into and its devfn (slot << 3 | function).
    const placed = await started(built, dir, async (q) => {
      const at = async (id: string) => [
        await q.cmd("qom-get", { path: `/machine/peripheral/${id}`, property: "parent_bus" }),
        await q.cmd("qom-get", { path: `/machine/peripheral/${id}`, property: "addr" }),
      ];
      return { root: await at("root"), data: await at("data"), lan: await at("lan"), rp1: await at("rp1") };
    });
    // The root bus (pcie.0 of the virt board's unnamed PCIe host) holds root at slot 5 and the ports at slot 1.
    expect(placed.root).toEqual([expect.stringMatching(/\/pcie\.0$/), 5 << 3]);
    expect(placed.data).toEqual(["/machine/peripheral/rp3/rp3", 0]);
    expect(placed.lan).toEqual(["/machine/peripheral/rp1/rp1", 0]);
    expect(placed.rp1).toEqual([placed.root[0], 1 << 3]);
  });
});
