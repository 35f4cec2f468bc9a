// How vmspec reads the scripts people write (qemu/read/shell-words.ts): every QEMU command of
// a file, the wrappers before the binary, systemd's ExecStart=, and a small documented subset of
// shell expansion; what cannot be known is a warning at its position and a placeholder on import.
// The fixtures in test/fixtures/scripts/ each say in their first comment whose style they follow.
import { describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { lintInput } from "../lint/lint.js";
import { locate } from "../core/positions.js";
import { importCommandLine } from "../import/import.js";
import { importedYaml } from "../import/write-yaml.js";
import { qemuCommands, qemuWords } from "../qemu/read/shell-words.js";
import { readCommandLine } from "../qemu/read/command-line.js";
import { ROOT, vmspec } from "./helpers/cli.js";
import { scratch } from "./helpers/workdir.js";

const FIXTURES = join(ROOT, "test/fixtures/scripts");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const enc = (s: string) => new TextEncoder().encode(s);

/** "id line:col" of each finding, in file order (and the message when `withMessage`). */
function lint(text: string, opts: { baseDir?: string; rules?: Record<string, "off" | "warning" | "error" | "info"> } = {}): string[] {
  const r = lintInput("argv", enc(text), { baseDir: opts.baseDir ?? "/", rules: opts.rules });
  return locate(text, r.findings)
    .sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId))
    .map((f) => `${f.ruleId} ${f.line}:${f.column}`);
}
function messages(text: string, id: string): string[] {
  return lintInput("argv", enc(text), { baseDir: "/" })
    .findings.filter((f) => f.ruleId === id)
    .map((f) => f.message);
}
const words = (text: string) => qemuWords(text).words.map((w) => w.text);
const importYaml = (text: string, io: Parameters<typeof importCommandLine>[2] = {}) => {
  const r = importCommandLine(text, "argv", { qemu: [7, 2], ...io });
  return { r, yaml: r.spec ? importedYaml(r, { source: "launch.sh", schemaRef: "x" }) : undefined };
};

/** Scripts of the documented subset, and the words the QEMU command receives. */
const SUBSET: [string, string[]][] = [
  [
    'VM=web01\nqemu-system-aarch64 -name $VM -pidfile ${VM}.pid -m "$MEM_DEFAULT"',
    ["-name", "web01", "-pidfile", "web01.pid", "-m", "${MEM_DEFAULT}"],
  ],
  ["export MEM=2G\nqemu-system-aarch64 -m $MEM", ["-m", "2G"]],
  ['DIR=/srv\nVM=a\nIMG="$DIR/$VM.qcow2"\nqemu-system-aarch64 -drive file=$IMG', ["-drive", "file=/srv/a.qcow2"]],
  [": ${MEM:=512M}\nqemu-system-aarch64 -m $MEM", ["-m", "512M"]],
  ["MEM=1G\nqemu-system-aarch64 -m ${MEM:-4G} -smp ${CPUS:-2}", ["-m", "1G", "-smp", "2"]],
  ['OPTS="-m 1G -smp 2"\nqemu-system-aarch64 $OPTS -name "a b"', ["-m", "1G", "-smp", "2", "-name", "a b"]],
  ['OPTS="-m 1G -smp 2"\nqemu-system-aarch64 "$OPTS"', ["-m 1G -smp 2"]],
  [
    "#!/bin/bash\nqemu-system-aarch64 -append $'console=ttyAMA0\\x20quiet' -name $'it\\'s'",
    ["-append", "console=ttyAMA0 quiet", "-name", "it's"],
  ],
  ['a=(-m 1G)\na+=(-smp 2)\nqemu-system-aarch64 "${a[@]}" -name x', ["-m", "1G", "-smp", "2", "-name", "x"]],
  ["declare -a a=(-m '1 G')\nqemu-system-aarch64 ${a[0]} \"${a[1]}\"", ["-m", "1 G"]],
  ["QEMU=qemu-system-aarch64\n$QEMU -m 1G", ["-m", "1G"]],
  ["VM=x\nVM+=y\nqemu-system-aarch64 -name $VM", ["-name", "xy"]],
  ["VM=${1:-web}\nqemu-system-aarch64 -name $VM", ["-name", "web"]],
  ['MEM=4G\nunset MEM\nqemu-system-aarch64 -m ${MEM:-1G} -name "x$MEM"', ["-m", "1G", "-name", "x"]],
  // "$@" and an empty "${a[@]}" make no word; "" makes an empty one.
  ['a=()\nqemu-system-aarch64 -m 1G "${a[@]}" "$@" -name ""', ["-m", "1G", "-name", ""]],
  ['#!/bin/bash\nargs=(-m 1G)\nif true; then\n  args+=(-d int)\nfi\nqemu-system-aarch64 "${args[@]}"', ["-m", "1G", "-d", "int"]],
  // A here-document's body is data (cloud-init user-data written by the script), not commands.
  [
    "cat > user-data <<EOF\n#cloud-config\nqemu-system-aarch64 -m 99G\nEOF\ncat <<-'END' | tee meta-data\n\tinstance-id: vm1\n\tEND\nqemu-system-aarch64 -m 1G",
    ["-m", "1G"],
  ],
];

