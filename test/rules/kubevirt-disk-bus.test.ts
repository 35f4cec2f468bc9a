// kubevirt-disk-bus: a disk or CD-ROM on USB, which KubeVirt refuses on arm64.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-disk-bus.js";

const HEAD = `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\n`;

ruleTester.run(rule, {
  valid: [
    {
      yaml: `${HEAD}disks:\n  - {name: root, file: root.qcow2, format: qcow2, bus: virtio-blk}\n  - {name: data, file: data.raw, format: raw, bus: virtio-scsi}\n`,
    },
    { yaml: `${HEAD}cdroms:\n  - name: install\n    file: install.iso\n` },
  ],
  invalid: [
    {
      yaml: `${HEAD}disks:\n  - name: stick\n    file: stick.img\n    format: raw\n    bus: usb-storage\n`,
      errors: [{ messageId: "bus", data: { bus: "usb-storage", what: "disk" }, line: 8, column: 10, endLine: 8, endColumn: 21 }],
    },
    {
      yaml: `${HEAD}cdroms:\n  - name: install\n    file: install.iso\n    bus: usb-storage\n`,
      errors: [{ messageId: "bus", data: { bus: "usb-storage", what: "CD-ROM" }, line: 7, column: 10, endLine: 7, endColumn: 21 }],
    },
  ],
});
