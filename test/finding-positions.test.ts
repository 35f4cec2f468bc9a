// Findings where they belong: rule by rule, a spec written in block style (as people write them)
// that triggers the rule, the line and column of the most specific node that caused the finding,
// on the fast path and the full path alike, and a `disable-next-line` comment above that line
// that removes the finding without being reported unused.
import { describe, expect, it } from "vitest";
import { lintInput } from "../lint/lint.js";
import { locate } from "../core/positions.js";
import { RULES } from "../rules/index.js";
import type { LintTarget } from "../rules/rule.js";
import { probe } from "../qemu/probe.js";
import { scratch } from "./helpers/workdir.js";

/** Where a finding must start: the n-th (0-based) occurrence of `text` in the spec. */
type At = string | [string, number];

interface Case {
  rule: string;
  yaml: string;
  /** Every finding of the rule, in order of position. */
  at: At[];
  name?: string;
  /** The target QEMU version (`--qemu`), when not the profile's. */
  qemu?: [number, number];
  /** Linted against the host's real QEMU (`--host`). */
  host?: boolean;
}

const HEAD = "name: web\nmemory:\n  size: 1GiB\nrunAs: qemu\n";

const CASES: Case[] = [
  {
    rule: "statement-removed",
    name: "under the profile a # vmspec-profile comment names",
    yaml: `# vmspec-profile sles15sp1\n${HEAD}extraArgs:\n  - -balloon\n  - virtio\n`,
    at: ["-balloon"],
  },
  {
    rule: "statement-deprecated",
    name: "under the profile a # vmspec-profile comment names",
    yaml: `# vmspec-profile sles15sp4\n${HEAD}extraArgs:\n  - -writeconfig\n  - /tmp/vm.cfg\n`,
    at: ["-writeconfig"],
  },
  {
    rule: "conflicting-settings",
    name: "a NUMA distance under its numeric key, and an I/O thread on a USB disk",
    yaml: `${HEAD}cpu:\n  count: 2\nnuma:\n  - cpus: "0"\n    memory: 512MiB\n    distances:\n      0: 12\n      1: 20\n  - cpus: "1"\n    memory: 512MiB\ndisks:\n  - name: stick\n    file: stick.raw\n    format: raw\n    bus: usb-storage\n    iothread: io1\n`,
    at: [["12", 1], "io1"],
  },
  {
    rule: "unsupported-option",
    name: "each -numa at the node (or the distances) that makes it",
    yaml: `${HEAD}cpu:\n  count: 2\nnuma:\n  - cpus: "0"\n    memory: 512MiB\n  - cpus: "1"\n    memory: 512MiB\n`,
    at: ['cpus: "0"', 'cpus: "1"'],
  },
  {
    rule: "hostfwd-all-interfaces",
    name: "the forward that listens everywhere, not its network",
    yaml: `${HEAD}networks:\n  - name: lan\n    type: user\n    forwards:\n      - {hostPort: 2222, guestPort: 22}\n      - {hostAddress: 0.0.0.0, hostPort: 8080, guestPort: 80}\n`,
    at: ["{hostAddress: 0.0.0.0"],
  },
  {
    rule: "hostfwd-all-interfaces",
    name: "a block-style forward",
    yaml: `${HEAD}networks:\n  - name: lan\n    type: user\n    forwards:\n      - hostAddress: 0.0.0.0\n        hostPort: 8080\n        guestPort: 80\n`,
    at: ["hostAddress: 0.0.0.0"],
  },
  {
    rule: "tcg-unsupported",
    name: "accel: tcg, not machine:",
    yaml: `${HEAD}machine:\n  type: virt\n  gicVersion: "3"\naccel: tcg\n`,
    at: ["tcg"],
  },
  { rule: "kvm-not-enabled", name: "accel: tcg, not machine:", yaml: `${HEAD}machine:\n  type: virt\naccel: tcg\n`, at: ["tcg"] },
  {
    rule: "unlisted-device",
    name: "the USB controller: usb.controller",
    yaml: `${HEAD}usb:\n  tablet: true\n  controller: xhci\n`,
    at: ["xhci"],
  },
  {
    rule: "unlisted-device",
    name: "the USB controller a usb-storage disk needs: its bus",
    yaml: `${HEAD}usb:\n  controller: xhci\ndisks:\n  - name: stick\n    file: stick.img\n    format: raw\n    bus: usb-storage\n`,
    at: ["xhci"],
  },
  // QEMU 5.0+: older targets have no TPM for the virt board (target-unsupported).
  {
    rule: "unlisted-device",
    name: "the TPM front end: tpm (its only setting)",
    yaml: `${HEAD}tpm:\n  path: /dev/tpm0\n`,
    at: ["tpm:"],
    qemu: [7, 2],
  },
  { rule: "unlisted-device", name: "the video device", yaml: `${HEAD}display:\n  type: vnc\n  video: ramfb\n`, at: ["ramfb"] },
  { rule: "unsupported-device", yaml: `${HEAD}display:\n  type: vnc\n  video: virtio-gpu\n`, at: ["virtio-gpu"] },
  { rule: "unsupported-machine", yaml: `${HEAD}machine:\n  type: virt-2.9\n`, at: ["virt-2.9"] },
  { rule: "unsupported-cpu-model", yaml: `${HEAD}cpu:\n  count: 2\n  model: cortex-a57\n`, at: ["cortex-a57"] },
  { rule: "cpu-feature-mixed-syntax", yaml: `${HEAD}cpu:\n  count: 2\n  model: "host,+pmu,sve=off"\n`, at: ['"host'] },
  {
    rule: "aio-native-requires-direct-cache",
    yaml: `${HEAD}disks:\n  - name: d\n    file: d.raw\n    format: raw\n    cache: writeback\n    aio: native\n`,
    at: ["native"],
  },
  { rule: "qed-deprecated", yaml: `${HEAD}disks:\n  - name: d\n    file: d.img\n    format: qed\n`, at: ["qed"] },
  { rule: "qed-create", yaml: `${HEAD}disks:\n  - name: d\n    file: d.img\n    format: qed\n    size: 10GiB\n`, at: ["qed"] },
  {
    rule: "virtfs-passthrough",
    yaml: `${HEAD}shares:\n  - path: /srv/share\n    tag: share\n    securityModel: passthrough\n`,
    at: ["passthrough"],
  },
  { rule: "vnc-unauthenticated", yaml: `${HEAD}display:\n  type: vnc\n  listen: 0.0.0.0\n`, at: ["0.0.0.0"] },
  { rule: "monitor-on-network", yaml: `${HEAD}monitors:\n  qmp:\n    tcp: "0.0.0.0:4444"\n`, at: ['"0.0.0.0:4444"'] },
  { rule: "conflicting-settings", yaml: `${HEAD}networks:\n  - name: lan\n    type: user\n    ifname: tap0\n`, at: ["tap0"] },
  {
    rule: "duplicate-bootindex",
    yaml: `${HEAD}disks:\n  - name: a\n    file: a.qcow2\n    format: qcow2\n    bootindex: 1\n  - name: b\n    file: b.qcow2\n    format: qcow2\n    bootindex: 1\n`,
    at: [["1\n", 1]],
  },
  {
    rule: "duplicate-name",
    yaml: `${HEAD}disks:\n  - name: data\n    file: a.qcow2\n    format: qcow2\nnetworks:\n  - name: data\n    type: user\n`,
    at: [["data", 1]],
  },
  { rule: "invalid-size", yaml: `${HEAD}disks:\n  - name: d\n    file: d.qcow2\n    format: qcow2\n    size: 0G\n`, at: ["0G"] },
  {
    rule: "undefined-reference",
    yaml: `${HEAD}disks:\n  - name: root\n    file: r.qcow2\n    format: qcow2\nboot:\n  order:\n    - rot\n`,
    at: ["rot"],
  },
  // A missing setting has no node: the finding is at the top of the spec.
  { rule: "runs-as-root", yaml: "name: web\nmemory:\n  size: 1GiB\n", at: ["web"] },
  // extraArgs: a property's finding is on the item that holds it, an option's on its flag.
  ...(
    [
      ["drive-format-missing", "-drive", "file=data.img,if=virtio"],
      ["drive-format-unsupported", "-drive", "file=disk.vmdk,format=vmdk,if=virtio"],
      ["drive-interface-unsupported", "-drive", "file=data.raw,format=raw,if=scsi"],
      ["drive-snapshot-unsupported", "-drive", "file=d.qcow2,format=qcow2,if=virtio,snapshot=on"],
      ["gluster-not-enabled", "-drive", "file=gluster://server/vol/img.qcow2,format=qcow2,if=virtio"],
      ["url-media-not-readonly", "-drive", "file=https://example.com/boot.iso,format=raw,if=virtio"],
      ["qcow2-encryption-deprecated", "-drive", "file=s.qcow2,format=qcow2,encrypt.format=aes,encrypt.key-secret=sec0"],
      ["help-question-mark-deprecated", "-device", '"?"'],
      ["ivshmem-deprecated", "-device", "ivshmem,shm=s,size=4M"],
      ["pc-sysfw-removed", "-device", "pc-sysfw"],
      ["pci-assign-removed", "-device", "pci-assign,host=01:00.0"],
      ["net-backend-unsupported", "-netdev", "socket,id=s,listen=:1234"],
      ["net-model-unsupported", "-net", "nic,model=pcnet"],
    ] as const
  ).map(([rule, flag, value]): Case => ({ rule, yaml: `${HEAD}extraArgs:\n  - ${flag}\n  - ${value}\n`, at: [value] })),
  {
    rule: "tpm-backend-unsupported",
    yaml: `${HEAD}extraArgs:\n  - -tpmdev\n  - emulator,id=tpm0,chardev=chrtpm\n`,
    at: ["emulator,id=tpm0,chardev=chrtpm"],
  },
  {
    rule: "passt-forward-all-interfaces",
    yaml: `${HEAD}networks:\n  - name: lan\n    type: user\n    backend: passt\n    forwards:\n      - hostAddress: "::"\n        hostPort: 2222\n        guestPort: 22\n`,
    qemu: [7, 2],
    at: ['"::"'],
  },
  {
    rule: "bootindex-with-boot-order",
    name: "the device's own bootindex",
    yaml: `${HEAD}disks:\n  - name: root\n    file: r.qcow2\n    format: qcow2\n    bootindex: 2\nboot:\n  order:\n    - root\n`,
    at: ["2\nboot"],
  },
  {
    rule: "cpu-model-missing",
    name: "the setting that chose KVM",
    yaml: `${HEAD}defaults: false\nmachine:\n  type: virt\naccel: kvm\n`,
    at: ["kvm"],
  },
  {
    rule: "duplicate-host-forward",
    name: "the second forward of the port",
    yaml: `${HEAD}networks:\n  - name: lan\n    type: user\n    forwards:\n      - {hostPort: 2222, guestPort: 22}\n  - name: dmz\n    type: user\n    forwards:\n      - {hostPort: 2222, guestPort: 22}\n`,
    at: [["{hostPort: 2222", 1]],
  },
  {
    rule: "duplicate-host-forward",
    name: "a passt network's forward on a port a slirp network takes: the passt forward",
    yaml: `${HEAD}networks:\n  - name: lan\n    type: user\n    forwards:\n      - {hostPort: 2222, guestPort: 22}\n  - name: v6\n    type: user\n    backend: passt\n    forwards:\n      - hostAddress: 0.0.0.0\n        hostPort: 2222\n        guestPort: 22\n`,
    qemu: [7, 2],
    at: ["hostAddress: 0.0.0.0"],
  },
  { rule: "kvm-only-setting", name: "cpu.model: host under TCG", yaml: `${HEAD}accel: tcg\ncpu:\n  model: host\n`, at: ["host"] },
  {
    rule: "listener-on-network",
    name: "incoming migration on every address",
    yaml: `${HEAD}incoming: "tcp:0.0.0.0:4444"\n`,
    at: ['"tcp:0.0.0.0:4444"'],
  },
  {
    rule: "pci-slots-exhausted",
    name: "the first disk that has no slot",
    yaml: `${HEAD}monitors:\n  qmp: false\ndisks:\n${Array.from({ length: 32 }, (_, i) => `  - name: d${i}\n    file: d${i}.qcow2\n    format: qcow2\n`).join("")}`,
    at: ["name: d31"],
  },
  { rule: "gic-cpu-limit", name: "the CPU count", yaml: `${HEAD}accel: tcg\ncpu:\n  count: 16\n`, at: ["16"] },
  {
    rule: "stdio-conflict",
    name: "the second device on stdio",
    yaml: `${HEAD}serial:\n  type: stdio\nconsole:\n  type: stdio\n`,
    at: [["stdio", 1]],
  },
  {
    rule: "duplicate-image",
    name: "the second disk's file",
    yaml: `${HEAD}disks:\n  - name: os\n    file: web.qcow2\n    format: qcow2\n  - name: data\n    file: web.qcow2\n    format: qcow2\n`,
    at: [["web.qcow2", 1]],
  },
  {
    rule: "duplicate-id",
    name: "the name that is one of vmspec's ids",
    yaml: `${HEAD}rng: {}\ndisks:\n  - name: rng\n    file: r.qcow2\n    format: qcow2\n`,
    at: [["rng", 1]],
  },
  {
    rule: "device-placement",
    name: "the bus that does not exist",
    yaml: `${HEAD}pci: {rootPorts: 1}\ndisks:\n  - {name: r, file: r.qcow2, format: qcow2}\nqemuProperties:\n  devices:\n    r:\n      addr: "0x5"\n      bus: rp9\n`,
    at: ["rp9"],
  },
  { rule: "placeholder-unfilled", name: "the value holding it", yaml: `${HEAD}kernel:\n  path: "\${KERNEL}"\n`, at: ['"${KERNEL}"'] },
  { rule: "vnc-port-range", name: "the port", yaml: `${HEAD}display:\n  type: vnc\n  port: 1\n`, at: ["1\n"] },
  { rule: "unsupported-option", yaml: `${HEAD}extraArgs:\n  - -snapshot\n`, at: ["-snapshot"] },
  { rule: "unlisted-option", yaml: `${HEAD}extraArgs:\n  - -overcommit\n  - mem-lock=on\n`, at: ["-overcommit"] },
  { rule: "vga-unsupported", yaml: `${HEAD}extraArgs:\n  - -vga\n  - virtio\n`, at: ["-vga"] },
  { rule: "extra-args-conflict", yaml: `${HEAD}extraArgs:\n  - -m\n  - 4G\n`, at: ["-m\n"] },
  { rule: "kubevirt-bios-firmware", yaml: `${HEAD}firmware:\n  bios: /usr/share/qemu/efi.img\n`, at: ["/usr/share/qemu/efi.img"] },
  { rule: "kubevirt-cpu-model", yaml: `${HEAD}cpu:\n  count: 2\n  model: cortex-a72\n`, at: ["cortex-a72"] },
  {
    rule: "kubevirt-disk-bus",
    name: "the bus of the disk and of the CD-ROM",
    yaml: `${HEAD}disks:\n  - name: stick\n    file: stick.img\n    format: raw\n    bus: usb-storage\ncdroms:\n  - name: install\n    file: install.iso\n    bus: usb-storage\n`,
    at: ["usb-storage", ["usb-storage", 1]],
  },
  { rule: "kubevirt-watchdog", yaml: `${HEAD}watchdog:\n  action: reset\n`, at: ["watchdog:"] },
  { rule: "kubevirt-video", yaml: `${HEAD}display:\n  type: vnc\n  video: qxl\n`, at: ["qxl"] },
  { rule: "kubevirt-hugepages", yaml: `name: web\nmemory:\n  size: 2GiB\n  hugepages: true\nrunAs: qemu\n`, at: ["true"] },
  { rule: "kubevirt-host-setting", yaml: `${HEAD}monitors:\n  qmp:\n    socket: /run/web.qmp\n`, at: ["qemu", "monitors:"] },
  { rule: "kubevirt-sound", yaml: `${HEAD}extraArgs:\n  - -device\n  - intel-hda\n`, at: ["-device"] },
  { rule: "kubevirt-numa", yaml: `${HEAD}extraArgs:\n  - -numa\n  - node,nodeid=0\n`, at: ["-numa"] },
  {
    rule: "kubevirt-unexpressible",
    name: "each setting at its own node: a name, a cache mode, a tap network",
    yaml: `${HEAD}disks:\n  - name: Root_Disk\n    file: root.qcow2\n    format: qcow2\n  - name: data\n    file: data.qcow2\n    format: qcow2\n    cache: unsafe\nnetworks:\n  - name: lan\n    type: tap\n    ifname: tap0\n`,
    at: ["Root_Disk", "unsafe", "tap\n"],
  },
  // QEMU's own lists, for a target QEMU: what the compiler emits for a setting is judged at its line.
  { rule: "qemu-removed", name: "runAs: QEMU 10.0 has no -runas", yaml: `${HEAD}`, at: ["qemu"], qemu: [10, 0] },
  { rule: "qemu-removed", name: "an extraArgs option", yaml: `${HEAD}extraArgs:\n  - -soundhw\n  - hda\n`, at: ["-soundhw"], qemu: [7, 2] },
  { rule: "qemu-deprecated", name: "runAs: -runas is deprecated in QEMU 9.1", yaml: `${HEAD}`, at: ["qemu"], qemu: [9, 1] },
  {
    rule: "qemu-deprecated",
    name: "a property in extraArgs",
    yaml: `${HEAD}extraArgs:\n  - -machine\n  - dtb-kaslr-seed=off\n`,
    at: ["dtb-kaslr-seed=off"],
    qemu: [7, 2],
  },
  // The host's real QEMU (--host): what it lacks, at the setting that asked for it.
  {
    rule: "host-lacks",
    name: "display.video: qxl needs qxl-vga",
    yaml: `${HEAD}display:\n  type: spice\n  video: qxl\naccel: tcg\n`,
    at: ["qxl"],
    host: true,
  },
  {
    rule: "host-lacks",
    // This x86_64 host's qemu-system-aarch64 has no KVM (query-kvm: not present).
    name: "accel: kvm where the host's QEMU has no KVM",
    yaml: `${HEAD}accel: kvm\n`,
    at: ["kvm"],
    host: true,
  },
];

