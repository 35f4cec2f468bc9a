// shared-host-path: specs linted together whose VMs would take the same socket or writable image.
// A user's "db 01" and "db_01" in one folder both got db_01.run/qmp.sock and lint said nothing;
// the finding must come with a plain run, with --cache (also from cached results) and with
// worker threads (--concurrency).
import { describe, expect, it } from "vitest";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";
import { addSharedPathFindings, type Claims } from "../lint/files/shared-paths.js";
import type { FileFindings } from "../core/finding.js";

function folder(): string {
  const dir = scratch();
  writeFileSync(join(dir, "db 01.vmspec.yaml"), 'name: "db 01"\nmemory: {size: 1GiB}\nrunAs: qemu\n');
  writeFileSync(join(dir, "db_01.vmspec.yaml"), "name: db_01\nmemory: {size: 1GiB}\nrunAs: qemu\n");
  writeFileSync(
    join(dir, "web.vmspec.yaml"),
    "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\ndisks:\n  - {name: root, file: shared.qcow2, format: qcow2}\n",
  );
  writeFileSync(
    join(dir, "web2.vmspec.yaml"),
    "name: web2\nmemory: {size: 1GiB}\nrunAs: qemu\ndisks:\n  - {name: root, file: shared.qcow2, format: qcow2}\n  - {name: iso, file: shared.iso, format: raw, readonly: true}\n",
  );
  writeFileSync(join(dir, "ok.vmspec.yaml"), "name: ok\nmemory: {size: 1GiB}\nrunAs: qemu\n");
  return dir;
}

interface Row {
  file: string;
  line: number;
  message: string;
}
function shared(stdout: string): Row[] {
  return (JSON.parse(stdout) as { files: { file: string; findings: { ruleId: string; line: number; message: string }[] }[] }).files
    .flatMap((f) =>
      f.findings
        .filter((m) => m.ruleId === "shared-host-path")
        .map((m) => ({ file: f.file.split("/").pop()!, line: m.line, message: m.message })),
    )
    .sort((a, b) => (a.file + a.message).localeCompare(b.file + b.message));
}

