// What the host's QEMU binary (probed with --host) does not have: a device, machine type, CPU
// model, option or QMP command the input asks for, or KVM when the input asks for accel=kvm.
import { basename } from "node:path";
import { optionRule, type RuleDocs, type ValueChange } from "./rule.js";
import { acceleratorChoice, deviceDriver, firstValue, machineType } from "./option-helpers.js";
import { DEVICE_ALIASES } from "./data/qemu-devices.js";
import { optionHits } from "./qemu-changes.js";
import { refusedOnArm } from "../qemu/since.js";
import type { HostQemu } from "../qemu/probe.js";

/** Names every QEMU takes that are not in its lists: help queries, and -cpu host (there only with KVM: kvm-only-setting). */
const ALWAYS = new Set(["help", "?", "none", "host"]);

export function hostName(h: HostQemu): string {
  return `${basename(h.binary)} ${h.version.major}.${h.version.minor}`;
}

export function hasDevice(h: HostQemu, name: string): boolean {
  if (h.devices.includes(name)) return true;
  if (DEVICE_ALIASES[name] !== undefined && h.devices.includes(DEVICE_ALIASES[name])) return true;
  // QEMU's qdev alias table names every virtio-X-pci as virtio-X on PCI machines (virtio-iommu, virtio-gpu, ...).
  return name.startsWith("virtio-") && h.devices.includes(`${name}-pci`);
}

export function machineOf(h: HostQemu, name: string) {
  return h.machines.find((m) => m.name === name || m.alias === name);
}

const DOCS: RuleDocs = {
  details:
    "With `--host` (`vmspec lint --host`, `vmspec build --host`, optionally naming the binary: `--host /usr/bin/qemu-system-arm`), what the host's QEMU binary does not have, as it says itself when probed (`vmspec probe`: `qom-list-types`, `query-machines`, `query-cpu-definitions`, `query-commands` and the options `-help` lists): a `-device` (QEMU would say `'qxl-vga' is not a valid device model name`), a machine type, a CPU model, an option or a QMP command. For a spec the finding is at the setting that asked for it (`display.video: qxl` for `qxl-vga`), so `build --host` stops before emitting a command that would not start. `-cpu host` is left to `kvm-only-setting` (it exists only with KVM). KVM asked for alone, as QEMU reads the whole command (`accel: kvm`, `-machine accel=kvm`, `-accel kvm`, `-enable-kvm`; not the fallbacks `accel=kvm:tcg` and `-accel kvm -accel tcg`, nor `-enable-kvm` or `-machine accel=kvm` overridden by a later `-machine accel=tcg`; `-machine accel=tcg -enable-kvm` is KVM, and refused) when the binary has no KVM accelerator (QMP `query-kvm` says it is not present and `qom-list-types implements=accel` lists only `tcg-accel`, as `-accel help` lists only `tcg`, for qemu-system-aarch64 on an x86_64 host: QEMU 7.2 refuses with `invalid accelerator kvm`) or this user cannot open `/dev/kvm` (QEMU: `Could not access KVM kernel module`), saying what to write instead in the input's own words (`accel: tcg` or `build --accel tcg` for a spec, `<domain type='qemu'>` for a libvirt domain, `accel=tcg` or `-accel tcg` on a command line, with that edit as a suggestion). Any other accelerator the binary does not list (`-accel hvf`, `-machine accel=xen`) is reported too when it is all QEMU would try (QEMU: `invalid accelerator hvf`). (The pages' examples are linted on an x86_64 host, whose qemu-system-aarch64 has no KVM: the correct ones use TCG.) Without `--host` the rule has nothing to judge and says nothing. What QEMU's own removed list says the target no longer has (`-nodefconfig`) is left to qemu-removed, whose message names the release and the replacement: one finding, not two (docs/decisions.md); so are the devices no qemu-system-aarch64 of the target has (`-device pvpanic`, `-device tpm-tis`, `-device intel-iommu`), which `target-unsupported` refuses.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      host: true,
      text: `name: desktop
memory: {size: 2GiB}
runAs: qemu
accel: tcg
display: {type: spice, video: qxl}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      host: true,
      text: `name: desktop
memory: {size: 2GiB}
runAs: qemu
accel: tcg
display: {type: vnc, video: std}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      host: true,
      text: `qemu-system-aarch64 -machine virt-9.0,accel=kvm -cpu host -m 1G -runas qemu -device qxl-vga
`,
    },
    {
      lang: "sh",
      kind: "correct",
      host: true,
      text: `qemu-system-aarch64 -machine virt,accel=tcg -m 1G -runas qemu -device usb-ehci -device usb-kbd
`,
    },
  ],
  fix: "Use what the host's QEMU has (`vmspec probe` lists it), install a QEMU that has it, or build for the host it will run on.",
};

