// Two objects of one kind with the same id: QEMU refuses to start ("Duplicate ID 'rng' for
// device"). In a spec this happens when a name is also an id vmspec gives one of its own devices.
import { optionRule, type RuleDocs } from "./rule.js";
import { prop, type QemuOption } from "../qemu/options.js";

const DOCS: RuleDocs = {
  details:
    "Two options of one kind with the same `id=`: two `-device`, two `-chardev`, two `-netdev`, two\n`-drive`/`-blockdev` nodes, two `-object` or two `-fsdev`. QEMU refuses to start: \"Duplicate ID 'rng'\nfor device\" (checked on QEMU 7.2). In a spec, a disk, CD-ROM, network or host device takes its name\nas its id, and vmspec gives some devices fixed ids (`rng`, `tpm`, `usb`, `video0`, `balloon0`,\n`watchdog0`, `qga0`, ...: `compiler/ids.ts`), so a device named like one of them clashes.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nrng: {}\ndisks:\n  - {name: rng, file: rng.qcow2, format: qcow2}\n",
    },
    {
      lang: "yaml",
      kind: "correct",
      text: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nrng: {}\ndisks:\n  - {name: data, file: data.qcow2, format: qcow2}\n",
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -netdev user,id=net0 -device virtio-net-pci,netdev=net0,id=nic0 \\\n  -netdev user,id=net1 -device virtio-net-pci,netdev=net1,id=nic0\n",
    },
    {
      lang: "sh",
      kind: "correct",
      text: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -netdev user,id=net0 -device virtio-net-pci,netdev=net0,id=nic0 \\\n  -netdev user,id=net1 -device virtio-net-pci,netdev=net1,id=nic1\n",
    },
  ],
  fix: "Give each its own id; in a spec, rename the disk, network or host device (ids vmspec gives its own devices are in `compiler/ids.ts`).",
};

/** Which id namespace an option's id is in (QEMU keeps one list per kind), or none. */
function kind(o: QemuOption): string | undefined {
  if (o.flag === "-drive" || o.flag === "-blockdev") return "block node";
  return ["-device", "-chardev", "-netdev", "-object", "-fsdev", "-tpmdev"].includes(o.flag) ? o.flag.slice(1) : undefined;
}

export default optionRule(
  {
    id: "duplicate-id",
    reads: ["-device", "-chardev", "-netdev", "-drive", "-blockdev", "-object", "-fsdev", "-tpmdev"],
    defaultSeverity: "error",
    description: "two devices, chardevs, back ends or objects with one id, which QEMU refuses",
    docs: DOCS,
    messages: {
      duplicate:
        "{{flag}} id={{id}}: another {{kind}} already has this id, and QEMU refuses to start (\"Duplicate ID '{{id}}'\"). Give it its own id (in a spec: another name)",
    },
  },
  ({ options, report }) => {
    const seen = new Map<string, QemuOption>();
    // Two spec items of one name are duplicate-name's to report.
    const named = (x: QemuOption) =>
      (["disks", "cdroms", "networks", "hostDevices"].includes(String(x.path[0])) || (x.path[0] === "usb" && x.path[1] === "host")) &&
      !x.extra;
    for (const o of options) {
      const k = kind(o);
      const id = o.flag === "-blockdev" ? prop(o, "node-name") : prop(o, "id");
      if (!k || id === undefined) continue;
      const first = seen.get(`${k}\0${id}`);
      // extraArgs against what vmspec generates is extra-args-conflict's to report.
      // Where a spec's name clashes with one of vmspec's own ids, the name is what to change.
      const at = first && named(first) && !named(o) ? first : o;
      if (first && !(named(first) && named(o)) && Boolean(first.extra) === Boolean(o.extra))
        report(at, {
          messageId: "duplicate",
          data: { flag: at.flag, id, kind: k },
          at: at.props!.find((p) => p.key === "id" || p.key === "node-name"),
        });
      if (!first) seen.set(`${k}\0${id}`, o);
    }
  },
);
