// kubevirt-video: a video device other than virtio or ramfb, which KubeVirt refuses on arm64 (only with --target kubevirt; docs/kubevirt.md).
import { specRule, type RuleDocs } from "./rule.js";

const DOCS: RuleDocs = {
  details:
    "With `--target kubevirt`: the video device of an arm64 VirtualMachine must be `virtio` or `ramfb` (KubeVirt's arm64 admission (pkg/virt-api/webhooks/arm64.go, ValidateVirtualMachineInstanceArm64Setting): \"video model '...' is not supported on arm64 architecture\"). vmspec maps `display.video: virtio-gpu` to `virtio` and `ramfb` to `ramfb`; `std` (`vga`) and `qxl` are reported. A display without `video` gets KubeVirt's arm64 default (virtio), not vmspec's `std`.",
  examples: [
    {
      lang: "yaml",
      kind: "incorrect",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
display:
  type: vnc
  video: std
`,
    },
    {
      lang: "yaml",
      kind: "correct",
      text: `name: web
memory: {size: 2GiB}
runAs: qemu
display:
  type: none
`,
    },
  ],
  fix: "Use `display.video: virtio-gpu` or `ramfb`, or leave `video` out.",
};

export default specRule(
  {
    id: "kubevirt-video",
    target: "kubevirt",
    defaultSeverity: "error",
    description: "a video device other than virtio or ramfb, which KubeVirt refuses on arm64",
    docs: DOCS,
    messages: {
      video: "KubeVirt refuses the {{video}} video device on arm64 (only virtio and ramfb): use display.video virtio-gpu or ramfb",
    },
  },
  ({ spec, report }) => {
    const d = spec.display;
    if (!d || d.type === "none" || (d.video !== "std" && d.video !== "qxl")) return;
    report({ messageId: "video", data: { video: d.video }, path: ["display", "video"] });
  },
);