export default optionRule(
  {
    id: "host-lacks",
    needsHost: true,
    defaultSeverity: "error",
    description: "a device, machine type, CPU model, option, QMP command or KVM the host's QEMU binary does not have (--host)",
    docs: DOCS,
    messages: {
      noDevice: "this QEMU ({{host}}) has no device {{name}}: it would refuse to start ('{{name}}' is not a valid device model name)",
      noMachine: "this QEMU ({{host}}) has no machine type {{name}}",
      noCpu: "this QEMU ({{host}}) has no CPU model {{name}}",
      noOption: "this QEMU ({{host}}) has no option {{name}}",
      noCommand: "this QEMU ({{host}}) has no QMP command {{name}}",
      noKvm:
        "this QEMU ({{host}}) has no KVM accelerator{{asked}} (query-kvm: not present{{has}}; a QEMU for another architecture than the host's cannot use KVM): it would refuse to start (invalid accelerator kvm); {{instead}} on this host, or run it on an ARM64 host with KVM",
      noAccel:
        "this QEMU ({{host}}) has none of the accelerators it would try ({{name}}{{has}}): it would refuse to start (invalid accelerator {{first}})",
      noKvmDevice:
        "this host lacks KVM{{asked}}: {{why}}, so QEMU ({{host}}) would refuse to start (Could not access KVM kernel module); load the kvm module and give the user access to /dev/kvm, or {{instead}}",
      useTcg: "{{instead}} (software emulation: slow, and the statement calls it unsupported)",
    },
  },
  ({ options, host, qemu, startedBy, report }) => {
    if (!host) return;
    const data = (name: string) => ({ host: hostName(host), name });
    const flags = new Set(host.flags);
    // KVM: absent from the binary (an older probe cache says nothing), or /dev/kvm cannot be opened.
    const kvmAbsent = host.kvm === false || (host.accels !== undefined && !host.accels.includes("kvm"));
    const noKvm = kvmAbsent ? "noKvm" : host.kvmDevice === "missing" || host.kvmDevice === "denied" ? "noKvmDevice" : undefined;
    // Whether QEMU can start with accelerator `a` here (one a probe does not list is not judged).
    const usable = (a: string) => (a === "kvm" ? !noKvm : host.accels === undefined || host.accels.includes(a));
    // QEMU refuses only when it can use none of the accelerators it tries: accel=kvm:tcg,
    // -accel kvm -accel tcg and a later -machine accel=tcg fall back to or choose TCG
    // (acceleratorChoice: the command as QEMU reads it).
    const choice = acceleratorChoice(options);
    const has = host.accels ? `; its accelerators (qom-list-types): ${host.accels.join(", ")}` : "";
    const asksHelp = choice.accels.includes("help") || choice.accels.includes("?");
    // The property that chose the accelerators, where a finding about them stands.
    const chooser = choice.from[0];
    const accelProp =
      chooser?.flag === "-machine"
        ? chooser.props?.find((p) => p.key === "accel")
        : chooser?.flag === "-accel"
          ? chooser.props?.[0]
          : undefined;
    if (choice.accels.length > 0 && !asksHelp && !choice.accels.some(usable) && !choice.accels.every((a) => a === "kvm")) {
      const o = chooser;
      report(o, {
        messageId: "noAccel",
        data: { host: hostName(host), name: choice.accels.join(", "), has, first: choice.accels[0] },
        ...(accelProp ? { prop: accelProp } : {}),
      });
    }
    if (noKvm && choice.accels.length > 0 && choice.accels.every((a) => a === "kvm")) {
      const o = chooser;
      // A spec's own accel: (or the default it leaves, or --accel) is said in the spec's words.
      const field = o.range === undefined && o.path[0] !== "extraArgs";
      // An edit of the command line's own text (a spec's field is named in the message instead).
      const tcg: ValueChange | undefined = accelProp && !field ? { prop: accelProp.key, value: "tcg" } : undefined;
      const instead = field
        ? startedBy === "libvirt"
          ? // libvirt itself refuses type='kvm' without KVM: "Emulator ... does not support virt type 'kvm'".
            "write <domain type='qemu'> (libvirt's TCG)"
          : "set accel: tcg in the spec (or build it with --accel tcg)"
        : o.flag === "-machine"
          ? "use accel=tcg"
          : o.flag === "-accel"
            ? "use -accel tcg"
            : "use -machine accel=tcg in place of -enable-kvm";
      report(o, {
        messageId: noKvm,
        data: {
          host: hostName(host),
          has,
          // A spec without accel: gets KVM by default: its finding stands at the spec's name.
          asked: field && accelProp?.path === undefined ? ", which the spec asks for by default (it sets no accel:)" : "",
          why: host.kvmDevice === "missing" ? "/dev/kvm does not exist" : "this user cannot open /dev/kvm (read-write)",
          instead,
        },
        ...(accelProp ? { prop: accelProp } : {}),
        suggest: tcg ? [{ messageId: "useTcg", data: { instead }, change: tcg }] : [],
      });
    }
    for (const o of options) {
      const first = o.props?.find((p) => p.implied);
      // What QEMU's removed list says the target no longer has is qemu-removed's finding (with the
      // release and the replacement): one finding, not two (docs/decisions.md).
      const removed = new Set(
        optionHits(o, qemu).flatMap((h) =>
          "change" in h && h.state === "removed"
            ? [h.what]
            : "versioned" in h && h.versioned.state === "removed"
              ? [`the machine type ${h.versioned.type}`]
              : [],
        ),
      );
      if (flags.size > 0 && !flags.has(o.flag)) {
        if (removed.has(o.flag)) continue;
        report(o, { messageId: "noOption", data: data(o.flag) });
        continue;
      }
      const device = deviceDriver(o);
      // A PC device no aarch64 QEMU has is target-unsupported's error (with what to write instead): not a second one here.
      if (
        device !== undefined &&
        !ALWAYS.has(device) &&
        !hasDevice(host, device) &&
        !removed.has(`-device ${device}`) &&
        !refusedOnArm(device, qemu)
      )
        report(o, { messageId: "noDevice", data: data(device), prop: first ?? o.props?.find((p) => p.key === "driver") });
      const machine = machineType(o);
      if (machine !== undefined && !ALWAYS.has(machine) && !machineOf(host, machine) && !removed.has(`the machine type ${machine}`))
        report(o, { messageId: "noMachine", data: data(machine), prop: first ?? o.props?.find((p) => p.key === "type") });
      if (o.flag === "-cpu") {
        const model = firstValue(o, "model");
        if (model !== undefined && !ALWAYS.has(model) && !host.cpus.some((c) => c.name === model) && !removed.has(`the CPU model ${model}`))
          report(o, { messageId: "noCpu", data: data(model), ...(first ? { at: first } : {}) });
      }
    }
  },
  ({ commands, host, report }) => {
    if (!host) return;
    for (const c of commands)
      if (c.protocol === "qmp" && !host.commands.includes(c.name))
        report(c, { messageId: "noCommand", data: { host: hostName(host), name: c.name } });
  },
);
