// kubevirt-sound: a sound device, which KubeVirt refuses on arm64 (only with --target kubevirt; docs/kubevirt.md).
import { optionRule, type RuleDocs } from "./rule.js";
import { deviceDriver } from "./option-helpers.js";

/** QEMU's sound devices (hda codecs and controllers, AC97, ES1370, SB16, USB and virtio audio). */
const SOUND_DEVICES = new Set([
  "intel-hda",
  "ich9-intel-hda",
  "hda-duplex",
  "hda-micro",
  "hda-output",
  "AC97",
  "ES1370",
  "sb16",
  "cs4231a",
  "gus",
  "adlib",
  "usb-audio",
  "virtio-sound",
  "virtio-sound-pci",
]);

const DOCS: RuleDocs = {
  details:
    'With `--target kubevirt`: KubeVirt refuses a sound device on arm64 (KubeVirt\'s arm64 admission (pkg/virt-api/webhooks/arm64.go, ValidateVirtualMachineInstanceArm64Setting): "Arm64 not support sound device"). A spec has no sound field, so this is a sound device added with `extraArgs` (`-device intel-hda`, `-device usb-audio`, `-soundhw`), which `kubevirt-unexpressible` also reports as raw arguments; this rule says why KubeVirt would refuse it even if it could be written.',
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
extraArgs: [-device, intel-hda]
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
rng: {}
`,
    },
  ],
  fix: "Remove the sound device: an arm64 VirtualMachine has none.",
};

export default optionRule(
  {
    id: "kubevirt-sound",
    target: "kubevirt",
    reads: ["-device", "-soundhw"],
    defaultSeverity: "error",
    description: "a sound device, which KubeVirt refuses on arm64",
    docs: DOCS,
    messages: {
      sound: 'KubeVirt refuses a sound device on arm64 ("Arm64 not support sound device"): remove {{what}}',
    },
  },
  ({ options, report }) => {
    for (const o of options) {
      if (o.flag !== "-device" && o.flag !== "-soundhw") continue;
      const driver = o.flag === "-device" ? deviceDriver(o) : undefined;
      if (o.flag === "-device" && (driver === undefined || !SOUND_DEVICES.has(driver))) continue;
      report(o, { messageId: "sound", data: { what: driver !== undefined ? `-device ${driver}` : o.flag } });
    }
  },
);
