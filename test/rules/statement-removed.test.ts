// statement-removed: an option a SLES 15 statement says is no longer recognized or no longer supported.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/statement-removed.js";

const HEAD = "qemu-system-aarch64 -machine virt-2.6,accel=kvm -cpu host -m 1G -runas qemu";

ruleTester.run(rule, {
  valid: [
    // SLES 12 SP3's section is one line of text: its items have rules of their own.
    { argv: `${HEAD} -balloon virtio\n` },
    { argv: `${HEAD} -device virtio-balloon-pci\n`, lint: { profile: "sles15sp1" } },
    // ivshmem has its own rule (ivshmem-deprecated says it is no longer recognized).
    {
      argv: `${HEAD} -object memory-backend-file,id=m0,size=4M,mem-path=/dev/shm/x -device ivshmem-plain,memdev=m0\n`,
      lint: { profile: "sles15sp4" },
    },
  ],
  invalid: [
    {
      name: "-balloon, as old guides write it, under SLES 15 SP1",
      argv: `${HEAD} \\\n  -balloon virtio\n`,
      lint: { profile: "sles15sp1" },
      errors: [
        {
          messageId: "removed",
          data: { item: "-balloon", qemu: "4.1", profile: "sles15sp1", note: " (use -device virtio-balloon instead)" },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 18,
        },
      ],
    },
    {
      name: "-device ide-drive: no longer supported by SLES 15 SP4",
      argv: `${HEAD} -drive if=none,id=cd0,format=raw,readonly=on,file=/srv/install.iso \\\n  -device ide-drive,drive=cd0\n`,
      lint: { profile: "sles15sp4" },
      errors: [{ messageId: "unsupported", line: 2, column: 3, endLine: 2, endColumn: 30 }],
    },
    {
      name: "In a spec's extraArgs",
      yaml: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nextraArgs: [-nodefconfig]\n",
      lint: { profile: "sles15sp2" },
      errors: [{ messageId: "removed", line: 4, column: 13, endLine: 4, endColumn: 25 }],
    },
  ],
});
