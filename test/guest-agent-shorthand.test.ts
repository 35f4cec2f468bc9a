// `guestAgent: true` (and `false`), as people write it: the same as `{}` (and as no agent) in the
// schema, lint, every output format and import; the real QEMU 7.2 gets the agent channel.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { lintSpec } from "../lint/lint.js";
import { vmspec } from "./helpers/cli.js";
import { buildJson, prepareHost, scratch } from "./helpers/workdir.js";
import { startPaused } from "./helpers/qemu.js";

const enc = (s: string) => new TextEncoder().encode(s);
const HEAD = "name: ga\nmachine: {type: virt}\nmemory: {size: 256MiB}\nrunAs: qemu\n";

function specFile(dir: string, name: string, tail: string): string {
  const p = join(dir, `${name}.yaml`);
  writeFileSync(p, HEAD + tail);
  return p;
}

describe("guestAgent: true / false", () => {
  it("are valid (no schema finding), on the fast and the full path; another scalar is not", () => {
    for (const fullPath of [false, true]) {
      for (const v of ["true", "false", "{}"])
        expect(
          lintSpec(enc(HEAD + `guestAgent: ${v}\n`), { baseDir: "/", fullPath }).findings.filter((f) => f.ruleId === "schema"),
        ).toEqual([]);
      expect(lintSpec(enc(HEAD + "guestAgent: yes please\n"), { baseDir: "/", fullPath }).findings.map((f) => f.ruleId)).toContain(
        "schema",
      );
    }
  });

  it("true builds exactly as {} and false as no agent, in every output format", () => {
    const dir = scratch();
    const t = specFile(dir, "t", "guestAgent: true\n");
    const o = specFile(dir, "o", "guestAgent: {}\n");
    const f = specFile(dir, "f", "guestAgent: false\n");
    const n = specFile(dir, "n", "");
    const out = (p: string, format: string) => {
      const r = vmspec(["build", p, "--format", format, "--qemu", "7.2", "--rule", "kvm-not-enabled=off", "--rule", "tcg-unsupported=off"]);
      expect(r.code, r.stderr).toBe(0);
      // The file names differ (t.yaml, o.yaml): compare the rest.
      return r.stdout.replaceAll(/\/[tofn]\.(run|yaml)/g, "/X.$1");
    };
    for (const format of ["argv", "libvirt", "kubevirt"]) {
      expect(out(t, format), format).toBe(out(o, format));
      expect(out(f, format), format).toBe(out(n, format));
    }
    expect(out(t, "argv")).toContain("org.qemu.guest_agent.0");
    expect(out(t, "libvirt")).toContain("org.qemu.guest_agent.0");
    expect(out(f, "argv")).not.toContain("guest_agent");
  });

  it("the real QEMU 7.2 started from guestAgent: true has the agent's chardev and port", async () => {
    const dir = scratch();
    // No -runas: the test runs QEMU as itself.
    const p = join(dir, "vm.yaml");
    writeFileSync(p, "name: ga\nmachine: {type: virt}\nmemory: {size: 256MiB}\nguestAgent: true\n");
    const built = buildJson(p, ["--rule", "runs-as-root=off"]);
    prepareHost(built);
    const q = await startPaused(built.argv, { cwd: dir, timeoutMs: 120000 });
    try {
      const chardevs = (await q.cmd("query-chardev")) as { label: string; filename: string }[];
      expect(chardevs.find((c) => c.label === "qga0")?.filename).toMatch(/unix:.*qga\.sock,server=on$/);
      const port = await q.cmd("qom-get", { path: "/machine/peripheral/qga0", property: "name" });
      expect(port).toBe("org.qemu.guest_agent.0");
    } finally {
      await q.quit();
    }
  });
});