/** Rules that never see a spec: they read monitor scripts or -readconfig sections. */
const NOT_FROM_SPECS = [
  "host-deprecated", // Debian's QEMU 7.2 marks no machine type or CPU model deprecated: only QMP commands

  "monitor-command-unsupported",
  "qmp-command-unstable",
  "qmp-command-unsupported",
  "unlisted-command",
  "readconfig-deprecated-section",
  "readconfig-repeated-key", // a spec builds an option that repeats a key onto the command line, never into a -readconfig file
];

function offsetOf(text: string, at: At): number {
  const [needle, n] = typeof at === "string" ? [at, 0] : at;
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${JSON.stringify(needle)} #${n} is not in the spec`);
  }
  return i;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

const HOST = probe("qemu-system-aarch64", { env: { ...process.env, VMSPEC_CACHE_DIR: scratch("vmspec-probe-cache-") } }).host;

function findings(text: string, fullPath: boolean, target?: LintTarget, qemu?: [number, number], host?: boolean) {
  const r = lintInput("spec", new TextEncoder().encode(text), {
    baseDir: "/srv/vm",
    fullPath,
    target,
    qemu,
    host: host ? HOST : undefined,
    suppressions: { file: "t.yaml" },
  });
  return locate(r.text, r.findings);
}

/** The spec with `# vmspec-disable-next-line <rule>` above the line of `offset`, indented like it. */
function suppressedAbove(text: string, offset: number, rule: string): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0];
  return `${text.slice(0, lineStart)}${indent}# vmspec-disable-next-line ${rule} -- checked by hand\n${text.slice(lineStart)}`;
}