describe("every QEMU command in a file", () => {
  it("lints two VMs started by one script command by command, each finding at its line and naming its command", () => {
    const text = fixture("two-vms.sh");
    expect(lint(text)).toEqual([
      "runs-as-root 3:27",
      "runs-as-root 5:27",
      "kvm-not-enabled 5:36",
      "kvm-only-setting 5:55",
      "drive-format-missing 6:10",
    ]);
    expect(messages(text, "kvm-not-enabled")).toEqual([expect.stringMatching(/\(command 2 of 2, line 5\)$/)]);
  });

  it("import asks which command, with the list, and takes the one chosen", () => {
    const text = fixture("two-vms.sh");
    const none = importCommandLine(text, "argv");
    expect(none.spec).toBeUndefined();
    expect(none.problems).toEqual([
      {
        severity: "error",
        message:
          "the file starts 2 QEMU commands: choose one with --command <n> (1: line 3, qemu-system-aarch64 -name web; 2: line 5, qemu-system-aarch64 -name db)",
        range: [text.indexOf("qemu-system-aarch64 -name db"), text.indexOf("qemu-system-aarch64 -name db") + 19],
      },
    ]);
    const { yaml } = importYaml(text, { command: 2 });
    expect(yaml).toBe(
      [
        "# yaml-language-server: $schema=x",
        "# Imported by `vmspec import` from launch.sh: `vmspec build --qemu 7.2` gives back its options.",
        "# Program: qemu-system-aarch64",
        "# Command 2 of 2 in the file (line 5).",
        "# Run by: nohup (not part of a spec)",
        "",
        "name: db",
        "machine:",
        "  type: virt",
        "cpu:",
        "  model: host",
        "memory:",
        "  size: 4GiB",
        "display:",
        "  type: none",
        "defaults: false",
        "extraArgs:",
        "  # vmspec writes disks as -drive if=none plus a -device of its own",
        "  - -drive",
        "  - file=db.qcow2,if=virtio",
        "",
      ].join("\n"),
    );
    expect(importCommandLine(text, "argv", { command: 3 }).problems[0].message).toBe("--command 3: the file starts 2 QEMU commands");
    // A binary named through a variable is pointed at where it is used.
    const x86 = "QEMU=qemu-system-x86_64\n$QEMU -name a -m 1G\n";
    expect(importCommandLine(x86, "argv").problems).toEqual([
      {
        severity: "error",
        message: "qemu-system-x86_64 is not qemu-system-aarch64: vmspec describes ARM virtual machines",
        range: [24, 29],
      },
    ]);
  });

  it("reads through the wrappers people put before the binary", () => {
    const cases: [string, string[], string[]][] = [
      ["sudo -u qemu -E qemu-system-aarch64 -m 1G", ["sudo -u qemu -E"], []],
      ["sudo --user=qemu VAR=1 qemu-system-aarch64 -m 1G", ["sudo --user=qemu VAR=1"], ["VAR=1"]],
      ["doas -u qemu qemu-system-aarch64 -m 1G", ["doas -u qemu"], []],
      ["nohup nice -n 10 qemu-system-aarch64 -m 1G", ["nohup", "nice -n 10"], []],
      ["nice -5 qemu-system-aarch64 -m 1G", ["nice -5"], []],
      ["ionice -c 2 -n 7 qemu-system-aarch64 -m 1G", ["ionice -c 2 -n 7"], []],
      ["ionice -c3 qemu-system-aarch64 -m 1G", ["ionice -c3"], []],
      ["chrt -f 50 qemu-system-aarch64 -m 1G", ["chrt -f 50"], []],
      ["chrt --rr 10 qemu-system-aarch64 -m 1G", ["chrt --rr 10"], []],
      ["taskset -c 2-5 qemu-system-aarch64 -m 1G", ["taskset -c 2-5"], []],
      ["taskset 0x3 qemu-system-aarch64 -m 1G", ["taskset 0x3"], []],
      ["numactl --cpunodebind=0 --membind=0 qemu-system-aarch64 -m 1G", ["numactl --cpunodebind=0 --membind=0"], []],
      ["numactl -N 1 -m 1 qemu-system-aarch64 -m 1G", ["numactl -N 1 -m 1"], []],
      ["time -p qemu-system-aarch64 -m 1G", ["time -p"], []],
      ["command qemu-system-aarch64 -m 1G", ["command"], []],
      ["exec -a myvm qemu-system-aarch64 -m 1G", ["exec -a myvm"], []],
      ["env -i -u DISPLAY LANG=C qemu-system-aarch64 -m 1G", ["env -i -u DISPLAY LANG=C"], ["LANG=C"]],
      ["/usr/bin/env LC_ALL=C /usr/bin/qemu-system-aarch64 -m 1G", ["/usr/bin/env LC_ALL=C"], ["LC_ALL=C"]],
      ["runuser -u qemu -- qemu-system-aarch64 -m 1G", ["runuser -u qemu --"], []],
      ["timeout -s KILL 3600 qemu-system-aarch64 -m 1G", ["timeout -s KILL 3600"], []],
      ["flock -w 10 /run/vm.lock qemu-system-aarch64 -m 1G", ["flock -w 10 /run/vm.lock"], []],
      [
        "systemd-run --user --scope -p MemoryMax=3G --unit=vm1 qemu-system-aarch64 -m 1G",
        ["systemd-run --user --scope -p MemoryMax=3G --unit=vm1"],
        [],
      ],
      ["cgexec -g cpu,memory:vms qemu-system-aarch64 -m 1G", ["cgexec -g cpu,memory:vms"], []],
      [
        "TMPDIR=/tmp sudo -n nice -n 19 ionice -c 3 taskset -c 0 qemu-system-aarch64 -m 1G",
        ["sudo -n", "nice -n 19", "ionice -c 3", "taskset -c 0"],
        ["TMPDIR=/tmp"],
      ],
    ];
    for (const [line, wrappers, env] of cases) {
      const c = qemuCommands(line).commands;
      expect(
        c.map((x) => [x.wrappers, x.env, x.words.map((w) => w.text)]),
        line,
      ).toEqual([[wrappers, env, ["-m", "1G"]]]);
    }
  });

  it("reads a script inside sh -c, bash -c or su -c, with positions in the file", () => {
    const text =
      'VM=web\nsu qemu -s /bin/sh -c "exec qemu-system-aarch64 -name $VM -machine virt,accel=kvm -cpu host -runas qemu -m 1G -smp \\$(nproc)"\n';
    expect(qemuCommands(text).commands.map((c) => [c.wrappers, c.words.map((w) => w.text)])).toEqual([
      [
        ["su qemu -s /bin/sh -c", "exec"],
        ["-name", "web", "-machine", "virt,accel=kvm", "-cpu", "host", "-runas", "qemu", "-m", "1G", "-smp", "$(nproc)"],
      ],
    ]);
    expect(lint(text)).toEqual(["argv-unknown 2:117"]);
    const unit = '[Service]\nExecStart=/bin/sh -c "exec /usr/bin/qemu-system-aarch64 -name %i -m 1G -cpu max"\n';
    // -cpu max came in QEMU 2.12: the default target, 2.9, refuses it.
    expect(lint(unit)).toEqual([
      "kvm-not-enabled 2:57",
      "runs-as-root 2:57",
      "argv-unknown 2:63",
      "target-unsupported 2:72",
      "unsupported-cpu-model 2:77",
    ]);
  });

  it("reads hostile nesting without a stack overflow", () => {
    const deep = "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu -m " + "${a:-".repeat(20000) + "1G" + "}".repeat(20000);
    expect(messages(deep, "argv-unknown")).toEqual([
      expect.stringMatching(/cannot be known here: it is an expansion nested too deeply to read; it is kept as written$/),
    ]);
    // A file of hundreds of thousands of options (near the 1 MiB limit) is linted, not a crash.
    expect(lint("-S ".repeat(300000))).toEqual(["kvm-not-enabled 1:1", "runs-as-root 1:1"]);
    const shells = "sh -c 'sh -c \"sh -c qemu-system-aarch64\"'";
    expect(() => qemuCommands(shells)).not.toThrow();
  });

  it("says when a file has no QEMU command, at its first command", () => {
    expect(lint("#!/bin/sh\n# start the VM\n\nqemu-img create -f qcow2 disk.qcow2 8G\n")).toEqual(["argv-syntax 4:1"]);
  });

  it("skips redirections and background markers around the command", () => {
    expect(words("qemu-system-aarch64 -m 1G > /tmp/vm.log 2>&1 </dev/null &\necho started")).toEqual(["-m", "1G"]);
    expect(words("qemu-system-aarch64 -m 1G &>/dev/null\n")).toEqual(["-m", "1G"]);
    expect(words("qemu-system-aarch64 -m 1G 2>>err.log | tee out.log")).toEqual(["-m", "1G"]);
  });
});

