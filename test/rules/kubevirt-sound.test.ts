// kubevirt-sound: a sound device, which KubeVirt refuses on arm64.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-sound.js";

const HEAD = `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\n`;

ruleTester.run(rule, {
  valid: [{ name: "another -device", yaml: `${HEAD}extraArgs: [-device, virtio-rng-pci]\n` }],
  invalid: [
    {
      yaml: `${HEAD}extraArgs: [-device, intel-hda, -device, hda-duplex]\n`,
      errors: [
        { messageId: "sound", data: { what: "-device intel-hda" }, line: 4, column: 13, endLine: 4, endColumn: 20 },
        { messageId: "sound", data: { what: "-device hda-duplex" }, line: 4, column: 33, endLine: 4, endColumn: 40 },
      ],
    },
  ],
});
