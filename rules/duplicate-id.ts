// Two objects of one kind with the same id: QEMU refuses to start ("Duplicate ID 'rng' for
// device"). In a spec this happens when a name is also an id vmspec gives one of its own devices.
import { optionRule, type RuleDocs } from "./rule.js";
import type { QemuOption } from "../qemu/options.js";

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
function kind(flag: string): string | undefined {
  switch (flag) {
    case "-drive":
    case "-blockdev":
      return "block node";
    case "-device":
      return "device";
    case "-chardev":
      return "chardev";
    case "-netdev":
      return "netdev";
    case "-object":
      return "object";
    case "-fsdev":
      return "fsdev";
    case "-tpmdev":
      return "tpmdev";
    default:
      return undefined;
  }
}

/** An option made from a device the spec names (its name is its id), not from extraArgs. */
function named(x: QemuOption): boolean {
  const top = x.path[0];
  return (
    (top === "disks" || top === "cdroms" || top === "networks" || top === "hostDevices" || (top === "usb" && x.path[1] === "host")) &&
    !x.extra
  );
}

/** The id (node-name of a -blockdev) an option gives itself, by a scan of its properties. */
function idOf(o: QemuOption): string | undefined {
  const props = o.props;
  if (props === undefined) return undefined;
  const key = o.flag === "-blockdev" ? "node-name" : "id";
  for (let i = 0; i < props.length; i++) if (props[i].key === key) return props[i].value;
  return undefined;
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
    // One map per id namespace, made when an option of that kind has an id.
    const seen = new Map<string, Map<string, QemuOption>>();
    for (let i = 0; i < options.length; i++) {
      const o = options[i];
      const k = kind(o.flag);
      if (k === undefined) continue;
      const id = idOf(o);
      if (id === undefined) continue;
      let ofKind = seen.get(k);
      if (ofKind === undefined) seen.set(k, (ofKind = new Map<string, QemuOption>()));
      const first = ofKind.get(id);
      if (first === undefined) {
        ofKind.set(id, o);
        continue;
      }
      const at = named(first) && !named(o) ? first : o;
      if (!(named(first) && named(o)) && Boolean(first.extra) === Boolean(o.extra))
        report(at, {
          messageId: "duplicate",
          data: { flag: at.flag, id, kind: k },
          at: at.props!.find((p) => p.key === "id" || p.key === "node-name"),
        });
    }
  },
);
