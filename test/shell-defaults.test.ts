// A script's `${VAR:-default}` for a variable it never sets is read as its default, and said so
// (argv-default, info); a bash array in a #!/bin/sh script is what dash refuses. The shells'
// behaviour is checked with the real dash and bash.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { lintArgv } from "../lint/lint.js";
import { importCommandLine } from "../import/import.js";
import { lineStarts, position } from "../core/positions.js";
import { scratch } from "./helpers/workdir.js";

const enc = (s: string) => new TextEncoder().encode(s);
const lint = (text: string, rules?: Record<string, "off" | "error" | "warning" | "info">) =>
  lintArgv(enc(text), { baseDir: "/", qemu: [7, 2], ...(rules ? { rules } : {}) })
    .findings.filter((f) => f.ruleId.startsWith("argv-"))
    .map((f) => ({ id: f.ruleId, severity: f.severity, at: position(lineStarts(text), f.range[0]), message: f.message }));

// As blog posts write a reusable launcher: settings overridable from the environment.
const DEFAULTS = `#!/bin/sh
MEM=2G
qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu -m "\${MEM:-1G}" \\
  -drive file="\${DISK:-disk.qcow2}",format=qcow2,if=virtio
`;

describe("${VAR:-default} with VAR never set in the script", () => {
  it("is read as its default, with an info note at it; a variable the script sets gets none", () => {
    expect(lint(DEFAULTS)).toEqual([
      {
        id: "argv-default",
        severity: "info",
        at: { line: 4, column: 16 },
        message: 'DISK is not set in the script: its default "disk.qcow2" is assumed; the environment may give it another value',
      },
    ]);
    // Its severity is set like a rule's.
    expect(lint(DEFAULTS, { "argv-default": "warning" }).map((f) => f.severity)).toEqual(["warning"]);
    expect(lint(DEFAULTS, { "argv-default": "off" })).toEqual([]);
    // What the note says: the environment wins over the default (the real sh).
    const dir = scratch();
    writeFileSync(join(dir, "show.sh"), 'echo "${DISK:-disk.qcow2}"\n');
    expect(spawnSync("sh", [join(dir, "show.sh")], { encoding: "utf8", env: { PATH: process.env.PATH } }).stdout).toBe("disk.qcow2\n");
    expect(spawnSync("sh", [join(dir, "show.sh")], { encoding: "utf8", env: { PATH: process.env.PATH, DISK: "other.qcow2" } }).stdout).toBe(
      "other.qcow2\n",
    );
  });

  it("in a systemd unit's ExecStart= too, unless an Environment= line sets it", () => {
    const unit = "[Service]\nExecStart=/usr/bin/qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu -m ${MEM:-1G}\n";
    expect(lint(unit).map((f) => [f.id, f.severity, f.at])).toEqual([["argv-default", "info", { line: 2, column: 89 }]]);
    expect(lint(unit.replace("[Service]\n", "[Service]\nEnvironment=MEM=2G\n"))).toEqual([]);
  });

  it("import reads the default and says so in the header", () => {
    const r = importCommandLine(DEFAULTS, "argv", { qemu: [7, 2], name: "vm" });
    expect(r.problems).toEqual([]);
    expect(r.notes).toContain(
      'Line 4: DISK is not set in the script: its default "disk.qcow2" is assumed; the environment may give it another value.',
    );
  });
});

describe("a bash array in a script that is not bash's", () => {
  const ARRAY = 'ARGS=(-machine virt,accel=kvm -cpu host -m 1G -runas qemu)\nqemu-system-aarch64 "${ARGS[@]}"\n';

  it("under #!/bin/sh: an error at the array, which the real dash refuses; bash runs it", () => {
    const dir = scratch();
    const file = join(dir, "vm.sh");
    writeFileSync(file, "#!/bin/sh\n" + ARRAY);
    const dash = spawnSync("dash", ["-n", file], { encoding: "utf8" });
    expect(dash.status).not.toBe(0);
    expect(dash.stderr).toContain('Syntax error: "(" unexpected');
    expect(spawnSync("bash", ["-n", file], { encoding: "utf8" }).status).toBe(0);
    expect(lint("#!/bin/sh\n" + ARRAY)).toEqual([
      {
        id: "argv-syntax",
        severity: "error",
        at: { line: 2, column: 1 },
        message:
          "ARGS=(...) is a bash array, and this script's shebang is #!/bin/sh: dash (Debian's /bin/sh) stops here with 'Syntax error: \"(\" unexpected', so the QEMU command never runs; make the shebang #!/bin/bash (it is read as bash would)",
      },
    ]);
  });

  it("without a shebang: a warning; under #!/bin/bash or #!/usr/bin/env bash: nothing", () => {
    expect(lint(ARRAY).map((f) => [f.id, f.severity, f.at.line])).toEqual([["argv-unknown", "warning", 1]]);
    expect(lint("#!/bin/bash\n" + ARRAY)).toEqual([]);
    expect(lint("#!/usr/bin/env bash\n" + ARRAY)).toEqual([]);
  });
});
