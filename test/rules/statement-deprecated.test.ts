// statement-deprecated: an option a SLES 15 statement deprecates.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/statement-deprecated.js";

const HEAD = "qemu-system-aarch64 -machine virt-2.6,accel=kvm -cpu host -m 1G -runas qemu";

ruleTester.run(rule, {
  valid: [
    { argv: `${HEAD} -writeconfig /tmp/vm.cfg\n`, lint: { profile: "sles15sp3" } },
    { argv: `${HEAD} -chardev serial,id=s0,path=/dev/ttyS0 -serial chardev:s0\n`, lint: { profile: "sles15sp4" } },
    // virtio-blk-pci is deprecated only with scsi=.
    { argv: `${HEAD} -drive if=none,id=d0,format=raw,file=/srv/d.raw -device virtio-blk-pci,drive=d0\n`, lint: { profile: "sles15sp3" } },
  ],
  invalid: [
    {
      name: "-writeconfig under SLES 15 SP4",
      argv: `${HEAD} -writeconfig /tmp/vm.cfg\n`,
      lint: { profile: "sles15sp4" },
      errors: [
        {
          messageId: "deprecated",
          data: { item: "-writeconfig", profile: "sles15sp4", note: " (no replacement - never really worked right)" },
          line: 1,
          column: 77,
          endLine: 1,
          endColumn: 101,
        },
      ],
    },
    {
      name: "A property: virtio-blk-pci,scsi= (SLES 15 SP3)",
      argv: `${HEAD} -drive if=none,id=d0,format=raw,file=/srv/d.raw \\\n  -device virtio-blk-pci,drive=d0,scsi=off\n`,
      lint: { profile: "sles15sp3" },
      errors: [{ messageId: "deprecated", line: 2, column: 3, endLine: 2, endColumn: 43 }],
    },
    {
      name: "A value: -chardev tty (SLES 15 SP4)",
      yaml: "name: web\nmemory: {size: 1GiB}\nrunAs: qemu\nextraArgs: [-chardev, 'tty,id=s0,path=/dev/ttyS0']\n",
      lint: { profile: "sles15sp4" },
      errors: [{ messageId: "deprecated", line: 4, column: 13, endLine: 4, endColumn: 21 }],
    },
  ],
});
