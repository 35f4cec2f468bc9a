// conflicting-settings: settings that cannot be used together.
import { ruleTester } from "../helpers/rule-tester.js";
import rule from "../../rules/conflicting-settings.js";

ruleTester.run(rule, {
  valid: [
    {
      name: "Everything consistent",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
firmware:
  uefi: {code: /usr/share/qemu/aavmf-aarch64-code.bin, vars: /var/lib/vms/web_VARS.fd}
cpu: {model: host, count: 4, sockets: 1, cores: 2, threads: 2}
networks:
  - {name: lan, type: tap, ifname: tap0, vhost: true, queues: 4}
  - {name: nat, type: user, forwards: [{protocol: tcp, hostPort: 2222, guestPort: 22}]}
  - {name: br, type: bridge, bridge: br0}
  - {name: brv, type: bridge, bridge: br0, vhost: true, helper: /usr/lib/qemu/qemu-bridge-helper}
  - {name: jail, type: user, restrict: true}
display: {type: vnc, listen: 127.0.0.1, port: 5901, password: true}
serial: {type: file, path: /var/log/vms/web.serial}
console: {type: pty}
monitors:
  qmp: {socket: /run/vmspec/web.qmp}
`,
    },
    {
      name: "Storage tuning that goes together: unmap with discard, read and write limits, one I/O thread for the SCSI disks",
      yaml: `name: db
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: root.qcow2, format: qcow2, discard: true, detectZeroes: unmap, iothread: io1}
  - {name: a, file: a.raw, format: raw, bus: virtio-scsi, iothread: io2, throttle: {iopsRead: 100, iopsWrite: 50, bpsTotal: 1000000}}
  - {name: b, file: b.raw, format: raw, bus: virtio-scsi, iothread: io2}
  - {name: c, file: c.raw, format: raw, bus: virtio-scsi}
`,
    },
    {
      name: "NUMA nodes whose memory adds up, every vCPU in one node, a distance for each pair",
      yaml: `name: db
memory: {size: 3GiB}
runAs: qemu
cpu: {count: 4}
numa:
  - {cpus: "0-1", memory: 2GiB, distances: {0: 10, 1: 20, 2: 20}}
  - {cpus: "2", memory: 512MiB, distances: {2: 15}}
  - {cpus: "3", memory: 512MiB}
`,
      lint: { qemu: [7, 2] },
    },
    {
      name: "A telnet serial port that waits, logged and appended to; a unix socket console that waits",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
serial: {type: telnet, port: 4555, wait: true, logfile: /var/log/web/serial.log, logAppend: true}
console: {type: socket, path: /run/web/console.sock, wait: true}
`,
    },
    {
      name: "Hot-plug room: count below maxCount, topology matching maxCount",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: host, count: 2, maxCount: 8, sockets: 2, cores: 4}
display: {type: spice, listen: 127.0.0.1, password: true, tls: {dir: /etc/pki/qemu}}
`,
    },
  ],
  invalid: [
    {
      name: "Firmware.uefi and firmware.bios",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
firmware:
  uefi: {code: /usr/share/qemu/aavmf-aarch64-code.bin, vars: /var/lib/vms/web_VARS.fd}
  bios: /usr/share/qemu/qemu-uefi-aarch64.bin
`,
      errors: [{ messageId: "twoFirmwares", line: 6, column: 9, endLine: 6, endColumn: 46 }],
    },
    {
      name: "A display password asked for twice: password and passwordFile",
      yaml: `# vmspec-qemu 7.2
name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: vnc, listen: 127.0.0.1, port: 5901, password: true, passwordFile: /etc/vmspec/web.pass}
`,
      errors: [{ messageId: "twoPasswords", line: 5, column: 63, endLine: 5, endColumn: 67 }],
    },
    {
      name: "Forwards on a tap network, ifname on a user one",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - name: lan
    type: tap
    ifname: tap0
    forwards: [{protocol: tcp, hostPort: 2222, guestPort: 22}]
  - name: nat
    type: user
    ifname: tap1
`,
      errors: [
        {
          messageId: "networkTypeOnly",
          data: { key: "forwards", type: "user", name: '"lan"', actual: "tap" },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 13,
        },
        { messageId: "networkTypeOnly", line: 11, column: 13, endLine: 11, endColumn: 17 },
      ],
    },
    {
      name: "passt's socket on a slirp network and on a tap network",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: nat, type: user, socket: /run/web/passt.sock}
  - {name: t0, type: tap, ifname: tap0, socket: /run/web/passt.sock}
`,
      errors: [
        { messageId: "networkTypeOnly", line: 5, column: 37, endLine: 5, endColumn: 56 },
        { messageId: "networkTypeOnly", line: 6, column: 49, endLine: 6, endColumn: 68 },
      ],
    },
    {
      name: "Bridge, vhost and queues on networks of the wrong type",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: nat, type: user, bridge: br0, vhost: true}
  - {name: br, type: bridge, bridge: br0, queues: 4}
`,
      errors: [
        { messageId: "networkTypeOnly", line: 5, column: 37, endLine: 5, endColumn: 40 },
        { messageId: "networkTypeOnly", line: 5, column: 49, endLine: 5, endColumn: 53 },
        { messageId: "queuesBridgeHelper", line: 6, column: 51, endLine: 6, endColumn: 52 },
      ],
    },
    {
      name: "Restrict and helper on networks of the wrong type",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: tap, ifname: tap0, restrict: true}
  - {name: nat, type: user, helper: /usr/lib/qemu/qemu-bridge-helper}
`,
      errors: [
        { messageId: "networkTypeOnly", line: 5, column: 52, endLine: 5, endColumn: 56 },
        { messageId: "networkTypeOnly", line: 6, column: 37, endLine: 6, endColumn: 69 },
      ],
    },
    {
      name: "A host USB device by half a pair, by none, and by three of four",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
usb:
  host:
    - {name: a, vendor: "046d"}
    - {name: b}
    - {name: c, vendor: "046d", product: c52b, bus: 1}
    - {name: d, vendor: "046d", product: c52b, bus: 1, address: 3}
`,
      errors: [
        { messageId: "usbHostSelector", line: 6, column: 7, endLine: 6, endColumn: 32 },
        { messageId: "usbHostSelector", line: 7, column: 7, endLine: 7, endColumn: 16 },
        { messageId: "usbHostSelector", line: 8, column: 7, endLine: 8, endColumn: 55 },
      ],
    },
    {
      name: "A WebSocket on SPICE",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: spice, password: true, websocket: 5700}
`,
      errors: [{ messageId: "websocketVncOnly", line: 4, column: 51, endLine: 4, endColumn: 55 }],
    },
    {
      name: "A password file on a GTK window",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: gtk, passwordFile: /etc/vms/web.pw}
