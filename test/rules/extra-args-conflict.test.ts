// extra-args-conflict: an extraArgs option clashes with one vmspec generates.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/extra-args-conflict.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "Only extraArgs are judged: on a command line the last -m wins, and nothing is generated to clash with.",
      argv: `qemu-system-aarch64 -machine virt,accel=kvm -cpu host -m 1G -runas qemu -m 2G -device virtio-rng-pci,id=rng0 -device virtio-rng-pci,id=rng1\n`,
    },
    {
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks: [{name: lan, type: user}]
extraArgs: [-no-reboot, -device, "virtio-rng-pci,id=rng0"]
`,
    },
  ],
  invalid: [
    {
      name: "A second -m",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-m, 4G]
`,
      errors: [{ messageId: "overridesGenerated", line: 4, column: 13, endLine: 4, endColumn: 15 }],
    },
    {
      name: "-smp beside cpu.count",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: host, count: 2}
extraArgs: ["-smp", "4"]
`,
      errors: [{ messageId: "overridesGenerated", line: 5, column: 13, endLine: 5, endColumn: 19 }],
    },
    {
      name: "A -netdev whose id a spec network already has, and two extra devices with one id",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks: [{name: lan, type: user}]
extraArgs:
  - -netdev
  - tap,id=net-lan,ifname=tap0,script=no,downscript=no
  - -device
  - virtio-rng-pci,id=rng0
  - -device
  - virtio-rng-pci,id=rng0
`,
      errors: [
        { messageId: "idTaken", line: 6, column: 5, endLine: 6, endColumn: 12 },
        { messageId: "idTaken", line: 10, column: 5, endLine: 10, endColumn: 12 },
      ],
    },
  ],
});
