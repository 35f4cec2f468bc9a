// A display without display.port listens where docs/spec.md says (VNC 5900, SPICE 5930, fixed:
// the spec has no "first free port", docs/decisions.md), and the libvirt output says the same
// thing as the command line: the real QEMU started from `vmspec build` and the real libvirtd 9.0
// started from `vmspec build --format libvirt` answer the same port to query-vnc / query-spice.
// Each runs in a network namespace of its own, so a fixed port never meets another test's.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { useLibvirtd } from "./helpers/libvirt.js";
import { startPaused } from "./helpers/qemu.js";
import { buildJson, prepareHost, scratch } from "./helpers/workdir.js";

const HOST = ["--accel", "tcg", "--cpu", "cortex-a57", "--qemu", "7.2"];
/** QEMU in a network namespace of its own with loopback up. */
const OWN_NETWORK = ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "sh"];

const lv = useLibvirtd();

function specFile(name: string, type: "vnc" | "spice"): string {
  const dir = scratch("vmspec-port-");
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\nmemory: {size: 256MiB}\ndisplay: {type: ${type}}\n`);
  return file;
}

async function commandLinePort(file: string, type: "vnc" | "spice"): Promise<string> {
  const built = buildJson(file);
  prepareHost(built);
  const q = await startPaused(built.argv, { prefix: OWN_NETWORK });
  try {
    if (type === "vnc") return String((await q.cmd("query-vnc")).service);
    return String((await q.cmd("query-spice")).port);
  } finally {
    await q.quit();
  }
}

function libvirtPort(file: string, name: string, type: "vnc" | "spice"): { xml: string; port: string } {
  const r = vmspec(["build", file, "--format", "libvirt", ...HOST]);
  expect(r.code, r.stderr).toBe(0);
  const xmlFile = file.replace(/\.yaml$/, ".xml");
  writeFileSync(xmlFile, r.stdout);
  const v = spawnSync("virt-xml-validate", [xmlFile, "domain"], { encoding: "utf8" });
  expect(v.status, v.stdout + v.stderr).toBe(0);
  lv().virshOk(["define", xmlFile]);
  try {
    lv().virshOk(["start", "--paused", name]);
    const port = type === "vnc" ? String(lv().qmp(name, "query-vnc").service) : String(lv().qmp(name, "query-spice").port);
    // What libvirt itself reports for the running domain.
    const display = lv().virshOk(["domdisplay", name]).trim();
    expect(display).toMatch(new RegExp(`:${type === "vnc" ? Number(port) - 5900 : port}$`));
    return { xml: r.stdout, port };
  } finally {
    lv().virsh(["destroy", name]);
    lv().virsh(["undefine", "--nvram", name]);
  }
}

describe("a display without display.port", () => {
  for (const [type, expected] of [
    ["vnc", "5900"],
    ["spice", "5930"],
  ] as const) {
    it(`${type}: the command line and the libvirt domain listen on the same port, ${expected}`, async () => {
      const name = `port-${type}`;
      const file = specFile(name, type);
      const direct = await commandLinePort(file, type);
      const viaLibvirt = libvirtPort(file, name, type);
      expect(direct).toBe(expected);
      expect(viaLibvirt.port).toBe(direct);
      // A fixed port, as the command line's: libvirt does not pick another when it is taken.
      expect(viaLibvirt.xml).toMatch(new RegExp(`<graphics type="${type}" port="${expected}" autoport="no"`));
    });
  }
});