`,
      errors: [{ messageId: "displayRemoteOnly", line: 4, column: 36, endLine: 4, endColumn: 51 }],
    },
    {
      name: "Multi-queue on an e1000",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
networks:
  - {name: lan, type: tap, ifname: tap0, model: e1000, queues: 4}
`,
      errors: [{ messageId: "queuesNeedVirtio", line: 5, column: 64, endLine: 5, endColumn: 65 }],
    },
    {
      name: "2 sockets x 2 cores for 2 vCPUs",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: host, count: 2, sockets: 2, cores: 2}
`,
      errors: [{ messageId: "topologyMismatch", data: { product: 4, max: 2 }, line: 4, column: 1, endLine: 4, endColumn: 4 }],
    },
    {
      name: "Count over maxCount",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
cpu: {model: host, count: 8, maxCount: 4}
`,
      errors: [{ messageId: "countOverMax", data: { count: 8, maxCount: 4 }, line: 4, column: 27, endLine: 4, endColumn: 28 }],
    },
    {
      name: "Listen, port, password and tls on a display that has none",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display:
  type: gtk
  listen: 127.0.0.1
  port: 5901
  password: true
  tls: {dir: /etc/pki/qemu}
`,
      errors: [
        { messageId: "displayRemoteOnly", line: 6, column: 11, endLine: 6, endColumn: 20 },
        { messageId: "displayRemoteOnly", line: 7, column: 9, endLine: 7, endColumn: 13 },
        { messageId: "displayRemoteOnly", line: 8, column: 13, endLine: 8, endColumn: 17 },
        { messageId: "displayRemoteOnly", line: 9, column: 3, endLine: 9, endColumn: 6 },
      ],
    },
    {
      name: "A video device nobody sees",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display: {type: none, video: virtio-gpu}
`,
      errors: [{ messageId: "videoNeverShown", line: 4, column: 30, endLine: 4, endColumn: 40 }],
    },
    {
      name: "SPICE with verifyClients",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
display:
  type: spice
  listen: 127.0.0.1
  tls: {dir: /etc/pki/qemu, verifyClients: true}
`,
      errors: [{ messageId: "verifyClientsVncOnly", line: 7, column: 44, endLine: 7, endColumn: 48 }],
    },
    {
      name: "A file serial with no path, a pty console with one",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
serial: {type: file}
console: {type: pty, path: /var/log/vms/web.console}
`,
      errors: [
        { messageId: "pathMissing", data: { type: "file", key: "serial" }, line: 4, column: 1, endLine: 4, endColumn: 7 },
        { messageId: "pathNotApplicable", line: 5, column: 28, endLine: 5, endColumn: 52 },
      ],
    },
    {
      name: "A socket console with no path, a stdio serial with one",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
serial: {type: stdio, path: /tmp/serial.log}
console: {type: socket}
`,
      errors: [
        { messageId: "pathNotApplicable", line: 4, column: 29, endLine: 4, endColumn: 44 },
        { messageId: "pathMissing", line: 5, column: 1, endLine: 5, endColumn: 8 },
      ],
    },
    {
      name: "Both endpoints for QMP and HMP",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
monitors:
  qmp: {socket: /run/vmspec/web.qmp, tcp: "127.0.0.1:4444"}
  hmp: {socket: /run/vmspec/web.hmp, tcp: "127.0.0.1:4445"}
`,
      errors: [
        { messageId: "twoMonitorEndpoints", data: { key: "qmp" }, line: 5, column: 43, endLine: 5, endColumn: 59 },
        { messageId: "twoMonitorEndpoints", line: 6, column: 43, endLine: 6, endColumn: 59 },
      ],
    },
    {
      name: "detectZeroes unmap without discard, a total limit with a split one, an I/O thread on USB, two threads for SCSI",
      yaml: `name: db
memory: {size: 2GiB}
runAs: qemu
disks:
  - {name: root, file: root.qcow2, format: qcow2, detectZeroes: unmap}
  - name: a
    file: a.raw
    format: raw
    bus: virtio-scsi
    iothread: io1
    throttle: {iopsTotal: 100, iopsWrite: 50, bpsTotal: 1000000, bpsRead: 500000}
  - {name: b, file: b.raw, format: raw, bus: virtio-scsi, iothread: io2}
  - {name: stick, file: stick.raw, format: raw, bus: usb-storage, iothread: io1}
`,
      errors: [
        { messageId: "unmapNeedsDiscard", data: { name: '"root"' }, line: 5, column: 65, endLine: 5, endColumn: 70 },
        {
          messageId: "throttleTotalAndSplit",
          data: { total: "iopsTotal", split: "iopsWrite", name: '"a"' },
          line: 11,
          column: 43,
          endLine: 11,
          endColumn: 45,
        },
        {
          messageId: "throttleTotalAndSplit",
          data: { total: "bpsTotal", split: "bpsRead", name: '"a"' },
          line: 11,
          column: 75,
          endLine: 11,
          endColumn: 81,
        },
        {
          messageId: "iothreadScsiMismatch",
          data: { name: '"b"', thread: '"io2"', first: '"io1"' },
          line: 12,
          column: 69,
          endLine: 12,
          endColumn: 72,
        },
        { messageId: "iothreadNotOnUsb", data: { name: '"stick"' }, line: 13, column: 77, endLine: 13, endColumn: 80 },
      ],
    },
    {
      name: "A tcp serial port without a port, a port on a pty console that waits, logAppend without logfile",
      yaml: `name: web
memory: {size: 2GiB}
runAs: qemu
serial: {type: tcp, host: 127.0.0.1, logAppend: true}
console: {type: pty, port: 4556, wait: false}
`,
      errors: [
        { messageId: "portMissing", data: { type: "tcp", key: "serial" }, line: 4, column: 1, endLine: 4, endColumn: 7 },
        { messageId: "logAppendWithoutLogfile", data: { key: "serial" }, line: 4, column: 49, endLine: 4, endColumn: 53 },
        { messageId: "tcpOnly", data: { field: "port", key: "console", type: "pty" }, line: 5, column: 28, endLine: 5, endColumn: 32 },
        { messageId: "waitServerOnly", data: { key: "console", type: "pty" }, line: 5, column: 40, endLine: 5, endColumn: 45 },
      ],
    },
    {
      name: "NUMA: memory that does not add up, a vCPU twice, one that does not exist, one in no node",
      yaml: `name: db
memory: {size: 4GiB}
runAs: qemu
cpu: {count: 4}
numa:
  - {cpus: "0-1", memory: 2GiB}
  - {cpus: "1,4", memory: 1GiB}
`,
      errors: [
        { messageId: "numaMemoryMismatch", data: { sum: "3G", size: "4G" }, line: 5, column: 1, endLine: 5, endColumn: 5 },
        { messageId: "numaCpuMissing", data: { cpus: "2, 3" }, line: 5, column: 1, endLine: 5, endColumn: 5 },
        { messageId: "numaCpuTwice", data: { cpu: 1, first: 0, node: 1 }, line: 7, column: 12, endLine: 7, endColumn: 17 },
        { messageId: "numaCpuOutOfRange", data: { cpu: 4, node: 1, last: 3 }, line: 7, column: 12, endLine: 7, endColumn: 17 },
      ],
    },
    {
      name: "NUMA distances: not 10 to itself, to a node that does not exist, out of range, a pair without one",
      yaml: `name: db
memory: {size: 3GiB}
runAs: qemu
cpu: {count: 3}
numa:
  - {cpus: "0", memory: 1GiB, distances: {0: 12, 3: 20, 1: 300}}
  - {cpus: "1", memory: 1GiB}
  - {cpus: "2", memory: 1GiB}
`,
      lint: { qemu: [7, 2] },
      errors: [
        { messageId: "numaDistanceMissing", data: { a: 0, b: 2 }, line: 6, column: 5, endLine: 6, endColumn: 65 },
        { messageId: "numaLocalDistance", data: { node: 0, value: 12 }, line: 6, column: 46, endLine: 6, endColumn: 48 },
        { messageId: "numaDistanceNode", data: { node: 0, to: 3, count: 3 }, line: 6, column: 53, endLine: 6, endColumn: 55 },
        { messageId: "numaDistanceRange", data: { node: 0, to: 1, value: 300 }, line: 6, column: 60, endLine: 6, endColumn: 63 },
        { messageId: "numaDistanceMissing", line: 7, column: 5, endLine: 7, endColumn: 30 },
      ],
    },
  ],
});
