// kubevirt-video: a video device other than virtio or ramfb, which KubeVirt refuses on arm64.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-video.js";

const HEAD = `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\n`;

ruleTester.run(rule, {
  valid: [
    { yaml: `${HEAD}display:\n  type: vnc\n  video: virtio-gpu\n` },
    { yaml: `${HEAD}display:\n  type: vnc\n  video: ramfb\n` },
    { name: "headless: no video device", yaml: `${HEAD}display:\n  type: none\n  video: std\n` },
    { name: "no video: KubeVirt's arm64 default", yaml: `${HEAD}display:\n  type: vnc\n` },
  ],
  invalid: [
    {
      yaml: `${HEAD}display:\n  type: vnc\n  video: std\n`,
      errors: [{ messageId: "video", data: { video: "std" }, line: 6, column: 10, endLine: 6, endColumn: 13 }],
    },
    {
      yaml: `${HEAD}display:\n  type: vnc\n  video: qxl\n`,
      errors: [{ messageId: "video", data: { video: "qxl" }, line: 6, column: 10, endLine: 6, endColumn: 13 }],
    },
  ],
});