describe("findings point at the most specific node that caused them", () => {
  it("has a case for every rule that can fire on a spec", () => {
    const covered = new Set(CASES.map((c) => c.rule));
    const missing = RULES.map((r) => r.meta.id).filter((id) => !covered.has(id) && !NOT_FROM_SPECS.includes(id));
    expect(missing).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.rule}: ${c.name ?? "at the value that caused it"}`, () => {
      const expected = c.at.map((a) => lineCol(c.yaml, offsetOf(c.yaml, a)));
      // A KubeVirt rule's case is linted for KubeVirt.
      const target = RULES.find((r) => r.meta.id === c.rule)?.meta.target;
      const full = findings(c.yaml, true, target, c.qemu, c.host);
      const fast = findings(c.yaml, false, target, c.qemu, c.host);
      // The fast path (js-yaml positions) and the full path (the ranged Document) agree.
      expect(fast).toEqual(full);
      expect(full.filter((f) => f.ruleId === c.rule).map((f) => `${f.line}:${f.column}`)).toEqual(expected);
      // A suppression above each finding's line removes it, and is used.
      for (const a of c.at) {
        const text = suppressedAbove(c.yaml, offsetOf(c.yaml, a), c.rule);
        const after = findings(text, true, target, c.qemu, c.host);
        expect(after.filter((f) => f.ruleId === "unused-suppression")).toEqual([]);
        expect(after.filter((f) => f.ruleId === c.rule)).toHaveLength(c.at.length - 1);
      }
    });
  }

  it("a finding on a value --accel set points at the option's setting, not at the top of the file", () => {
    const yaml = `${HEAD}machine:\n  type: virt\n`;
    for (const fullPath of [true, false]) {
      const r = lintInput("spec", new TextEncoder().encode(yaml), { baseDir: "/srv/vm", fullPath, overrides: { accel: "tcg" } });
      expect(
        locate(r.text, r.findings)
          .filter((f) => f.ruleId === "tcg-unsupported")
          .map((f) => `${f.line}:${f.column}`),
      ).toEqual(["5:1"]);
    }
  });

  it("a suppression above one forward leaves the other forwards of the network reported", () => {
    const yaml = `${HEAD}networks:\n  - name: lan\n    type: user\n    forwards:\n      - {hostAddress: 0.0.0.0, hostPort: 2222, guestPort: 22}\n      - {hostAddress: 0.0.0.0, hostPort: 8080, guestPort: 80}\n`;
    const text = suppressedAbove(yaml, yaml.indexOf("- {hostAddress"), "hostfwd-all-interfaces");
    const after = findings(text, true);
    expect(after.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["11:9 hostfwd-all-interfaces"]);
  });
});
