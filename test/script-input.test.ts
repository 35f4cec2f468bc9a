// A shell script, a systemd unit or a -readconfig file given to `vmspec lint` as a plain path (or on
// standard input) is read as what it is, not as YAML: a user's `vmspec lint arch-wiki.sh` said
// "the top level must be a mapping" and a .service file "unexpected scalar".
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

// As the Arch wiki's QEMU page writes an aarch64 guest (a script without an extension too).
const SCRIPT = `#!/bin/sh
# aarch64 guest
qemu-system-aarch64 -M virt -cpu cortex-a57 -m 2048 -smp 2 \\
    -bios /usr/share/edk2/aarch64/QEMU_EFI.fd \\
    -drive if=none,file=archarm.qcow2,id=hd0 \\
    -device virtio-blk-device,drive=hd0 \\
    -nographic
`;
const UNIT = `[Unit]
Description=QEMU VM build01
After=network.target

[Service]
Type=simple
ExecStart=/usr/bin/qemu-system-aarch64 -name build01 -machine virt,accel=kvm -cpu host -m 4G \\
  -vnc :1
Restart=on-failure

[Install]
WantedBy=multi-user.target
`;
const CFG = `# qemu config file

[netdev "n0"]
  type = "user"
  hostfwd = "tcp::2222-:22"
  hostfwd = "tcp::8080-:80"
`;

function ids(stdout: string): string[] {
  return (JSON.parse(stdout) as { files: { findings: { ruleId: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.ruleId));
}

describe("inputs that are not specs, given as a path", () => {
  const dir = scratch();
  const files = { "arch-wiki.sh": SCRIPT, "run-vm": SCRIPT, "vm.service": UNIT, "db01r.cfg": CFG };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

  it.each([
    ["arch-wiki.sh", "unsupported-cpu-model"],
    ["run-vm", "unsupported-cpu-model"],
    ["vm.service", "vnc-unauthenticated"],
    ["db01r.cfg", "readconfig-repeated-key"],
  ])("%s is read as what it is (%s), never as YAML", (name, expected) => {
    const r = vmspec(["lint", join(dir, name), "-f", "json"]);
    const found = ids(r.stdout);
    expect(found).toContain(expected);
    expect(found.filter((id) => /yaml|root-not-mapping|schema/.test(id))).toEqual([]);
  });

  it("on standard input too", () => {
    expect(ids(vmspec(["lint", "-", "-f", "json"], { input: UNIT }).stdout)).toContain("vnc-unauthenticated");
    expect(ids(vmspec(["lint", "-", "-f", "json"], { input: SCRIPT }).stdout)).toContain("unsupported-cpu-model");
  });

  it("a spec that starts with a comment or a flow sequence stays a spec", () => {
    expect(ids(vmspec(["lint", "-", "-f", "json"], { input: "# web\nname: web\nmemory: {size: 1GiB}\nrunAs: qemu\n" }).stdout)).toEqual([]);
    expect(ids(vmspec(["lint", "-", "-f", "json"], { input: "[a, b]\n" }).stdout)).toContain("root-not-mapping");
  });
});
