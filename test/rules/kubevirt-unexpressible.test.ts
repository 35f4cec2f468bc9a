// kubevirt-unexpressible: a setting a KubeVirt VirtualMachine cannot express.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/kubevirt-unexpressible.js";

const HEAD = `name: web\nmemory: {size: 2GiB}\nrunAs: qemu\n`;

ruleTester.run(rule, {
  valid: [
    {
      name: "what maps: disks, a CD-ROM, a pod and a Multus network, rng, serial, balloon, VNC, tablet",
      yaml: `${HEAD}uuid: 6f1c1a52-3b0e-4b8e-9d0a-2f3c4d5e6f70
cpu: {sockets: 1, cores: 2, threads: 1}
disks:
  - {name: root, file: web.qcow2, format: qcow2, cache: none, aio: native, serial: ROOT1, bootindex: 0}
  - {name: data, file: data.raw, format: raw, bus: virtio-scsi, readonly: true}
cdroms:
  - {name: install, file: install.iso}
networks:
  - name: lan
    type: user
    forwards: [{hostPort: 2222, guestPort: 22}]
  - {name: uplink, type: bridge, bridge: br0, mac: "52:54:00:12:34:56"}
serial: {type: pty}
rng: {}
balloon: {}
display: {type: vnc, video: virtio-gpu}
usb: {tablet: true, controller: xhci}
smbios: {serial: SN1}
`,
    },
  ],
  invalid: [
    {
      name: "a raw argument, a host folder, a kernel from the host",
      yaml: `${HEAD}kernel:\n  path: /boot/vmlinuz\nshares:\n  - {path: /srv, tag: srv}\nextraArgs: [-no-reboot]\n`,
      errors: [
        {
          messageId: "field",
          data: { field: "kernel", why: "KubeVirt boots a kernel only from a container image (firmware.kernelBoot), not from host files" },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 7,
        },
        { messageId: "field", line: 6, column: 1, endLine: 6, endColumn: 7 },
        { messageId: "field", line: 8, column: 1, endLine: 8, endColumn: 10 },
      ],
    },
    {
      name: "a name Kubernetes refuses, a cache mode, tcg",
      yaml: `name: Web_01\nmemory: {size: 2GiB}\nrunAs: qemu\naccel: tcg\ndisks:\n  - name: root\n    file: web.qcow2\n    format: qcow2\n    cache: unsafe\n`,
      errors: [
        { messageId: "name", data: { name: "Web_01", what: "the VirtualMachine's name" }, line: 1, column: 7, endLine: 1, endColumn: 13 },
        { messageId: "value", line: 4, column: 8, endLine: 4, endColumn: 11 },
        {
          messageId: "value",
          data: { field: "disks.0.cache", value: "unsafe", why: "KubeVirt's disk cache modes are none, writethrough and writeback" },
          line: 9,
          column: 12,
          endLine: 9,
          endColumn: 18,
        },
      ],
    },
    {
      name: "two user networks and a tap",
      yaml: `${HEAD}networks:\n  - {name: a, type: user}\n  - {name: b, type: user}\n  - {name: c, type: tap, ifname: tap0}\n`,
      errors: [
        { messageId: "secondPodNetwork", data: { first: "a" }, line: 6, column: 21, endLine: 6, endColumn: 25 },
        { messageId: "value", line: 7, column: 21, endLine: 7, endColumn: 24 },
      ],
    },
  ],
});
