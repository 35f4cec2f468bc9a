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
    {
      name: "the admin fields KubeVirt maps: I/O threads (dedicated and shared), a logged serial console, swtpm",
      // A TPM on the virt board needs QEMU 5.0 (tpm-tis-device); KubeVirt's virt-launcher has a newer one.
      lint: { qemu: [7, 2] },
      yaml: `${HEAD}disks:
  - {name: root, file: root.qcow2, format: qcow2, iothread: io-root, detectZeroes: "off"}
  - {name: db, file: db.raw, format: raw, iothread: io-data}
  - {name: wal, file: wal.raw, format: raw, iothread: io-data}
serial: {type: pty, logfile: serial.log}
tpm: {type: emulator}
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
    {
      name: "storage limits KubeVirt has no place for: detect-zeroes, throttling, an I/O thread on SCSI, a second shared thread",
      yaml: `${HEAD}disks:
  - {name: a, file: a.raw, format: raw, detectZeroes: "on", iothread: t1}
  - {name: b, file: b.raw, format: raw, iothread: t1}
  - {name: c, file: c.raw, format: raw, throttle: {iopsTotal: 500}, iothread: t2}
  - {name: d, file: d.raw, format: raw, iothread: t2}
  - {name: e, file: e.raw, format: raw, bus: virtio-scsi, iothread: t3}
`,
      errors: [
        {
          messageId: "value",
          data: { field: "disks.0.detectZeroes", value: "on", why: "KubeVirt's disks have no detect-zeroes setting (v1.Disk has none)" },
          line: 5,
          column: 55,
          endLine: 5,
          endColumn: 59,
        },
        { messageId: "field", line: 7, column: 41, endLine: 7, endColumn: 49 },
        {
          messageId: "field",
          data: {
            field: "disks.2.iothread",
            why: "KubeVirt has one shared I/O thread (ioThreadsPolicy: shared), here t1: name that thread, or a thread of this disk's own (dedicatedIOThread)",
          },
          line: 7,
          column: 79,
          endLine: 7,
          endColumn: 81,
        },
        { messageId: "field", line: 8, column: 51, endLine: 8, endColumn: 53 },
        {
          messageId: "field",
          data: { field: "disks.4.iothread", why: "KubeVirt gives I/O threads to virtio disks only, not to SCSI or USB disks" },
          line: 9,
          column: 69,
          endLine: 9,
          endColumn: 71,
        },
      ],
    },
    {
      name: "a TCP serial console with an appended log, a restricted user network, a bridge helper, host USB, root ports",
      yaml: `${HEAD}serial: {type: telnet, port: 4555, logfile: s.log, logAppend: true}
networks:
  - {name: lan, type: user, restrict: true}
  - {name: up, type: bridge, bridge: br0, helper: /usr/lib/qemu/qemu-bridge-helper}
usb:
  host:
    - {name: token, vendor: "046d", product: c52b}
pci: {rootPorts: 2}
`,
      errors: [
        {
          messageId: "value",
          data: {
            field: "serial.type",
            value: "telnet",
            why: "KubeVirt's serial console is reached with virtctl console through the cluster's API, not on a TCP port of the host",
          },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 22,
        },
        { messageId: "field", line: 4, column: 63, endLine: 4, endColumn: 67 },
        { messageId: "field", line: 6, column: 39, endLine: 6, endColumn: 43 },
        { messageId: "field", line: 7, column: 51, endLine: 7, endColumn: 83 },
        { messageId: "field", line: 10, column: 7, endLine: 10, endColumn: 51 },
        { messageId: "field", line: 11, column: 18, endLine: 11, endColumn: 19 },
      ],
    },
    {
      name: "a swtpm socket: KubeVirt runs swtpm itself",
      // A TPM on the virt board needs QEMU 5.0 (tpm-tis-device); KubeVirt's virt-launcher has a newer one.
      lint: { qemu: [7, 2] },
      yaml: `${HEAD}tpm: {type: emulator, socket: /run/swtpm.sock}
`,
      errors: [
        {
          messageId: "field",
          data: { field: "tpm.socket", why: "KubeVirt runs swtpm itself, in the VM's virt-launcher pod: there is no socket to name" },
          line: 4,
          column: 31,
          endLine: 4,
          endColumn: 46,
        },
      ],
    },
    {
      name: "a host TPM passed through",
      lint: { qemu: [7, 2] },
      yaml: `${HEAD}tpm: {path: /dev/tpm0}
`,
      errors: [{ messageId: "field", line: 4, column: 1, endLine: 4, endColumn: 4 }],
    },
  ],
});
