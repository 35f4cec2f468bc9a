// A spec whose extraArgs carry a PC device no qemu-system-aarch64 has: build's target-unsupported
// error names the spec field that builds the virt board's device (pvpanic: true, tpm:), not a
// command-line spelling to write into extraArgs; the field it names builds that device.
import { describe, expect, it } from "vitest";
import { buildSpec } from "../lint/build.js";
import { locate } from "../core/positions.js";

const enc = (s: string) => new TextEncoder().encode(s);
const HEAD = "name: v\nmemory: {size: 1GiB}\nrunAs: qemu\naccel: tcg\n";

describe.each([
  ["pvpanic", "[-device, pvpanic]", "pvpanic: true", "pvpanic: true\n", "pvpanic-pci"],
  [
    "tpm-tis",
    "[-tpmdev, 'passthrough,id=tpm0,path=/dev/null', -device, 'tpm-tis,tpmdev=tpm0']",
    "tpm: (type: passthrough or emulator)",
    "tpm: {type: passthrough, path: /dev/null}\n",
    "tpm-tis-device",
  ],
])("extraArgs with -device %s", (driver, extra, field, fieldYaml, instead) => {
  it.each([
    [7, 2],
    [2, 9],
  ] as const)("build --qemu %s.%s: the error names the spec's field", (major, minor) => {
    const r = buildSpec(enc(`${HEAD}extraArgs: ${extra}\n`), { format: "argv", baseDir: "/", qemu: [major, minor] });
    expect(r.output).toBeUndefined();
    const found = locate(r.text, r.findings).filter((f) => f.ruleId === "target-unsupported");
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(`-device ${driver} is the PC's ISA`);
    expect(found[0].message).toContain(`drop it from extraArgs and set ${field} in the spec (vmspec builds -device ${instead})`);
    expect(found[0].message).not.toContain(`write -device ${instead}`);
  });

  it("the field it names builds the virt board's device for QEMU 7.2", () => {
    const r = buildSpec(enc(`${HEAD}${fieldYaml}`), { format: "argv", baseDir: "/", qemu: [7, 2] });
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    // argv output: one word a line.
    expect(r.output).toMatch(new RegExp(`^-device\\n${instead}(,|$)`, "m"));
  });
});
