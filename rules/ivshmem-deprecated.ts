// -device ivshmem: deprecated in favour of ivshmem-plain and ivshmem-doorbell.
import { optionRule, type RuleDocs } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";
import { prop } from "../qemu/options.js";

const PLAIN_PROPS = new Set(["id", "memdev", "bus", "addr", "master", "multifunction"]);
const DOORBELL_PROPS = new Set(["id", "chardev", "vectors", "ioeventfd", "bus", "addr", "master", "multifunction"]);

const DOCS: RuleDocs = {
  statement:
    "These previously supported command line options are now considered deprecated: -device ivshmem (use ivshmem-doorbell or ivshmem-plain instead)",
  details: "`-device ivshmem`.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-device, "ivshmem,shm=s,size=4M"]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 1GiB}
runAs: qemu
extraArgs: [-object, "memory-backend-file,id=m,share=on,mem-path=/dev/shm/s,size=4M", -device, "ivshmem-plain,memdev=m"]
`,
    },
    {
      lang: "sh",
      kind: "incorrect",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device ivshmem,chardev=c
`,
    },
    {
      lang: "sh",
      kind: "correct",
      text: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu \\
  -device ivshmem-doorbell,chardev=c
`,
    },
  ],
  fix: "`ivshmem-plain` for shared memory, `ivshmem-doorbell` when the guest needs interrupts.",
};

export default optionRule(
  {
    id: "ivshmem-deprecated",
    reads: ["-device"],
    defaultSeverity: "warning",
    description: "-device ivshmem",
    fixable: true,
    docs: DOCS,
    messages: {
      deprecated: "-device ivshmem is deprecated: use {{instead}}",
      removed: "-device ivshmem is no longer recognized (the {{profile}} statement; QEMU {{qemu}} has no such device): use {{instead}}",
      useInstead: "use {{device}} (check its properties)",
    },
  },
  ({ options, profile, report }) => {
    // SLES 12 SP3 deprecates it; every SLES 15 statement says it is no longer recognized.
    const removed = profile.data.lists.changes.some((c) => c.item === "-device ivshmem" && c.status === "removed");
    for (const o of options) {
      if (deviceDriver(o) !== "ivshmem") continue;
      const instead =
        prop(o, "chardev") !== undefined
          ? "ivshmem-doorbell (it has a chardev for interrupts)"
          : "ivshmem-plain (shared memory without interrupts) or ivshmem-doorbell";
      const driver = o.props?.[0]?.key;
      const keys = (o.props ?? []).slice(1).map((p) => p.key);
      // The replacement is exact only when the device uses nothing the new devices lack.
      const exact =
        keys.includes("memdev") && !keys.includes("chardev") && keys.every((k) => PLAIN_PROPS.has(k))
          ? "ivshmem-plain"
          : keys.includes("chardev") && !keys.some((k) => ["memdev", "shm", "size"].includes(k)) && keys.every((k) => DOORBELL_PROPS.has(k))
            ? "ivshmem-doorbell"
            : undefined;
      report(o, {
        messageId: removed ? "removed" : "deprecated",
        data: { instead, profile: profile.id, qemu: profile.data.qemu },
        prop: driver,
        ...(exact
          ? { fix: { prop: driver, value: exact } }
          : {
              suggest: ["ivshmem-plain", "ivshmem-doorbell"].map((d) => ({
                messageId: "useInstead",
                data: { device: d },
                change: { prop: driver, value: d },
              })),
            }),
      });
    }
  },
);