describe("systemd units", () => {
  it("reads ExecStart= with its prefix, continuations, Environment= values and says what %i cannot be", () => {
    const text = fixture("qemu@.service");
    expect(lint(text)).toEqual(["runs-as-root 8:41", "argv-unknown 8:47", "argv-unknown 9:42", "argv-unknown 10:27"]);
    expect(messages(text, "argv-unknown")[0]).toBe(
      "the specifier %i cannot be known here: systemd fills it in when the unit starts (the instance, unit or host name...); it is kept as written",
    );
    const { r, yaml } = importYaml(text);
    expect(r.problems.map((p) => `${p.severity} ${p.range[0]}`)).toEqual(["warning 292", "warning 393", "warning 453"]);
    expect(yaml).toBe(
      [
        "# yaml-language-server: $schema=x",
        "# Imported by `vmspec import` from launch.sh: `vmspec build --qemu 7.2` gives back its options.",
        "# Program: /usr/bin/qemu-system-aarch64",
        "# Run by: systemd (ExecStart=-...) (not part of a spec)",
        "",
        'name: "%i"',
        "machine:",
        "  type: virt",
        "accel: kvm",
        "cpu:",
        "  model: host",
        "  count: 2",
        "memory:",
        "  size: 2GiB",
        "display:",
        "  type: none",
        "defaults: false",
        "extraArgs:",
        "  # vmspec writes disks as -drive if=none plus a -device of its own",
        "  - -drive",
        "  - file=/var/lib/vms/%i.qcow2,if=virtio,format=qcow2",
        "  # the spec has no field for -monitor",
        "  - -monitor",
        "  - unix:/run/qemu/%i.sock,server,nowait",
        "",
      ].join("\n"),
    );
    expect(words(text)).toEqual([
      "-name",
      "%i",
      "-machine",
      "virt,accel=kvm",
      "-cpu",
      "host",
      "-m",
      "2G",
      "-smp",
      "2",
      "-display",
      "none",
      "-drive",
      "file=/var/lib/vms/%i.qcow2,if=virtio,format=qcow2",
      "-monitor",
      "unix:/run/qemu/%i.sock,server,nowait",
    ]);
  });

  it("reads the @ prefix (argv[0]), quotes, %% and an unset variable", () => {
    const unit =
      '[Service]\nExecStart=@/usr/bin/qemu-system-aarch64 qemu-web -m 1G -append "console=ttyAMA0 quiet" -name web%%1 -pidfile ${RUNTIME_DIRECTORY}/vm.pid\n';
    expect(words(unit)).toEqual([
      "-m",
      "1G",
      "-append",
      "console=ttyAMA0 quiet",
      "-name",
      "web%1",
      "-pidfile",
      "${RUNTIME_DIRECTORY}/vm.pid",
    ]);
    expect(messages(unit, "argv-unknown")).toEqual([
      "$RUNTIME_DIRECTORY cannot be known here: no Environment= line of the unit sets it; it is kept as the placeholder ${RUNTIME_DIRECTORY}",
    ]);
    // systemd.service, "Command lines": ${FOO} anywhere, $FOO only as a word of its own (split at
    // white space), $$ is a $; Environment= values are not expanded.
    const env =
      '[Service]\nEnvironment="OPTS=-smp 2 -m 1G" IMG=/vm.img\nExecStart=/usr/bin/qemu-system-aarch64 $OPTS -drive file=${IMG},if=virtio -name a$$b -pidfile /run/$IMG -rtc ${RTC:-base=utc}\n';
    expect(words(env)).toEqual([
      "-smp",
      "2",
      "-m",
      "1G",
      "-drive",
      "file=/vm.img,if=virtio",
      "-name",
      "a$b",
      "-pidfile",
      "/run/$IMG",
      "-rtc",
      "base=utc",
    ]);
  });
});