describe("shared-host-path", () => {
  it("reports both specs whose names sanitise alike, and both users of one writable image, at their lines", () => {
    const dir = folder();
    const r = vmspec(["lint", dir, "-f", "json"]);
    expect(r.code).toBe(1);
    const rows = shared(r.stdout);
    expect(rows.map((x) => [x.file, x.line])).toEqual([
      ["db 01.vmspec.yaml", 1],
      ["db_01.vmspec.yaml", 1],
      ["web.vmspec.yaml", 5],
      ["web2.vmspec.yaml", 5],
    ]);
    expect(rows[0].message).toContain(`${join(dir, "db_01.run/qmp.sock")} (the socket of chardev qmp) is also used by the VM of`);
    expect(rows[0].message).toContain("db_01.vmspec.yaml");
    expect(rows[2].message).toContain(`${join(dir, "shared.qcow2")} (the writable image of drive drive-root)`);
  });

  it("counts the writable image of a -blockdev disk (storage.backend: blockdev), not a read-only one", () => {
    const dir = scratch();
    const spec = (name: string, more = "") =>
      `name: ${name}\nmemory: {size: 1GiB}\nrunAs: qemu\nstorage: {backend: blockdev}\ndisks:\n  - {name: root, file: shared.qcow2, format: qcow2}\n${more}`;
    writeFileSync(join(dir, "a.vmspec.yaml"), spec("a", "  - {name: iso, file: shared.iso, format: raw, readonly: true}\n"));
    writeFileSync(join(dir, "b.vmspec.yaml"), spec("b", "  - {name: iso, file: shared.iso, format: raw, readonly: true}\n"));
    const r = vmspec(["lint", dir, "-f", "json", "--qemu", "7.2"]);
    const rows = shared(r.stdout);
    expect(rows.map((x) => [x.file, x.line])).toEqual([
      ["a.vmspec.yaml", 6],
      ["b.vmspec.yaml", 6],
    ]);
    expect(rows[0].message).toContain(`${join(dir, "shared.qcow2")} (the writable image of block node file-root)`);
  });

  it("gives the same findings with --cache (first and cached run) and with worker threads", () => {
    const dir = folder();
    const plain = shared(vmspec(["lint", dir, "-f", "json"]).stdout);
    const cache = join(dir, "..", `${dir.split("/").pop()}.cache`);
    for (const extra of [
      ["--cache", "--cache-location", cache],
      ["--cache", "--cache-location", cache],
      ["--concurrency", "2"],
      ["--cache", "--cache-location", cache, "--concurrency", "2"],
    ])
      expect(shared(vmspec(["lint", dir, "-f", "json", ...extra]).stdout), extra.join(" ")).toEqual(plain);
    rmSync(cache, { force: true });
  });

  it("is quiet for one spec alone, and can be turned off", () => {
    const dir = folder();
    expect(shared(vmspec(["lint", join(dir, "db_01.vmspec.yaml"), "-f", "json"]).stdout)).toEqual([]);
    expect(shared(vmspec(["lint", dir, "-f", "json", "--rule", "shared-host-path=off"]).stdout)).toEqual([]);
  });

  it("names three of the others and how many more, in a fleet where many specs share a name", () => {
    const dir = scratch();
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, `vm${i}.vmspec.yaml`), "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n");
    const rows = shared(vmspec(["lint", dir, "-f", "json"]).stdout);
    const first = rows.find((r) => r.file === "vm0.vmspec.yaml" && r.message.includes("qmp.sock"))!;
    expect(first.message).toMatch(
      /is also used by the VM of \S*vm1\.vmspec\.yaml, \S*vm2\.vmspec\.yaml, \S*vm3\.vmspec\.yaml and 2 more: /,
    );
  });

  it("counts each VM once among many claimants of a path, a file named twice included, and places each finding", () => {
    // Twelve files claim one socket (more than a list is scanned for before a Set is made), the
    // fourth and the eleventh are the same file under two names; two of them claim a second path.
    const text = "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\n";
    const n = 12;
    const files: FileFindings[] = Array.from({ length: n }, (_, i) => ({ file: `vm${i}.yaml`, findings: [], source: text }));
    const abs = files.map((f, i) => (i === 10 ? "/fleet/vm3.yaml" : `/fleet/${f.file}`));
    const claims: Claims[] = files.map((_, i) => ({
      severity: "warning",
      list: [
        ["/run/web/qmp.sock", "the socket of chardev qmp", ["name"]],
        ...(i === 0 || i === 7 ? [["/img/web.qcow2", "the writable image of drive drive-root", ["memory"]] as Claims["list"][number]] : []),
      ],
    }));
    addSharedPathFindings(files, abs, claims);
    const messages = files.map((f) => f.findings.map((x) => `${x.line}:${x.column} ${x.message.split(": two QEMUs")[0]}`));
    // The eleventh is the fourth again: one VM, so no finding of its own and not counted.
    expect(messages[10]).toEqual([]);
    expect(messages[3]).toEqual([
      "1:7 /run/web/qmp.sock (the socket of chardev qmp) is also used by the VM of vm0.yaml, vm1.yaml, vm2.yaml and 7 more",
    ]);
    expect(messages[0]).toEqual([
      "1:7 /run/web/qmp.sock (the socket of chardev qmp) is also used by the VM of vm1.yaml, vm2.yaml, vm3.yaml and 7 more",
      "2:1 /img/web.qcow2 (the writable image of drive drive-root) is also used by the VM of vm7.yaml",
    ]);
    expect(messages[11]).toEqual([
      "1:7 /run/web/qmp.sock (the socket of chardev qmp) is also used by the VM of vm0.yaml, vm1.yaml, vm2.yaml and 7 more",
    ]);
    expect(messages.filter((m) => m.length > 0)).toHaveLength(11);
  });
});
