// The admin fields the KubeVirt output cannot express (compiler/emit/kubevirt.ts) are refused at
// their YAML line, with the reason and no output: never a manifest that silently lacks what the
// spec asked for. The libvirt output maps them (libvirt-output.test.ts,
// libvirt-starts.test.ts) except what libvirt cannot say (libvirtUnmappedFields), which is refused
// the same way, each at its own line, in one run. The command-line outputs of the same specs build.
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const SPECS = ["admin-fields-7.2", "storage-7.2", "numa-7.2", "consoles-7.2"];

/** What libvirt cannot say in these specs: the field's leaf and the reason's words. */
const LIBVIRT_REFUSED: Record<string, [string, RegExp][]> = {
  // node 0 on ordinary memory, node 1 on the 1 GiB mount: libvirt says hugepages per node by page size.
  "numa-7.2": [["hugepages", /libvirt backs guest NUMA nodes with hugepages by page size/]],
};

describe("fields the engine outputs do not map", () => {
  for (const name of SPECS) {
    it(`${name}: KubeVirt refuses at the field's line; libvirt builds, or refuses only what libvirt cannot say`, () => {
      const file = `test/golden/${name}.yaml`;
      const text = readFileSync(join(ROOT, file), "utf8");
      const lv = vmspec(["build", file, "--format", "libvirt", "--qemu", "7.2"]);
      const refused = LIBVIRT_REFUSED[name] ?? [];
      const errors = [...lv.stderr.matchAll(/:(\d+):(\d+): error: (.*) \[output-format\]/g)];
      expect(errors.map((e) => e[3]).length, lv.stderr).toBe(refused.length);
      refused.forEach(([leaf, reason], i) => {
        expect(errors[i][3]).toMatch(reason);
        // The range is the field's value, after its key.
        expect(text.split("\n")[Number(errors[i][1]) - 1].slice(0, Number(errors[i][2]) - 1)).toMatch(new RegExp(`${leaf}: $`));
      });
      if (refused.length) {
        expect(lv.code).toBe(1);
        expect(lv.stdout).toBe("");
      } else {
        expect(lv.code, lv.stderr).toBe(0);
        expect(lv.stdout).toMatch(/^<domain /);
      }
      const kv = vmspec(["build", file, "--format", "kubevirt", "--qemu", "7.2"]);
      expect(kv.code).toBe(1);
      expect(kv.stdout).toBe("");
      // KubeVirt: definitive refusals with their reason (compiler/emit/kubevirt.ts), never "yet".
      expect(kv.stderr).toMatch(/(cannot express |does not support a guest NUMA).*\[kubevirt-(unexpressible|numa)\]/);
      expect(kv.stderr).not.toMatch(/yet/);
    });
  }

  it("libvirt: every field it cannot say is reported in one run, each at its own line", () => {
    const dir = scratch("lv-gaps-");
    const file = join(dir, "vm.yaml");
    writeFileSync(
      file,
      [
        "name: gaps",
        "memory: {size: 2GiB}",
        "cpu: {count: 2}",
        "# vmspec-disable-next-line unsupported-option",
        "numa:",
        "  - {cpus: '0', memory: 1GiB, hugepages: true}",
        "  - {cpus: '1', memory: 1GiB}",
        "pci: {rootPorts: 1}",
        "networks:",
        "  - {name: lan, type: user, forwards: [{hostPort: 2222, guestPort: 22}]}",
        "qemuProperties:",
        "  devices:",
        "    lan: {bus: rp1, addr: '0x0'}",
        "",
      ].join("\n"),
    );
    const r = vmspec(["build", file, "--format", "libvirt", "--qemu", "7.2"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const at = [...r.stderr.matchAll(/vm\.yaml:(\d+:\d+): error: .*\[output-format\]/g)].map((m) => m[1]);
    // lan goes through <qemu:commandline> (port forwards): on rp1, which goes through with it, but
    // not at a slot of pcie.0 that libvirt may use.
    expect(at).toEqual(["6:42", "13:27"]);
    expect(r.stderr).toMatch(
      /vm\.yaml:13:27: error: libvirt output gives lan to QEMU through <qemu:commandline>.*not at a slot libvirt may use \(addr\)/,
    );
  });
});
