// drive-format-missing: a -drive without format=, or a -pflash (QEMU probes the image). QEMU 7.2
// itself warns of the probe at start for -pflash as for -drive: shown below.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/drive-format-missing.js";
import { describe, expect, it } from "vitest";
import { closeSync, ftruncateSync, openSync } from "node:fs";
import { join } from "node:path";
import { startPaused } from "../helpers/qemu.js";
import { scratch } from "../helpers/workdir.js";
import { lintArgv } from "../../lint/lint.js";

ruleTester.run(rule, {
  valid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.img,format=raw,if=virtio"]
`,
    },
    {
      name: "Driver= is the other spelling of format=",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/data.img,driver=raw,if=virtio -drive file=/srv/b.qcow2,format=qcow2,if=virtio
`,
    },
  ],
  invalid: [
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.img,if=virtio"]
`,
      errors: [
        {
          messageId: "probed",
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 51,
          suggestions: [
            {
              messageId: "addFormat",
              data: { format: "raw" },
              output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.img,format=raw,if=virtio"]
`,
            },
            {
              messageId: "addFormat",
              data: { format: "qcow2" },
              output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-drive, "file=/srv/data.img,format=qcow2,if=virtio"]
`,
            },
          ],
        },
      ],
    },
    {
      name: "The format declared for the same file elsewhere is the fix",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs:
  - -drive
  - file=/srv/data.raw,format=raw,if=virtio
  - -drive
  - file=/srv/data.raw,if=virtio,readonly=on
`,
      errors: [{ messageId: "probedDeclared", line: 8, column: 5, endLine: 8, endColumn: 45 }],
      output: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs:
  - -drive
  - file=/srv/data.raw,format=raw,if=virtio
  - -drive
  - file=/srv/data.raw,format=raw,if=virtio,readonly=on
`,
    },
    {
      name: "As in countless blog posts",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=sles12sp3.qcow2,if=virtio
`,
      errors: [
        {
          messageId: "probed",
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 30,
          suggestions: [
            {
              messageId: "addFormat",
              data: { format: "raw" },
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=sles12sp3.qcow2,format=raw,if=virtio
`,
            },
            {
              messageId: "addFormat",
              data: { format: "qcow2" },
              output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=sles12sp3.qcow2,format=qcow2,if=virtio
`,
            },
          ],
        },
      ],
    },
    {
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/data.raw,format=raw,if=none,id=d0 -device virtio-blk-pci,drive=d0 \\
  -drive file=/srv/data.raw,if=none,id=d1,readonly=on -device virtio-blk-pci,drive=d1
`,
      errors: [{ messageId: "probedDeclared", line: 3, column: 10, endLine: 3, endColumn: 28 }],
      output: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -drive file=/srv/data.raw,format=raw,if=none,id=d0 -device virtio-blk-pci,drive=d0 \\
  -drive file=/srv/data.raw,format=raw,if=none,id=d1,readonly=on -device virtio-blk-pci,drive=d1
`,
    },
    {
      name: "-pflash cannot say a format (the UEFI pair as many guides write it)",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu \\
  -pflash /usr/share/AAVMF/AAVMF_CODE.fd -pflash vars.fd
`,
      errors: [
        {
          messageId: "pflash",
          data: { file: "/usr/share/AAVMF/AAVMF_CODE.fd", drive: "if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd" },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 41,
        },
        {
          messageId: "pflash",
          data: { file: "vars.fd", drive: "if=pflash,format=raw,file=vars.fd" },
          line: 2,
          column: 42,
          endLine: 2,
          endColumn: 57,
        },
      ],
    },
    {
      name: "-pflash of a file with a comma: the advised -drive doubles it",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 2048 -runas qemu -pflash "my,vars.fd"
`,
      errors: [
        {
          messageId: "pflash",
          data: { file: "my,vars.fd", drive: "if=pflash,format=raw,file=my,,vars.fd" },
          line: 1,
          column: 75,
          endLine: 1,
          endColumn: 94,
        },
      ],
    },
    {
      name: "A [drive] section without format",
      readconfig: `[drive]
  file = "/var/lib/vms/data.img"
  if = "virtio"
`,
      errors: [{ messageId: "probed", line: 2, column: 1, endLine: 2, endColumn: 33 }],
    },
  ],
});

describe("-pflash: QEMU 7.2 probes its format, and the rule says so", () => {
  it("QEMU warns for -pflash <file> and not for -drive if=pflash,format=raw; lint reports the first only", async () => {
    const file = join(scratch("pflash-"), "vars.fd");
    const fd = openSync(file, "w");
    ftruncateSync(fd, 64 * 1024 * 1024);
    closeSync(fd);
    const base = ["-M", "virt", "-cpu", "cortex-a57", "-m", "256", "-display", "none"];
    const started = async (argv: string[]) => {
      const q = await startPaused([...base, ...argv]);
      await q.cmd("query-status");
      await q.quit();
      return q.stderr();
    };
    const warned = await started(["-pflash", file]);
    expect(warned).toContain(`Image format was not specified for '${file}' and probing guessed raw`);
    const drive = ["-drive", `if=pflash,format=raw,file=${file}`];
    expect(await started(drive)).not.toContain("Image format was not specified");
    const ids = (argv: string[]) =>
      lintArgv(new TextEncoder().encode(`qemu-system-aarch64 ${[...base, ...argv].join(" ")}\n`), { baseDir: "/" }).findings.map(
        (f) => f.ruleId,
      );
    expect(ids(["-pflash", file])).toContain("drive-format-missing");
    expect(ids(drive)).not.toContain("drive-format-missing");
  });

  it("the advised -drive for -pflash of a file with a comma opens that file in QEMU 7.2 (the comma doubled)", async () => {
    const file = join(scratch("pflash-comma-"), "my,vars.fd");
    const fd = openSync(file, "w");
    ftruncateSync(fd, 64 * 1024 * 1024);
    closeSync(fd);
    const found = lintArgv(new TextEncoder().encode(`qemu-system-aarch64 -M virt -pflash '${file}'\n`), { baseDir: "/" }).findings.find(
      (f) => f.ruleId === "drive-format-missing",
    );
    const advice = /write it as -drive (\S+)$/.exec(found!.message)![1];
    expect(advice).toBe(`if=pflash,format=raw,file=${file.replace(",", ",,")}`);
    const q = await startPaused(["-M", "virt", "-cpu", "cortex-a57", "-m", "256", "-display", "none", "-drive", advice]);
    const blocks = (await q.cmd("query-block")) as { inserted?: { file: string } }[];
    await q.quit();
    expect(blocks.map((b) => b.inserted?.file)).toContain(file);
  });
});
