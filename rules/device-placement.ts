// Where a -device goes and what names it, as QEMU 7.2 judges them before it starts: two devices
// at one PCI slot and function ("PCI: slot 5 function 0 not available for virtio-blk-pci, in use
// by virtio-blk-pci,id=r"), a bus= that names no bus ("Bus 'rp7' not found"), and a property
// given twice in one -device, which QEMU does not refuse: it keeps the first id= and the last of
// any other property, silently (`qemuProperties.devices.r: {drive: drive-zz}` put another drive
// behind the disk the spec calls r).
import { optionRule, type RuleDocs } from "./rule.js";
import type { Prop } from "../qemu/options.js";
import { deviceDriver } from "./option-helpers.js";

const DOCS: RuleDocs = {
  details:
    "A `-device` placed where QEMU cannot put it, or named twice. Two devices with the same `addr=`\n(slot and function) on one PCI bus, or `addr=0x0` on the board's root bus, where the host bridge\nis: QEMU refuses to start (\"PCI: slot 5 function 0 not available\"). A `bus=` that no device\ncreated before it provides (a root port `rp<n>` from `pci.rootPorts`, a controller's `<id>.0`):\n\"Bus 'rp7' not found\". A property given twice in one `-device` (in a spec: a\n`qemuProperties.devices` key that vmspec already sets, such as `id`, `drive` or `netdev`): QEMU\nkeeps one without a word (the first `id=`, the last of any other property), so the device is no\nlonger the one the spec names. All three\nchecked on QEMU 7.2.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
disks:
  - {name: r, file: r.qcow2, format: qcow2}
  - {name: s, file: s.qcow2, format: qcow2}
qemuProperties:
  devices:
    r: {addr: "0x5"}
    s: {addr: "0x5", bus: rp7}
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
pci: {rootPorts: 1}
disks:
  - {name: r, file: r.qcow2, format: qcow2}
  - {name: s, file: s.qcow2, format: qcow2}
qemuProperties:
  devices:
    r: {addr: "0x5"}
    s: {bus: rp1}
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -device virtio-rng-pci,id=rng0,addr=0x5 -device virtio-balloon-pci,id=balloon0,addr=0x5\n",
    },
    {
      lang: "sh",
      kind: "correct",
      text: "qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\\n  -device virtio-rng-pci,id=rng0,addr=0x5 -device virtio-balloon-pci,id=balloon0,addr=0x6\n",
    },
  ],
  fix: "Give each device its own `addr=` (or none: QEMU picks a free slot), name a bus that exists (`pci.rootPorts: n` adds `rp1`...`rp<n>`), and leave the properties vmspec sets (`id`, `drive`, `netdev`, ...) to it: a device's id is its name.",
};

/** Buses the virt board (and QEMU itself) provides without a -device: the root bus and the buses QEMU names by type. */
const BOARD_BUS = /^(pcie\.0|main-system-bus|[a-z0-9-]+-bus\.\d+)$/;

/** `addr=` as QEMU reads it: `slot[.function]`, each hexadecimal with or without 0x; undefined when it is not one. */
function slotFunction(addr: string): string | undefined {
  const m = /^(?:0x)?([0-9a-f]{1,2})(?:\.(?:0x)?([0-7]))?$/i.exec(addr.trim());
  if (!m) return undefined;
  const slot = parseInt(m[1], 16);
  return slot > 31 ? undefined : `${slot}.${m[2] ? parseInt(m[2], 16) : 0}`;
}

const NO_PROPS: Prop[] = [];

/** The last property with that key (the one QEMU keeps), or undefined. */
function lastProp(props: Prop[], key: string): Prop | undefined {
  for (let i = props.length - 1; i >= 0; i--) if (props[i].key === key) return props[i];
  return undefined;
}