describe("shell expansions", () => {
  it("reads variables assigned before use, defaults and := (Arch/Debian wiki style) into the exact spec", () => {
    const text = fixture("arch-wiki-vars.sh");
    // ACCEL is never set: `: ${ACCEL:=kvm}` gives kvm, unless the environment says otherwise (said, as info).
    expect(lint(text)).toEqual(["argv-default 9:3", "runs-as-root 12:5"]);
    const { r, yaml } = importYaml(text);
    expect(r.problems).toEqual([]);
    expect(yaml).toBe(
      [
        "# yaml-language-server: $schema=x",
        "# Imported by `vmspec import` from launch.sh: `vmspec build --qemu 7.2` gives back its options.",
        "# Program: qemu-system-aarch64",
        "# Run by: exec (not part of a spec)",
        '# Line 9: ACCEL is not set in the script: its default "kvm" is assumed; the environment may give it another value.',
        "",
        "name: archarm",
        "machine:",
        "  type: virt",
        '  gicVersion: "3"',
        "accel: kvm",
        "cpu:",
        "  model: host",
        "  count: 4",
        "memory:",
        "  size: 2GiB",
        "display:",
        "  type: none",
        "defaults: false",
        "extraArgs:",
        "  # vmspec writes disks as -drive if=none plus a -device of its own",
        "  - -drive",
        "  - file=/var/lib/libvirt/images/archarm.qcow2,if=virtio,format=qcow2",
        "",
      ].join("\n"),
    );
  });

  it("expands bash arrays (quickemu style) with each word at the line where it was added", () => {
    const text = fixture("quickemu-arrays.sh");
    expect(lint(text)).toEqual(["runs-as-root 5:7", "qed-deprecated 8:34", "net-model-unsupported 9:17"]);
    expect(words(text)).toEqual([
      "-name",
      "ubuntu-arm64,process=ubuntu-arm64",
      "-pidfile",
      "vms/ubuntu-arm64/ubuntu-arm64.pid",
      "-machine",
      "virt,accel=kvm",
      "-cpu",
      "host",
      "-smp",
      "cores=2,threads=1,sockets=1",
      "-m",
      "4G",
      "-device",
      "virtio-rng-pci,rng=rng0",
      "-object",
      "rng-random,id=rng0,filename=/dev/urandom",
      "-drive",
      "if=virtio,id=disk0,format=qed,file=vms/ubuntu-arm64/disk.qed",
      "-net",
      "nic,model=ne2k_pci",
      "-net",
      "user",
    ]);
  });

  it("reads UTM's exported one-line command with quoted values holding spaces", () => {
    const text = fixture("utm-export.sh");
    expect(words(text)[4]).toBe(
      "unix=on,addr=/Users/me/Library/Group Containers/WDNLXAD4W8.com.utmapp.UTM/spice.sock,disable-ticketing=on",
    );
    expect(words(text).length).toBe(41);
    expect(lint(text)).toEqual([
      "runs-as-root 2:21",
      "unsupported-option 2:21",
      "kvm-not-enabled 2:491",
      "tcg-unsupported 2:502",
      "drive-interface-unsupported 2:655",
      "drive-format-missing 2:672",
      "drive-format-missing 2:858",
    ]);
  });

  it("warns where a value cannot be known: command substitution, the environment; import keeps a placeholder", () => {
    const text = fixture("ubuntu-uefi-arm64.sh");
    const found = lint(text);
    expect(found.filter((f) => f.startsWith("argv-unknown"))).toEqual(["argv-unknown 3:16", "argv-unknown 10:23"]);
    expect(messages(text, "argv-unknown")).toEqual([
      "$(uname -r) cannot be known here: it is a command substitution: its output is only known when the script runs; it is kept as written",
      "$IMAGE cannot be known here: it is never assigned before this line, so it comes from the environment; it is kept as the placeholder ${IMAGE}",
    ]);
    const { r, yaml } = importYaml(text, { name: "cloud" });
    expect(r.problems.filter((p) => p.severity === "warning").map((p) => p.message)).toEqual([
      "$(uname -r) cannot be known here: it is a command substitution: its output is only known when the script runs; it is kept as written: fill it in the spec",
      "$IMAGE cannot be known here: it is never assigned before this line, so it comes from the environment; it is kept as the placeholder ${IMAGE}: fill it in the spec",
    ]);
    expect(yaml).toContain("  - if=none,file=${IMAGE},id=hd0\n");
    // A memory size that cannot be known: a spec needs one, so import stops and says why.
    const mem = importCommandLine('qemu-system-aarch64 -name vm -m "$MEM"\n', "argv");
    expect(mem.spec).toBeUndefined();
    expect(mem.problems.map((p) => [p.severity, p.message, p.range])).toEqual([
      [
        "warning",
        "$MEM cannot be known here: it is never assigned before this line, so it comes from the environment; it is kept as the placeholder ${MEM}: fill it in the spec",
        [33, 37],
      ],
      [
        "error",
        "the memory size (-m) cannot be known (see the warning), and a spec needs it: give it in the script (or the variable a value before this line), then import again",
        [29, 37],
      ],
    ]);
    // Arch Wiki style: extra options passed on with "$@" are read as none, and import says so.
    const passOn = importCommandLine('#!/bin/bash\nexec qemu-system-aarch64 -name vm -m 1G "$@"\n', "argv");
    expect(passOn.problems).toEqual([
      {
        severity: "warning",
        message: "$@ cannot be known here: it is the script's arguments, any number of words; it is read as none",
        range: [53, 55],
      },
    ]);
    expect(yaml).toContain("root=/dev/vda1 release=$(uname -r)");
  });

  it("reads the documented subset", () => {
    for (const [text, expected] of SUBSET) expect(words(text), text).toEqual(expected);
  });

  it("says what it cannot know, at its position", () => {
    const cases: [string, string][] = [
      ["qemu-system-aarch64 -m $((1024 * 2))", "$((1024 * 2)) cannot be known here: it is an arithmetic expansion; it is kept as written"],
      [
        "qemu-system-aarch64 -name `hostname`",
        "`hostname` cannot be known here: it is a command substitution: its output is only known when the script runs; it is kept as written",
      ],
      ["qemu-system-aarch64 -name $1", "$1 cannot be known here: it is the script's argument 1; it is kept as the placeholder ${1}"],
      [
        "qemu-system-aarch64 -name ${VM%.img}",
        "${VM%.img} cannot be known here: it is the ${VM%...} operation (substring, pattern or case change); it is kept as written",
      ],
      [
        'MEM=1G\nif [ "$BIG" ]; then\n  MEM=8G\nfi\nqemu-system-aarch64 -m $MEM',
        "$MEM cannot be known here: it is assigned at line 3 inside an if (line 2), so which value it has cannot be known; it is kept as the placeholder ${MEM}",
      ],
      [
        'VM=a\n[ -n "$1" ] && VM=$1\ncd /vms && qemu-system-aarch64 -name $VM',
        "$VM cannot be known here: it is assigned at line 2 after && or || (it may not run), so which value it has cannot be known; it is kept as the placeholder ${VM}",
      ],
      [
        '#!/bin/bash\nargs=(-m 1G)\nif [ -n "$DEBUG" ]; then\n  args+=(-d int)\nfi\nqemu-system-aarch64 "${args[@]}"',
        "args+=(...) at line 4 is inside an if (line 3): whether its elements are there cannot be known; they are read as if they were",
      ],
      ['qemu-system-aarch64 -m 1G "$@"', "$@ cannot be known here: it is the script's arguments, any number of words; it is read as none"],
      [
        "for vm in a b; do\n  qemu-system-aarch64 -name $vm\ndone",
        "this QEMU command is inside a for loop (line 1): whether it runs, and how often, cannot be known; it is read as if it ran once",
      ],
      [
        "start() {\n  qemu-system-aarch64 -m 1G\n}\nstart",
        "this QEMU command is inside a function (line 1): whether it runs, and how often, cannot be known; it is read as if it ran once",
      ],
      [
        'case "$1" in\n  web) qemu-system-aarch64 -m 1G ;;\nesac',
        "this QEMU command is inside a case (line 1): whether it runs, and how often, cannot be known; it is read as if it ran once",
      ],
      [
        ". ./vm.conf\nqemu-system-aarch64 -m $MEM",
        "$MEM cannot be known here: it is not assigned before this line (it may come from the environment or from the file sourced at line 1); it is kept as the placeholder ${MEM}",
      ],
      [
        "qemu-system-aarch64 -kernel ~/Image",
        "~ cannot be known here: it is the home folder of whoever runs the script; it is kept as written",
      ],
      [
        "DIR=~qemu/vms\nqemu-system-aarch64 -drive file=$DIR/a.img",
        "~qemu cannot be known here: it is the home folder of qemu; it is kept as written",
      ],
      [
        "#!/bin/sh\nqemu-system-aarch64 -name $'a'",
        "$'...' is bash quoting, and this script has no bash shebang (#!/bin/bash): sh may read it differently; it is read as bash would",
      ],
    ];
    for (const [text, message] of cases) expect(messages(text, "argv-unknown"), text).toContain(message);
    // The finding is at the expansion itself.
    expect(lint("qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu \\\n  -m $((1024 * 2))")).toEqual(["argv-unknown 2:6"]);
    // Like a rule's, its severity can be set, or it can be turned off.
    expect(lint("qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu -m $MEM", { rules: { "argv-unknown": "off" } })).toEqual(
      [],
    );
  });
});

