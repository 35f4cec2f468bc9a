// Lint and import answer "is this an ARM program" the same way (armProgram in
// qemu/read/shell-words.ts): qemu-kvm, the host's own QEMU (RHEL's /usr/libexec/qemu-kvm is the
// aarch64 binary on an ARM host), is read by both; another architecture's program by neither.
import { describe, expect, it } from "vitest";
import { lintArgv } from "../lint/lint.js";
import { importCommandLine } from "../import/import.js";

const enc = (s: string) => new TextEncoder().encode(s);
const line = (bin: string) => `${bin} -name vm -machine virt,accel=kvm -cpu host -m 1G -runas qemu\n`;

describe("one answer for lint and import", () => {
  it.each([
    ["qemu-system-aarch64", true],
    ["/usr/bin/qemu-system-arm", true],
    ["/usr/libexec/qemu-kvm", true],
    ["qemu-kvm", true],
    ["qemu-system-x86_64", false],
    ["/usr/bin/qemu-system-riscv64", false],
  ] as const)("%s: ARM = %s", (bin, arm) => {
    const linted = lintArgv(enc(line(bin)), { baseDir: "/" }).findings.some((f) => /is not an ARM program/.test(f.message));
    const imported = importCommandLine(line(bin), "argv", { qemu: [7, 2] });
    const refused = imported.problems.some((p) => p.severity === "error");
    expect(!linted, "lint").toBe(arm);
    expect(!refused, "import").toBe(arm);
    if (bin.endsWith("qemu-kvm")) expect(imported.problems.map((p) => p.severity)).toEqual(["warning"]);
  });
});