export default optionRule(
  {
    id: "device-placement",
    reads: ["-device"],
    defaultSeverity: "error",
    description: "two devices at one PCI slot, a bus= that does not exist, or a -device property given twice",
    docs: DOCS,
    messages: {
      slotTaken:
        'addr={{addr}}: PCI slot {{slot}} function {{function}}{{bus}} is {{holder}}, and QEMU refuses to start ("PCI: slot {{slot}} function {{function}} not available"): give this device another addr, or none',
      busNotFound:
        "bus={{bus}}: no device before this one provides a bus of that name, and QEMU refuses to start (\"Bus '{{bus}}' not found\"){{hint}}",
      repeated:
        "{{key}} is given twice in this -device ({{key}}={{first}}, then {{key}}={{second}}): QEMU does not refuse it and keeps one without a word ({{kept}}){{owned}}",
    },
  },
  ({ options, report }) => {
    const slots = new Map<string, string>();
    // The host bridge (gpex-root) is at slot 0 function 0 of the root bus.
    slots.set("pcie.0\0" + "0.0", "the host bridge's (gpex-root)");
    const ids: string[] = [];
    for (const o of options) {
      if (o.flag !== "-device") continue;
      const props = o.props ?? NO_PROPS;
      // A property twice: the second occurrence is reported (where a spec's qemuProperties key is).
      // A scan of the properties before each one (a -device has a handful), not a map per device;
      // a map when it has many (a long command line's), so the check stays linear.
      const firsts = props.length > 16 ? new Map<string, Prop>() : undefined;
      for (let j = 0; j < props.length; j++) {
        const p = props[j];
        let first: Prop | undefined;
        if (firsts !== undefined) {
          first = firsts.get(p.key);
          if (!first) firsts.set(p.key, p);
        } else
          for (let i = 0; i < j; i++)
            if (props[i].key === p.key) {
              first = props[i];
              break;
            }
        if (!first) continue;
        const fromProps = (x: Prop) => x.path?.[0] === "qemuProperties";
        const at = fromProps(first) && !fromProps(p) ? first : p;
        report(o, {
          messageId: "repeated",
          data: {
            key: p.key,
            first: first.value,
            second: p.value,
            // QEMU 7.2: the id is the options' name, taken from the first id=; any other property is set in order.
            kept:
              p.key === "id"
                ? `the first, id=${first.value}: id=${p.value} is lost`
                : `the last, ${p.key}=${p.value}: ${p.key}=${first.value} is lost`,
            owned:
              fromProps(at) && !fromProps(at === p ? first : p)
                ? `: vmspec sets ${p.key} itself${p.key === "id" ? " (a device's id is its name)" : ""}; drop it from qemuProperties.devices`
                : "",
          },
          at,
        });
      }
      // QEMU reads the last of each key.
      const bus = lastProp(props, "bus");
      const id = lastProp(props, "id")?.value;
      if (bus && !BOARD_BUS.test(bus.value) && !ids.some((id) => bus.value === id || bus.value.startsWith(id + "."))) {
        const ports = ids.filter((id) => /^rp\d+$/.test(id));
        report(o, {
          messageId: "busNotFound",
          data: {
            bus: bus.value,
            hint: ports.length
              ? `; the root ports are ${ports.join(", ")}`
              : "; pci.rootPorts: n adds root ports rp1...rp<n> (a device goes on one with bus: rp<i>)",
          },
          at: bus,
        });
      }
      const addr = lastProp(props, "addr");
      const sf = addr && slotFunction(addr.value);
      if (addr && sf) {
        const busName = bus?.value ?? "pcie.0";
        const key = `${busName}\0${sf}`;
        const holder = slots.get(key);
        const [slot, fn] = sf.split(".");
        if (holder)
          report(o, {
            messageId: "slotTaken",
            data: { addr: addr.value, slot, function: fn, bus: bus ? ` of bus ${bus.value}` : "", holder },
            at: addr,
          });
        else slots.set(key, `in use by ${deviceDriver(o) ?? "?"}${id ? `,id=${id}` : ""}`);
      }
      if (id !== undefined) ids.push(id);
    }
  },
);