/**
 * Runs a script with the real bash, a stand-in qemu-system-aarch64 first on PATH that writes the
 * words it receives; returns them (waiting for a command started in the background).
 */
function realBash(script: string, cwd = scratch("bash-")): string[] {
  const bin = join(cwd, "bin");
  mkdirSync(bin, { recursive: true });
  const out = join(cwd, "argv.out");
  writeFileSync(join(bin, "qemu-system-aarch64"), `#!/bin/sh\nprintf '%s\\0' "$@" > '${out}.tmp' && mv '${out}.tmp' '${out}'\n`);
  chmodSync(join(bin, "qemu-system-aarch64"), 0o755);
  writeFileSync(join(cwd, "script"), script.replaceAll("@BIN@", bin));
  const r = spawnSync("bash", ["./script"], { cwd, env: { PATH: `${bin}:/usr/bin:/bin`, HOME: cwd }, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  for (let i = 0; i < 200 && !existsSync(out); i++) spawnSync("sleep", ["0.05"]);
  return readFileSync(out, "utf8").split("\0").slice(0, -1);
}

describe("the real bash agrees", () => {
  it("on every case of the documented subset that can be known", () => {
    for (const [text, expected] of SUBSET.filter(([, e]) => !e.some((w) => w.includes("${"))))
      expect(realBash(text), text).toEqual(expected);
  });

  it("on the wrappers that run here without privileges", () => {
    for (const line of [
      "nohup nice -n 10 qemu-system-aarch64 -m 1G",
      "nice -5 qemu-system-aarch64 -m 1G",
      "ionice -c 3 qemu-system-aarch64 -m 1G",
      "taskset -c 0 qemu-system-aarch64 -m 1G",
      "taskset 0x1 qemu-system-aarch64 -m 1G",
      "chrt -o 0 qemu-system-aarch64 -m 1G",
      "time -p qemu-system-aarch64 -m 1G",
      "command qemu-system-aarch64 -m 1G",
      "exec -a myvm qemu-system-aarch64 -m 1G",
      "env -i -u DISPLAY LANG=C @BIN@/qemu-system-aarch64 -m 1G",
      "/usr/bin/env LC_ALL=C qemu-system-aarch64 -m 1G",
      "setsid stdbuf -oL qemu-system-aarch64 -m 1G",
      "timeout -s KILL 60 qemu-system-aarch64 -m 1G",
      "flock -w 10 ./vm.lock qemu-system-aarch64 -m 1G",
      "sh -c 'exec qemu-system-aarch64 -m 1G'",
      'M=1G; bash -ec "nice qemu-system-aarch64 -m $M"',
    ]) {
      expect(realBash(line), line).toEqual(["-m", "1G"]);
      expect(words(line), line).toEqual(["-m", "1G"]);
    }
  });

  it("on the wiki-style and quickemu-style fixtures", () => {
    expect(realBash(fixture("arch-wiki-vars.sh"))).toEqual(words(fixture("arch-wiki-vars.sh")));
    const dir = scratch("quickemu-");
    mkdirSync(join(dir, "vms/ubuntu-arm64"), { recursive: true });
    expect(realBash(fixture("quickemu-arrays.sh"), dir)).toEqual(words(fixture("quickemu-arrays.sh")));
  });
});

describe("a script without -name", () => {
  it("imports with the file's name, or --name, said in the header", () => {
    const dir = scratch("noname-");
    writeFileSync(join(dir, "qemu-docs-virt.sh"), fixture("qemu-docs-virt.sh"));
    const byFile = vmspec(["import", join(dir, "qemu-docs-virt.sh"), "--schema-url", "x"]);
    expect(byFile.code).toBe(0);
    expect(byFile.stdout).toContain(
      '# The command line has no -name: the spec is named "qemu-docs-virt" (from the file\'s name), so its build adds -name qemu-docs-virt.\n',
    );
    expect(byFile.stdout).toBe(
      [
        "# yaml-language-server: $schema=x",
        // -cpu cortex-a57 is unsupported by the statement: the header names the flag the build needs.
        `# Imported by \`vmspec import\` from ${join(dir, "qemu-docs-virt.sh")}: \`vmspec build --qemu 2.9 --rule unsupported-cpu-model=off\` gives back its options: unsupported-cpu-model refuses it under the profile's statement.`,
        "# Program: qemu-system-aarch64",
        '# The command line has no -name: the spec is named "qemu-docs-virt" (from the file\'s name), so its build adds -name qemu-docs-virt.',
        "",
        "name: qemu-docs-virt",
        "machine:",
        "  type: virt",
        "cpu:",
        "  model: cortex-a57",
        "memory:",
        "  size: 1GiB",
        "defaults: false",
        "extraArgs:",
        "  # the spec has no field for -nographic",
        "  - -nographic",
        "  # the spec's field for -kernel cannot say exactly this",
        "  - -kernel",
        "  - Image",
        "  # the spec's field for -append cannot say exactly this",
        "  - -append",
        "  - console=ttyAMA0 root=/dev/vda",
        "  # vmspec writes disks as -drive if=none plus a -device of its own",
        "  - -drive",
        "  - if=none,file=rootfs.ext4,id=hd0,format=raw",
        "  # vmspec writes devices from its own fields (disks, networks, ...) with its own ids and buses",
        "  - -device",
        "  - virtio-blk-device,drive=hd0",
        "",
      ].join("\n"),
    );
    const byName = vmspec(["import", join(dir, "qemu-docs-virt.sh"), "--name", "virt01", "--schema-url", "x"]);
    expect(byName.stdout).toContain('the spec is named "virt01" (from --name)');
    expect(byName.stdout).toMatch(/^name: virt01$/m);
    // Standard input has no file name: --name is needed.
    const stdin = vmspec(["import", "-"], { input: fixture("qemu-docs-virt.sh") });
    expect(stdin.code).toBe(1);
    expect(stdin.stderr).toContain(
      "no -name: a spec needs name, and adding -name would change the command line (give the name with --name <name>)",
    );
  });
});

describe("smaller things", () => {
  const qmp = (text: string) => {
    const r = lintInput("qmp", enc(text), { baseDir: "/" });
    return locate(text, r.findings).map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`);
  };

  it("reads QMP commands pretty-printed over several lines (QEMU docs style), findings at their lines", () => {
    expect(qmp(fixture("drive-mirror.qmp")).map((f) => f.split(" ").slice(0, 2).join(" "))).toEqual([
      "qmp-command-unsupported 4:16",
      "monitor-command-unsupported 14:36",
    ]);
  });

  it("says what is wrong with a QMP script in JSON terms, at the right line", () => {
    expect(qmp(fixture("trailing-comma.qmp"))).toEqual([
      "monitor-syntax 6:43 not valid JSON: a comma before the closing } (JSON allows no trailing comma)",
      "qmp-command-unsupported 9:14 the QMP command netdev_add is unsupported by the SLES 12 SP3 QEMU/KVM support statement (ARM64); use a -netdev on the command line",
    ]);
    expect(qmp('{\n  "execute": "query-status"\n  "arguments": {}\n}\n')).toEqual([
      "monitor-syntax 3:3 not valid JSON: Expected ',' or '}' after property value",
    ]);
    expect(qmp('{"execute":\n')).toEqual(["monitor-syntax 1:1 unterminated JSON object: nothing closes the { at line 1"]);
    expect(qmp("execute qmp_capabilities\n")).toEqual([
      'monitor-syntax 1:1 not a QMP command: a command is a JSON object such as {"execute": "qmp_capabilities"}, and this line starts with "e"',
    ]);
  });

  it("a -readconfig file named on the command line that does not exist is a finding", () => {
    const text = "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -runas qemu -m 1G \\\n  -readconfig ./missing.cfg\n";
    expect(lint(text, { baseDir: scratch("rc-") })).toEqual(["readconfig-unreadable 2:3"]);
    expect(messages(text, "readconfig-unreadable")).toEqual([
      "cannot read the -readconfig file ./missing.cfg: no such file or folder: QEMU would not start",
    ]);
  });

  it("one reader gives lint and import a script's commands, options and the -readconfig files they name", () => {
    const dir = scratch("rcl-");
    // Two VMs started from one script, each with a config file written by `-writeconfig`.
    const script = [
      "#!/bin/sh",
      "qemu-system-aarch64 -nodefaults -readconfig web.cfg -name web -m 1G &",
      "qemu-system-aarch64 -readconfig /nonexistent/db.cfg -name db -m 2G -readconfig bad.cfg",
      "",
    ].join("\n");
    const read = readCommandLine(script, dir);
    expect(read.optionsOnly).toBe(false);
    expect(read.commands.map((c) => [c.binary, script.slice(...c.range)])).toEqual([
      ["qemu-system-aarch64", "qemu-system-aarch64"],
      ["qemu-system-aarch64", "qemu-system-aarch64"],
    ]);
    // Files are read when a command is, not before: this one is written after the script was read.
    writeFileSync(
      join(dir, "web.cfg"),
      '# qemu config file\n\n[drive "hd0"]\n  if = "none"\n  file = "/var/lib/vm/web.qcow2"\n  format = "qcow2"\n\n[machine]\n  type = "virt"\n',
    );
    writeFileSync(join(dir, "bad.cfg"), "[machine]\n  type = virt\n");
    const web = read.commands[0].read();
    expect(read.commands[0].read()).toBe(web);
    expect(web.options.map((o) => o.flag)).toEqual(["-nodefaults", "-readconfig", "-name", "-m"]);
    expect(web.options.some((o) => "extra" in o)).toBe(false);
    expect(web.readconfigs).toHaveLength(1);
    const [cfg] = web.readconfigs;
    expect(cfg.option).toBe(web.options[1]);
    expect(cfg.index).toBe(1);
    if ("error" in cfg) throw new Error(cfg.error);
    expect(cfg.path).toBe(join(dir, "web.cfg"));
    expect(cfg.problems).toEqual([]);
    // The file's options stand where the -readconfig option stands.
    expect(cfg.options.map((o) => [o.flag, o.props!.map((p) => `${p.key}=${p.value}`).join(","), script.slice(...o.range!)])).toEqual([
      ["-drive", "id=hd0,if=none,file=/var/lib/vm/web.qcow2,format=qcow2", "-readconfig web.cfg"],
      ["-machine", "type=virt", "-readconfig web.cfg"],
    ]);
    const db = read.commands[1].read();
    expect(db.readconfigs.map((r) => [r.index, "error" in r ? r.error : r.problems.map((p) => p.message)])).toEqual([
      [0, "cannot read the -readconfig file /nonexistent/db.cfg: no such file or folder"],
      [3, ['not a -readconfig line: expected [group "id"] or key = "value"']],
    ]);
    // Each caller's policy on what the reader gives: lint keeps the option beside its file's
    // options; import puts them in its place and refuses a file it cannot read.
    const linted = lintInput("argv", enc(script), { baseDir: dir });
    expect(linted.options!.map((o) => o.flag).slice(0, 6)).toEqual(["-nodefaults", "-readconfig", "-drive", "-machine", "-name", "-m"]);
    expect(linted.findings.filter((f) => f.ruleId.startsWith("readconfig")).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      "readconfig-unreadable: cannot read the -readconfig file /nonexistent/db.cfg: no such file or folder: QEMU would not start (command 2 of 2, line 3)",
      'readconfig-syntax: bad.cfg: not a -readconfig line: expected [group "id"] or key = "value" (command 2 of 2, line 3)',
    ]);
    const imported = importCommandLine(script, "argv", { qemu: [7, 2], inputDir: dir, command: 1 });
    expect(imported.problems.map((p) => `${p.severity}: ${p.message}`)).toEqual([
      "warning: -readconfig web.cfg: its options are imported in its place",
    ]);
    expect(
      importCommandLine(script, "argv", { qemu: [7, 2], inputDir: dir, command: 2 })
        .problems.filter((p) => p.severity === "error")
        .map((p) => p.message),
    ).toEqual([
      "cannot read the -readconfig file /nonexistent/db.cfg: no such file or folder",
      'bad.cfg: not a -readconfig line: expected [group "id"] or key = "value"',
    ]);
  });

  it("a space after a line-continuation and a CRLF script say so", () => {
    const space = "qemu-system-aarch64 -machine virt,accel=kvm \\ \n  -cpu host -runas qemu -m 1G\n";
    expect(lint(space)).toEqual(["argv-syntax 1:45"]);
    expect(messages(space, "argv-syntax")).toEqual([
      "a space after the line-continuation \\ at the end of this line: the shell reads it as an escaped space and ends the command here, so the lines after it are not part of the command; remove the trailing white space",
    ]);
    const crlf = "qemu-system-aarch64 -machine virt,accel=kvm \\\r\n  -cpu host -runas qemu -m 1G\r\n";
    expect(lint(crlf)).toEqual(["argv-syntax 1:46"]);
    expect(messages(crlf, "argv-syntax")).toEqual([
      "the file has Windows (CRLF) line endings: the shell reads each \\r as part of the line's last word, and a \\ before CRLF does not continue the line; convert the file (dos2unix, or sed -i 's/\\r$//')",
    ]);
  });

  it("in a systemd unit, CRLF line endings are fine (systemd reads them), a space after \\ is not", () => {
    const crlf = "[Service]\r\nExecStart=/usr/bin/qemu-system-aarch64 -machine virt,accel=kvm -cpu host \\\r\n  -runas qemu -m 1G\r\n";
    expect(lint(crlf)).toEqual([]);
    const space = "[Service]\nExecStart=/usr/bin/qemu-system-aarch64 -machine virt,accel=kvm -cpu host \\ \n  -runas qemu -m 1G\n";
    expect(lint(space)).toEqual(["argv-syntax 2:74"]);
    expect(messages(space, "argv-syntax")).toEqual([
      "a space after the line-continuation \\ at the end of this line: systemd continues a line only when \\ is its last character, so the lines after it are not part of this setting; remove the trailing white space",
    ]);
  });

  it("import -o refuses to replace a file without --force", () => {
    const dir = scratch("force-");
    const out = join(dir, "vm.yaml");
    writeFileSync(out, "keep me\n");
    const script = join(dir, "launch.sh");
    writeFileSync(script, "qemu-system-aarch64 -name a -m 1G\n");
    const refused = vmspec(["import", script, "-o", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`vmspec: ${out} exists: give --force to replace it\n`);
    expect(readFileSync(out, "utf8")).toBe("keep me\n");
    expect(vmspec(["import", script, "-o", out, "--force"]).code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^name: a$/m);
  });
});

describe("what a script holds besides the VM (found by a new-user trial)", () => {
  it("does not count version checks and help queries as VMs", () => {
    // Style: a wiki start script that checks the QEMU it has first.
    const text =
      "#!/bin/sh\nqemu-system-aarch64 --version | head -1\nqemu-system-aarch64 -machine help | grep -q virt || exit 1\nqemu-system-aarch64 -cpu ? > /dev/null\nexec qemu-system-aarch64 -name probe -M virt,accel=kvm -cpu host -m 1G -runas qemu\n";
    expect(qemuCommands(text).commands.map((c) => c.query ?? false)).toEqual([true, true, true, false]);
    // Only the queries' options are judged (-cpu ? is the deprecated spelling of -cpu help).
    expect(lint(text)).toEqual(["help-question-mark-deprecated 4:26"]);
    const r = importCommandLine(text, "argv", { qemu: [7, 2] });
    expect(r.problems).toEqual([]);
    expect(r.spec!.name).toBe("probe");
    expect(lint("qemu-system-aarch64 --version\n")).toEqual([]);
    const only = importCommandLine("qemu-system-aarch64 --version\n", "argv", { qemu: [7, 2] });
    expect(only.problems.map((p) => p.message)).toEqual([
      "no VM to import: the file's only QEMU command asks QEMU a question (--version, -machine help, ...): no VM is started",
    ]);
  });

  it("says another architecture's program is not linted with the ARM rulebook, and reads the ARM VM beside it", () => {
    expect(lint("qemu-system-x86_64 -m 1G -enable-kvm\n")).toEqual(["argv-syntax 1:1"]);
    expect(messages("qemu-system-x86_64 -m 1G -enable-kvm\n", "argv-syntax")[0]).toContain("qemu-system-x86_64 is not an ARM program");
    const both =
      "qemu-system-x86_64 -name pc -m 1G -enable-kvm &\nqemu-system-aarch64 -name arm -M virt,accel=kvm -cpu host -m 1G -runas qemu\n";
    expect(qemuCommands(both).commands.map((c) => c.binary)).toEqual(["qemu-system-aarch64"]);
    expect(lint(both)).toEqual([]);
  });

  it("reads a word that is wholly unknown where options stand as unknown options, not as a disk image", () => {
    // Style: Debian-wiki scripts that take extra options from the environment.
    const text =
      '#!/bin/sh\nqemu-system-aarch64 -name deb -M virt,accel=kvm -cpu host -m 1G -runas qemu $QEMU_EXTRA \\\n  -drive file=/srv/d.qcow2,if=virtio,format=qcow2 "${EXTRA[@]}" $(cat opts)\n';
    expect(lint(text)).toEqual(["argv-unknown 2:77", "argv-unknown 3:52", "argv-unknown 3:65"]);
    const r = importCommandLine(text, "argv", { qemu: [7, 2] });
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.problems.filter((p) => /stands where options would/.test(p.message)).map((p) => p.message.split(" ")[0])).toEqual([
      "${QEMU_EXTRA}",
      "${EXTRA[@]}",
      "$(cat",
    ]);
    expect(importedYaml(r, { source: "deb.sh", schemaRef: "x" })).toContain(
      "# ${QEMU_EXTRA} (line 2) held options that could not be known: add them to extraArgs.",
    );
    // A value in an option's place is still that option's value.
    expect(lint("qemu-system-aarch64 -name a -M virt,accel=kvm -cpu host -m $MEM -runas qemu\n")).toEqual(["argv-unknown 1:60"]);
  });
});
