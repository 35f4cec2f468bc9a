// The TypeScript types of a vmspec VM: the single source of truth. The JSON Schema in
// spec/vmspec.schema.json is generated from these declarations (npm run schema); the TSDoc
// comments become the schema's descriptions, so they are written for the user of an editor.

/**
 * A size with a binary unit, as QEMU reads it: `B`, `K`/`KiB`, `M`/`MiB`, `G`/`GiB`, `T`/`TiB`
 * (all powers of 1024). Examples: `512MiB`, `4GiB`, `20G`, `2.1G` (a fraction is cut to whole
 * bytes, as QEMU does). A bare number is refused: QEMU reads `-m 2048` as MiB, qemu-img as bytes.
 * @pattern ^[0-9]+(\.[0-9]+)?(B|K|KiB|M|MiB|G|GiB|T|TiB)$
 * @patternErrorMessage expected a size with a binary unit such as 512MiB, 4GiB or 20G
 * @examples ["4GiB", "512MiB", "20G"]
 */
export type Size = string;

/**
 * A host path. A relative path is resolved against the folder of the spec file, so a spec works
 * from any working directory.
 * @minLength 1
 */
export type HostPath = string;

/**
 * A name used to refer to a device from other parts of the spec and to derive QEMU ids.
 * @pattern ^[A-Za-z][A-Za-z0-9_.-]{0,31}$
 * @patternErrorMessage expected a name of up to 32 letters, digits, '_', '.' or '-', starting with a letter
 */
export type DeviceName = string;

/**
 * A virtual machine, compiled to a `qemu-system-aarch64` command line by `vmspec build`.
 * @defaultSnippets [{"label": "New VM (UEFI, one disk, user network)", "description": "A headless UEFI server that lints clean", "body": {"name": "${1:vm01}", "cpu": {"count": 2}, "memory": {"size": "${2:2GiB}"}, "firmware": {"uefi": {"code": "/usr/share/AAVMF/AAVMF_CODE.fd", "vars": "${1:vm01}_VARS.fd"}}, "disks": [{"name": "root", "file": "${1:vm01}.qcow2", "format": "qcow2", "size": "${3:20GiB}"}], "networks": [{"name": "lan", "type": "user", "forwards": [{"hostPort": 2222, "guestPort": 22}]}], "boot": {"order": ["root"]}, "runAs": "qemu"}}]
 */
export interface VmSpecFile {
  /**
   * The VM's name: becomes `-name` and names the default monitor sockets.
   * @minLength 1
   * @examples ["web01"]
   */
  name: string;
  /**
   * The SMBIOS system UUID (`-uuid`).
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   * @patternErrorMessage expected a UUID such as 8f0e6a3c-1d2b-4c5e-9f7a-0b1c2d3e4f50
   */
  uuid?: string;
  /** The machine type and its properties (`-machine`). Defaults to `virt`. */
  machine?: Machine;
  /**
   * The accelerator: `kvm` (the only supported mode) or `tcg` (software emulation, which the
   * statement calls insufficiently stable). Defaults to `kvm`.
   * @default "kvm"
   * @statement only `kvm` is supported; TCG "presents insufficient benefit and stability"
   */
  accel?: Accel;
  /** The vCPU model and topology (`-cpu`, `-smp`). */
  cpu?: Cpu;
  /** Guest memory (`-m`, `-mem-path`, `-mem-prealloc`). */
  memory: Memory;
  /**
   * Guest NUMA nodes, in node order (node 0 first): each with its vCPUs and its share of memory
   * (`-object memory-backend-ram`/`-file` + `-numa node,memdev=`), and optionally its distances to
   * the others (`-numa dist`). The nodes' memory must add up to `memory.size`.
   * @statement unsupported: "-numa ..." is in the statement's list of unsupported options (reported by `unsupported-option`)
   * @minItems 1
   * @maxItems 128
   */
  numa?: NumaNode[];
  /** Firmware: UEFI from pflash, or a `-bios` image. Without it QEMU boots its default. */
  firmware?: Firmware;
  /** Direct kernel boot (`-kernel`, `-initrd`, `-append`). */
  kernel?: KernelBoot;
  /** Boot order by device name, and the boot menu (`-boot menu=`). */
  boot?: Boot;
  /** Disks: each becomes a `-drive if=none` plus a `-device` on the chosen bus. */
  disks?: Disk[];
  /** CD-ROMs: read-only raw images on a SCSI or USB CD drive. */
  cdroms?: Cdrom[];
  /** How disks, CD-ROMs and UEFI pflash are written: `-drive` (default) or `-blockdev` node chains. */
  storage?: Storage;
  /** Network interfaces: each becomes a `-netdev` plus a NIC `-device`. */
  networks?: Network[];
  /** The graphical console. Headless (`-display none`, no video device) by default. */
  display?: Display;
  /** Serial port (`-serial`): a pty, a file, a unix socket, a TCP or telnet server (with a log file). Defaults to none. */
  serial?: CharBackend;
  /** A virtio console (`virtio-serial-pci` + `virtconsole`) in addition to the serial port. */
  console?: CharBackend;
  /**
   * Monitors. Without this block a QMP monitor is opened on the unix socket `<name>.run/qmp.sock`
   * beside the spec, in a folder `build` creates owner-only.
   */
  monitors?: Monitors;
  /**
   * The QEMU guest agent channel (`virtserialport` named `org.qemu.guest_agent.0`): `true` (or `{}`)
   * for one at the default socket, `false` for none, or `{socket: ...}`.
   */
  guestAgent?: GuestAgent | boolean;
  /** A virtio RNG fed from the host (`virtio-rng-pci` + `rng-random`). */
  rng?: Rng;
  /** A virtio memory balloon (`virtio-balloon-pci`). */
  balloon?: Balloon;
  /** A hardware watchdog (`i6300esb`) and what QEMU does when it fires (`-watchdog-action`). */
  watchdog?: Watchdog;
  /** The USB controller, input devices and host USB devices. A controller is added when any USB device is used. */
  usb?: Usb;
  /** Host folders shared with the guest over virtio-9p (`-fsdev` + `virtio-9p-pci`). */
  shares?: Share[];
  /** Host PCI devices passed through with VFIO (`vfio-pci`). */
  hostDevices?: HostPciDevice[];
  /** PCI Express layout: root ports for hot-plugging devices and for more devices than the root bus has slots. */
  pci?: Pci;
  /** A paravirtual panic device, so a guest kernel panic is reported to the host. */
  pvpanic?: boolean;
  /**
   * A TPM: the host's passed through (`-tpmdev passthrough`, the backend the statement supports), or
   * a software TPM run by `swtpm` (`-tpmdev emulator`).
   */
  tpm?: Tpm;
  /** The real-time clock (`-rtc`). */
  rtc?: Rtc;
  /** SMBIOS type 1 (system) strings (`-smbios type=1`). */
  smbios?: Smbios;
  /**
   * Drop root privileges to this user after start-up (`-runas`).
   * @minLength 1
   */
  runAs?: string;
  /**
   * Enable QEMU's seccomp sandbox (`-sandbox on`). Defaults to on.
   * @default true
   */
  sandbox?: boolean;
  /** Write QEMU's process id to this file (`-pidfile`). */
  pidfile?: HostPath;
  /** Detach from the terminal after start-up (`-daemonize`). */
  daemonize?: boolean;
  /**
   * Wait for an incoming migration on this URI (`-incoming`), e.g. `tcp:127.0.0.1:4444`, `unix:<path>` or
   * `defer` (a TCP address other than loopback is reported by `listener-on-network`).
   * @minLength 1
   */
  incoming?: string;
  /** Default property values for device types (`-global driver=<driver>,property=<property>,value=<value>`). */
  globals?: Global[];
  /**
   * vmspec's own defaults: `-nodefaults -no-user-config`, a QMP monitor, `-display none`,
   * `-sandbox on`, and the machine type (`virt`), accelerator (`kvm`), CPU model (`host` with KVM,
   * `max` with TCG) and vCPU count (1) it assumes when the spec names none. `false`: only what the spec says is emitted.
   * `vmspec import` writes `false`, so that the spec reproduces the command line it came from.
   * @default true
   * @statement a vmspec setting: whatever is emitted is linted against the statement like every other option
   */
  defaults?: boolean;
  /**
   * Properties added to an option vmspec generates, for QEMU settings the spec has no field for,
   * e.g. `machine: {usb: "off", dump-guest-core: "off"}` gives `-machine virt,...,usb=off,dump-guest-core=off`.
   * Keys are the option without its dash; the option is created when vmspec generates none.
   * @statement not part of the statement's lists: vmspec passes these through and lints the options they end up in
   */
  qemuProperties?: QemuProperties;
  /**
   * Raw QEMU arguments appended after everything vmspec generates. They are parsed and linted like
   * generated options; one that conflicts with a generated option is reported, never silently
   * overriding it.
   */
  extraArgs?: string[];
}

/**
 * Extra properties per generated option, as QEMU spells them (`key: value`). The options they end
 * up in are linted like every other option.
 */
export interface QemuProperties {
  /**
   * Added to `-name`, e.g. `debug-threads: "on"`.
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-name` option they end up in
   */
  name?: PropertyMap;
  /**
   * Added to `-machine`, e.g. `usb: "off"`, `dump-guest-core: "off"`.
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-machine` option they end up in
   */
  machine?: PropertyMap;
  /**
   * Added to `-cpu` (CPU features are better written in `cpu.model`).
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-cpu` option they end up in
   */
  cpu?: PropertyMap;
  /**
   * Added to `-smp`.
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-smp` option they end up in
   */
  smp?: PropertyMap;
  /**
   * Added to `-m`, e.g. `slots: "4"`, `maxmem: "8G"`.
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-m` option they end up in
   */
  m?: PropertyMap;
  /**
   * Added to `-rtc`, e.g. `driftfix: "slew"`.
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-rtc` option they end up in
   */
  rtc?: PropertyMap;
  /**
   * Added to `-boot`, e.g. `strict: "on"`.
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-boot` option they end up in
   */
  boot?: PropertyMap;
  /**
   * Added to the option that carries the display: `-vnc` for a VNC display (e.g. `lossy: "on"`),
   * `-spice` for SPICE (e.g. `image-compression: "off"`), `-display` otherwise (e.g. `gl: "on"`).
   * @statement not part of the statement's lists: vmspec passes these through and lints the option they end up in
   */
  display?: PropertyMap;
  /**
   * Added to `-sandbox`, e.g. `obsolete: "deny"`.
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-sandbox` option they end up in
   */
  sandbox?: PropertyMap;
  /**
   * Added to the `-device` of a device the spec names (a disk, CD-ROM, network, host PCI or USB
   * device), by its name: `devices: {root: {num-queues: "4"}, lan: {rx_queue_size: "1024"}}`
   * gives `-device virtio-blk-pci,...,id=root,num-queues=4` and `-device virtio-net-pci,...,id=lan,rx_queue_size=1024`.
   * A name the spec does not define is reported by `undefined-reference`.
   * @statement not part of the statement's lists: vmspec passes these through and lints the `-device` options they end up in
   */
  devices?: DeviceProperties;
}

/**
 * QEMU properties per named device: the key is the device's spec name.
 * @propertyNames {"pattern": "^[A-Za-z][A-Za-z0-9_.-]{0,31}$", "patternErrorMessage": "a device name from disks, cdroms, networks, hostDevices or usb.host"}
 */
export interface DeviceProperties {
  [name: string]: PropertyMap;
}

/**
 * QEMU properties: names as QEMU spells them, values as strings (`"off"`, `"2"`).
 * @propertyNames {"pattern": "^[a-z][a-z0-9._-]*$", "patternErrorMessage": "a QEMU property name: lower case letters, digits, '.', '_' and '-'"}
 */
export interface PropertyMap {
  [key: string]: string;
}

/**
 * The accelerator.
 * @enumDescriptions ["KVM hardware virtualization (`-machine accel=kvm`): the supported mode", "TCG software emulation: slow, and unsupported by the statement"]
 * @enumDeprecations {"tcg": "TCG is unsupported by the SLES 12 SP3 statement: use kvm"}
 */
export type Accel = "kvm" | "tcg";

/** The machine type. */
export interface Machine {
  /**
   * The machine type. The statement supports `virt` and `virt-2.6` (`none` is only for
   * queries). There is no `virt-2.9` in QEMU 2.9.
   * @default "virt"
   * @examples ["virt", "virt-2.6"]
   * @pattern ^[a-z][a-z0-9.-]*$
   * @patternErrorMessage expected a machine type such as virt or virt-2.6
   * @statement supported: `virt`, `virt-2.6` (and `none`); every other board is unsupported
   * @deprecatedUnless ["virt", "virt-2.6", "none"]
   * @deprecationText the SLES 12 SP3 statement supports only the virt and virt-2.6 machine types
   */
  type?: string;
  /**
   * The GIC version of the virt board (`gic-version=`): `2`, `3`, `host` (KVM only: QEMU refuses it
   * under TCG, reported by `kvm-only-setting`) or `max`.
   * @enumDescriptions ["GICv2", "GICv3", "whatever the host has (KVM only; QEMU refuses it under TCG)", "the newest the accelerator supports"]
   */
  gicVersion?: "2" | "3" | "host" | "max";
}

/** The vCPU model and topology. */
export interface Cpu {
  /**
   * The CPU model (`-cpu`), optionally with features: `host,pmu=off`. The statement supports only
   * `host` (with KVM). Defaults to `host` with KVM and to `max` with TCG (`cortex-a57` for QEMU 2.9),
   * where QEMU has no `host` model (`host` with `accel: tcg` is reported by `kvm-only-setting`).
   * @default "host"
   * @pattern ^[A-Za-z0-9][A-Za-z0-9_.+=,-]*$
   * @patternErrorMessage expected a CPU model such as host, optionally with features: host,pmu=off
   * @statement supported: `host` only
   * @deprecatedUnless ["host"]
   * @deprecationText the SLES 12 SP3 statement supports only -cpu host
   */
  model?: string;
  /**
   * The number of vCPUs. Defaults to sockets x cores x threads, or 1.
   * @minimum 1
   * @maximum 512
   * @TJS-type integer
   */
  count?: number;
  /**
   * CPU sockets (`-smp sockets=`).
   * @minimum 1
   * @TJS-type integer
   */
  sockets?: number;
  /**
   * Cores per socket (`-smp cores=`).
   * @minimum 1
   * @TJS-type integer
   */
  cores?: number;
  /**
   * Threads per core (`-smp threads=`).
   * @minimum 1
   * @TJS-type integer
   */
  threads?: number;
  /**
   * The most vCPUs that can be hot-added (`maxcpus`).
   * @minimum 1
   * @maximum 512
   * @TJS-type integer
   */
  maxCount?: number;
}

/** Guest memory. */
export interface Memory {
  /**
   * The memory size (`-m`): a number and a binary unit, e.g. `4GiB`, `2048MiB`, `2.5G`. A bare
   * number is refused (write `2048MiB`); QEMU rounds memory up to 8 KiB.
   */
  size: Size;
  /**
   * Back guest memory with hugetlbfs pages (`-mem-path`). `true` uses `/dev/hugepages`; a string
   * names the hugetlbfs mount. With `numa` nodes it is each node's default instead (their memory
   * backends take the mount, and no `-mem-path` is written).
   */
  hugepages?: boolean | HostPath;
  /** Allocate all guest memory at start (`-mem-prealloc`). */
  prealloc?: boolean;
}

/** A guest NUMA node. */
export interface NumaNode {
  /**
   * The vCPUs of this node (`cpus=`): indexes from 0, ranges and lists, e.g. `0-3` or `0-1,4-5`.
   * Every vCPU up to `cpu.maxCount` should be in exactly one node.
   * @pattern ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$
   * @patternErrorMessage expected vCPU indexes such as 0-3 or 0-1,4-5
   * @examples ["0-1", "2-3"]
   * @statement unsupported: NUMA nodes compile to `-numa`, which the statement lists as unsupported
   */
  cpus: string;
  /**
   * This node's memory: a size with a binary unit such as `2GiB` (its memory backend's `size=`).
   * The nodes' sizes add up to `memory.size`.
   * @statement unsupported: NUMA nodes compile to `-numa`, which the statement lists as unsupported
   */
  memory: Size;
  /**
   * Back this node's memory with hugetlbfs pages (`memory-backend-file,mem-path=`): `true` uses
   * `/dev/hugepages`, a string names the hugetlbfs mount. Without it the node follows `memory.hugepages`.
   * @statement unsupported: NUMA nodes compile to `-numa`, which the statement lists as unsupported
   */
  hugepages?: boolean | HostPath;
  /**
   * This node's distances to other nodes, by node index: `{1: 20}` in node 0 says node 1 is at
   * distance 20 (`-numa dist,src=0,dst=1,val=20`). As in the ACPI SLIT, a node is at 10 from
   * itself and 10-255 from others (255: unreachable). Once any distance is given, every pair of nodes needs one from
   * either of its two nodes (QEMU takes the other direction to be the same; `conflicting-settings`
   * reports what QEMU would refuse). QEMU 2.9 has no `-numa dist` (`target-unsupported`).
   * @statement unsupported: NUMA nodes compile to `-numa`, which the statement lists as unsupported
   */
  distances?: NumaDistances;
}

/**
 * NUMA distances by node index.
 * @propertyNames {"pattern": "^(0|[1-9][0-9]{0,2})$", "patternErrorMessage": "a node index: 0, 1, 2, ..."}
 */
export interface NumaDistances {
  /**
   * A NUMA distance: 10 for a node to itself, 10-255 to another node (checked by `conflicting-settings`).
   */
  [node: string]: number;
}

/** Firmware. Use either `uefi` or `bios`. */
export interface Firmware {
  /** UEFI (AAVMF) from two pflash units: read-only code and a per-VM copy of the variable store. */
  uefi?: Uefi;
  /** A firmware image loaded with `-bios`. */
  bios?: HostPath;
}

/** UEFI firmware in pflash. */
export interface Uefi {
  /**
   * The read-only firmware code image, e.g. `/usr/share/AAVMF/AAVMF_CODE.fd` (SUSE's and
   * Debian's AAVMF package).
   * @examples ["/usr/share/AAVMF/AAVMF_CODE.fd"]
   */
  code: HostPath;
  /** This VM's own variable store. Created from `varsTemplate` when missing. */
  vars: HostPath;
  /**
   * The pristine variable store copied to `vars` when it does not exist.
   * @default "/usr/share/AAVMF/AAVMF_VARS.fd"
   */
  varsTemplate?: HostPath;
}

/** Direct kernel boot. */
export interface KernelBoot {
  /** The kernel image (`-kernel`). */
  path: HostPath;
  /** The initial ramdisk (`-initrd`). */
  initrd?: HostPath;
  /** The kernel command line (`-append`). */
  append?: string;
}

/** Boot settings. */
export interface Boot {
  /**
   * Boot order by device name (disks, CD-ROMs, networks, host devices): the first boots first.
   * Compiled to `bootindex` properties; do not also set `bootindex` on the same devices.
   */
  order?: DeviceName[];
  /** Show the firmware's boot menu (`-boot menu=on`). */
  menu?: boolean;
}

/** Machine-wide storage settings. */
export interface Storage {
  /**
   * The block backend of every disk, CD-ROM and UEFI pflash: `drive` (`-drive if=none`, the
   * default) or `blockdev`, as libvirt writes disks for QEMU 4.2 and later: a protocol node
   * (`driver=file`/`host_device`, node `file-<name>`) under a format node (`qcow2`/`raw`, node
   * `drive-<name>`), a `throttle` filter node (`throttle-<name>`) over it with an `-object
   * throttle-group` when the disk has limits, the cache mode split into `cache.direct`/
   * `cache.no-flush` and the device's `write-cache`, an empty CD-ROM tray as a `scsi-cd` with no
   * drive, and UEFI as `-machine pflash0=,pflash1=`. Needs QEMU 4.1 or later (the virt board's
   * pflash properties).
   * @default "drive"
   * @enumDescriptions ["`-drive if=none,id=drive-<name>` plus the device (every QEMU version)", "`-blockdev` protocol and format nodes plus the device (QEMU 4.1 and later)"]
   */
  backend?: "drive" | "blockdev";
}

/** The bus a disk is attached to. */
export type DiskBus = "virtio-blk" | "virtio-scsi" | "usb-storage";

/**
 * A disk image.
 * @defaultSnippets [{"label": "New qcow2 disk", "description": "A virtio disk that build creates when missing", "body": {"name": "${1:data}", "file": "${2:data.qcow2}", "format": "qcow2", "size": "${3:10GiB}"}}]
 */
export interface Disk {
  /** The disk's name, used for ids and references. */
  name: DeviceName;
  /** The image file, block device or logical volume. */
  file: HostPath;
  /**
   * The image format (`-drive format=`). `qed` is deprecated by the statement: convert to `qcow2`.
   * @enumDescriptions ["QEMU's native format: snapshots, backing files, thin provisioning", "deprecated: no benefit over qcow2, and SLE 15 cannot create it", "a plain image, a block device or a logical volume"]
   * @enumDeprecations {"qed": "qed is deprecated by the SLES 12 SP3 statement: convert with qemu-img convert -f qed -O qcow2"}
   * @statement supported: qcow2, qed (deprecated), raw
   */
  format: "qcow2" | "qed" | "raw";
  /**
   * The bus: `virtio-blk` (default), `virtio-scsi` or `usb-storage`.
   * @default "virtio-blk"
   * @enumDescriptions ["`virtio-blk-pci`: the fastest, one PCI device per disk", "`scsi-hd` on a shared `virtio-scsi-pci` controller: many disks, discard, SCSI passthrough", "`usb-storage` on the USB controller: for images that must look removable"]
   */
  bus?: DiskBus;
  /**
   * The host cache mode (`cache=`). `none` or `directsync` are needed for `aio: native`.
   * @enumDescriptions ["O_DIRECT, no host page cache: the usual choice for production", "host page cache, writes acknowledged when cached (QEMU's default)", "host page cache, writes acknowledged when on disk", "O_DIRECT and every write flushed", "ignores flushes: data loss on a host crash; for throwaway VMs only"]
   */
  cache?: "none" | "writeback" | "writethrough" | "directsync" | "unsafe";
  /**
   * The host I/O mode (`aio=`). `native` requires `cache: none` or `directsync`.
   * @enumDescriptions ["a pool of host threads (QEMU's default)", "Linux native AIO: needs cache none or directsync"]
   */
  aio?: "threads" | "native";
  /** Pass guest discard/TRIM requests to the image (`discard=unmap`). */
  discard?: boolean;
  /** Attach the disk read-only. */
  readonly?: boolean;
  /**
   * The serial number the guest sees.
   * @minLength 1
   * @maxLength 36
   */
  serial?: string;
  /**
   * The boot priority (`bootindex`): lower boots first.
   * @minimum 0
   * @TJS-type integer
   */
  bootindex?: number;
  /**
   * Create the image with this virtual size when it does not exist (`qemu-img create`): a number
   * and a binary unit, e.g. `20GiB`, `512M`, `1.5T`. A bare number is refused (qemu-img would
   * read it as bytes); the size is rounded up to 512-byte sectors, as qemu-img does.
   */
  size?: Size;
  /**
   * Detect writes of zeroes and turn them into zero writes (`detect-zeroes=on`) or, with
   * `discard: true`, into discards that free the space in the image (`detect-zeroes=unmap`;
   * QEMU 2.9 refuses `unmap` without `discard=unmap`, reported by `conflicting-settings`).
   * @enumDescriptions ["no detection (QEMU's default)", "zero writes become efficient zero writes", "zero writes become discards (needs discard: true)"]
   */
  detectZeroes?: "off" | "on" | "unmap";
  /** I/O limits for this disk (`throttling.*`), optionally shared with other disks in a throttle group. */
  throttle?: DiskThrottle;
  /**
   * Run this disk's I/O in a dedicated I/O thread (`-object iothread` and `iothread=`) instead of
   * QEMU's main loop. Disks naming the same thread share it. A `virtio-blk` disk gets it on its own
   * device; `virtio-scsi` disks share one controller, so the thread goes on the controller and every
   * `virtio-scsi` disk that names one must name the same one (reported by `conflicting-settings`).
   * Not for `usb-storage`.
   * @examples ["io1"]
   */
  iothread?: DeviceName;
}

/**
 * I/O limits of a disk (`-drive throttling.*`). A total limit and a read or write limit of the same
 * kind cannot be combined (QEMU refuses it; reported by `conflicting-settings`).
 */
export interface DiskThrottle {
  /**
   * Read and write operations per second, together (`throttling.iops-total`).
   * @minimum 1
   * @TJS-type integer
   */
  iopsTotal?: number;
  /**
   * Read operations per second (`throttling.iops-read`).
   * @minimum 1
   * @TJS-type integer
   */
  iopsRead?: number;
  /**
   * Write operations per second (`throttling.iops-write`).
   * @minimum 1
   * @TJS-type integer
   */
  iopsWrite?: number;
  /**
   * Bytes per second read and written, together (`throttling.bps-total`).
   * @minimum 1
   * @TJS-type integer
   */
  bpsTotal?: number;
  /**
   * Bytes per second read (`throttling.bps-read`).
   * @minimum 1
   * @TJS-type integer
   */
  bpsRead?: number;
  /**
   * Bytes per second written (`throttling.bps-write`).
   * @minimum 1
   * @TJS-type integer
   */
  bpsWrite?: number;
  /**
   * A throttle group (`throttling.group`): disks naming the same group share one set of limits
   * (the limits of the disks in a group should be the same; QEMU takes those given last).
   * @pattern ^[A-Za-z][A-Za-z0-9_.-]{0,31}$
   * @patternErrorMessage expected a name of up to 32 letters, digits, '_', '.' or '-', starting with a letter
   */
  group?: string;
}

/** A CD-ROM. */
export interface Cdrom {
  /** The CD-ROM's name, used for ids and references. */
  name: DeviceName;
  /**
   * The ISO image (read-only, raw). Without it the drive is an empty tray: insert media later
   * through QMP, `{"execute": "blockdev-change-medium", "arguments": {"id": "<name>", "filename":
   * "install.iso", "format": "raw"}}` (the id is the CD-ROM's name), or, with storage.backend drive, HMP `change drive-<name> install.iso`.
   */
  file?: HostPath;
  /**
   * The bus: `virtio-scsi` (default, a `scsi-cd`) or `usb-storage`.
   * @default "virtio-scsi"
   * @enumDescriptions ["`scsi-cd` on the `virtio-scsi-pci` controller", "`usb-storage` on the USB controller"]
   */
  bus?: "virtio-scsi" | "usb-storage";
  /**
   * The boot priority (`bootindex`): lower boots first.
   * @minimum 0
   * @TJS-type integer
   */
  bootindex?: number;
}

/**
 * A network interface.
 * @defaultSnippets [{"label": "User network with SSH forward", "body": {"name": "${1:lan}", "type": "user", "forwards": [{"hostPort": "^${2:2222}", "guestPort": 22}]}}, {"label": "Bridged network", "body": {"name": "${1:uplink}", "type": "bridge", "bridge": "${2:br0}"}}]
 */
export interface Network {
  /** The interface's name, used for ids and references. */
  name: DeviceName;
  /**
   * The backend (`-netdev`): `user` (SLIRP, no privileges), `tap` (an existing or new tap device)
   * or `bridge` (a tap attached to a host bridge by `qemu-bridge-helper`).
   * @enumDescriptions ["`-netdev user`: NAT in QEMU, no privileges; forward ports to reach the guest", "`-netdev tap`: a host tap device; vhost and multi-queue", "`-netdev bridge`: a tap on a host bridge, set up by qemu-bridge-helper"]
   */
  type: "user" | "tap" | "bridge";
  /**
   * The NIC model. The statement supports `virtio`, `e1000`, `e1000e` and `rtl8139`.
   * @default "virtio"
   * @enumDescriptions ["`virtio-net-pci`: paravirtual, the fastest; vhost and multi-queue", "`e1000`: emulated Intel 82540EM, for guests without virtio drivers", "`e1000e`: emulated Intel 82574L", "`rtl8139`: emulated Realtek, for old guests"]
   */
  model?: "virtio" | "e1000" | "e1000e" | "rtl8139";
  /**
   * The MAC address.
   * @pattern ^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$
   * @patternErrorMessage expected a MAC address such as 52:54:00:12:34:56
   */
  mac?: string;
  /**
   * Multi-queue: the number of queue pairs (virtio model, tap networks only: QEMU refuses
   * `queues=` with `helper=`, whose tap has a single queue; for multi-queue, attach a
   * `multi_queue` tap yourself and use a tap network).
   * @minimum 1
   * @maximum 64
   * @TJS-type integer
   */
  queues?: number;
  /**
   * Use the vhost-net kernel accelerator (tap and bridge networks; needs `/dev/vhost-net`). On a
   * bridge network the tap comes from the bridge helper: `-netdev tap,br=<bridge>,helper=<helper>,vhost=on`.
   */
  vhost?: boolean;
  /**
   * Who runs a user network: `slirp` (QEMU's built-in `-netdev user`, the default) or `passt`
   * (QEMU 7.2 and later: `-netdev stream` to the socket of a `passt` daemon that build's
   * preparation step names but does not start). passt also forwards from IPv6 host addresses;
   * it has no `restrict`.
   * @default "slirp"
   * @enumDescriptions ["`-netdev user`: QEMU's built-in SLIRP; forwards from IPv4 addresses only", "`-netdev stream` to a passt daemon (QEMU 7.2+): forwards from IPv4 and IPv6 addresses"]
   */
  backend?: "slirp" | "passt";
  /**
   * The unix socket passt binds and QEMU connects to (`backend: passt` only): build's passt
   * command gets `--socket` with it. Defaults to `<name>.run/passt-<network>.sock` beside the spec.
   */
  socket?: HostPath;
  /** Host port forwards into the guest (user networking only). */
  forwards?: PortForward[];
  /**
   * Isolate the guest from the host and the outside (`restrict=on`, user networks only): it can
   * reach neither, while `forwards` into it still work.
   */
  restrict?: boolean;
  /**
   * The bridge helper that attaches the tap to the bridge (bridge networks only, `helper=`).
   * Without `vhost`, QEMU's built-in default is used; with `vhost` (written as `-netdev
   * tap,helper=`, which has no default) the path of the distribution that goes with the target
   * QEMU: `/usr/lib/qemu-bridge-helper` (SLES, QEMU 2.9), `/usr/lib/qemu/qemu-bridge-helper`
   * (Debian, QEMU 7.2).
   */
  helper?: HostPath;
  /**
   * The tap device name (tap only).
   * @pattern ^[A-Za-z0-9_.-]{1,15}$
   * @patternErrorMessage expected a network interface name of up to 15 letters, digits, '_', '.' or '-'
   */
  ifname?: string;
  /**
   * The host bridge (bridge only).
   * @pattern ^[A-Za-z0-9_.-]{1,15}$
   * @patternErrorMessage expected a network interface name of up to 15 letters, digits, '_', '.' or '-'
   */
  bridge?: string;
  /**
   * The boot priority (`bootindex`) for network boot.
   * @minimum 0
   * @TJS-type integer
   */
  bootindex?: number;
}

/** A host port forwarded into the guest. */
export interface PortForward {
  /**
   * The protocol forwarded.
   * @default "tcp"
   * @enumDescriptions ["TCP", "UDP"]
   */
  protocol?: "tcp" | "udp";
  /**
   * The host address to listen on. Defaults to `127.0.0.1`; use `0.0.0.0` to listen on all IPv4
   * addresses. An IPv6 address (`::1`, written without brackets) needs `backend: passt`: QEMU's
   * built-in user network forwards from IPv4 addresses only (QEMU 7.2: "Bad host address" for
   * `[::1]`).
   * @default "127.0.0.1"
   * @pattern ^(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$
   * @patternErrorMessage expected an IPv4 address such as 127.0.0.1, or an IPv6 address without brackets such as ::1 (with backend: passt)
   */
  hostAddress?: string;
  /**
   * The port on the host.
   * @minimum 1
   * @maximum 65535
   * @TJS-type integer
   */
  hostPort: number;
  /**
   * The port in the guest.
   * @minimum 1
   * @maximum 65535
   * @TJS-type integer
   */
  guestPort: number;
}

/** The graphical console. */
export interface Display {
  /**
   * `none`, `vnc`, `spice`, `gtk` or `sdl`. (Without `display`, the VM is headless.)
   * @enumDescriptions ["headless (`-display none`)", "a VNC server (`-vnc`), on 127.0.0.1 by default", "a SPICE server (`-spice`), on 127.0.0.1 by default", "a local GTK window (`-display gtk`)", "a local SDL window (`-display sdl`)"]
   */
  type: "none" | "vnc" | "spice" | "gtk" | "sdl";
  /**
   * The address VNC or SPICE listens on. Defaults to `127.0.0.1`; any other address without
   * `password` or `tls` is reported by `vnc-unauthenticated`.
   * @default "127.0.0.1"
   * @minLength 1
   * @pattern ^[A-Za-z0-9.:_-]+$
   * @patternErrorMessage expected a host name or an IP address, such as 127.0.0.1 or ::1
   */
  listen?: string;
  /**
   * The TCP port VNC or SPICE listens on. VNC: 5900 + the display number (5900 by default; display 1
   * is `5901`; a port below 5900 is reported by `vnc-port-range`). SPICE: 5930 by default.
   * @minimum 0
   * @maximum 65535
   * @TJS-type integer
   * @examples [5900, 5901, 5930]
   */
  port?: number;
  /**
   * Require a password (VNC: `password=on`; SPICE: ticketing on). No password is set at start, so
   * nobody can connect until one is set through QMP: `{"execute": "set_password", "arguments":
   * {"protocol": "vnc", "password": "..."}}` (`"spice"` for SPICE; VNC passwords are at most 8
   * characters), or HMP `set_password vnc ...`.
   */
  password?: boolean;
  /**
   * A file holding the VNC or SPICE password, which QEMU reads at start (`-object
   * secret,id=display-password,file=<file>,format=raw` and `password-secret=display-password`, QEMU
   * 7.0 and later): the password is never on the command line, where `ps` shows it. Keep the file
   * owner-only; VNC uses at most 8 characters. For QEMU 2.9, use `password: true` and set it
   * through QMP instead.
   */
  passwordFile?: HostPath;
  /**
   * A VNC WebSocket port (`websocket=<port>`) for browser clients such as noVNC, on the same
   * address as VNC and with the same password or TLS.
   * @minimum 1
   * @maximum 65535
   * @TJS-type integer
   * @examples [5700]
   */
  websocket?: number;
  /** TLS for VNC (a `tls-creds-x509` object and `tls-creds=`) or SPICE (`x509-dir=` and `tls-port=`). */
  tls?: DisplayTls;
  /**
   * The video device: `std` (`VGA`), `qxl` (`qxl-vga`, for SPICE), `virtio-gpu`
   * (`virtio-gpu-pci`, unsupported by the statement) or `ramfb`. Defaults to `std` with a
   * display; none when `display.type` is `none`.
   * @default "std"
   * @enumDescriptions ["`VGA`: the standard VGA card (supported)", "`qxl-vga`: the SPICE-optimised card (supported)", "`virtio-gpu-pci`: unsupported by the statement (the virtio-gpu alias is in its unsupported list)", "`ramfb`: a plain framebuffer, in neither list (a technology preview)"]
   * @enumDeprecations {"virtio-gpu": "virtio-gpu is unsupported by the SLES 12 SP3 statement: use std or qxl", "ramfb": "ramfb is not in the SLES 12 SP3 statement (a technology preview): use std or qxl"}
   */
  video?: "std" | "qxl" | "virtio-gpu" | "ramfb";
}

/** TLS credentials for a VNC or SPICE server. */
export interface DisplayTls {
  /**
   * The folder holding `ca-cert.pem`, `server-cert.pem` and `server-key.pem` (QEMU's names; SPICE
   * reads `ca-cert.pem`, `server-cert.pem`, `server-key.pem` from it too), e.g. `/etc/pki/qemu`.
   */
  dir: HostPath;
  /**
   * VNC: require clients to present a certificate signed by the CA (`verify-peer=on`). Defaults to
   * off (encryption without client certificates).
   * @default false
   */
  verifyClients?: boolean;
}

/** A character device backend. */
export interface CharBackend {
  /**
   * `pty`, `stdio`, `file` (write to `path`), `socket` (unix socket at `path`), `null`, or a TCP
   * server: `tcp` (raw) or `telnet` (telnet negotiation, for `telnet host port`), on `host` and `port`.
   * @enumDescriptions ["a pseudo-terminal; QEMU prints its path", "QEMU's standard input and output", "append to the file at path", "a unix socket server at path", "discard", "a TCP server on host:port (raw bytes, e.g. nc or socat)", "a TCP server on host:port speaking telnet (telnet host port)"]
   */
  type: "pty" | "stdio" | "file" | "socket" | "null" | "tcp" | "telnet";
  /** The file or unix socket path (for `file` and `socket`). */
  path?: HostPath;
  /**
   * The address a `tcp` or `telnet` server listens on. Defaults to `127.0.0.1`; any other address
   * lets whoever reaches it type into the console (reported by `listener-on-network`).
   * @default "127.0.0.1"
   * @minLength 1
   * @pattern ^[A-Za-z0-9.:_-]+$
   * @patternErrorMessage expected a host name or an IP address, such as 127.0.0.1 or ::1
   */
  host?: string;
  /**
   * The TCP port a `tcp` or `telnet` server listens on (required for them).
   * @minimum 1
   * @maximum 65535
   * @TJS-type integer
   * @examples [4555]
   */
  port?: number;
  /**
   * For a server (`socket`, `tcp`, `telnet`): wait for a client to connect before the VM starts
   * (`wait=on`), so that no early output is missed. Without it the VM starts at once (`wait=off`).
   * @default false
   */
  wait?: boolean;
  /**
   * Also write everything the guest sends to this file (`logfile=`), whatever the backend, e.g.
   * to keep the boot log of a console served over TCP.
   */
  logfile?: HostPath;
  /**
   * Append to `logfile` instead of emptying it at each start (`logappend=on`).
   * @default false
   */
  logAppend?: boolean;
}

/** Monitors. */
export interface Monitors {
  /** The QMP monitor. `false` disables the default one. */
  qmp?: Monitor | false;
  /** The human monitor (HMP). */
  hmp?: Monitor;
}

/** A monitor endpoint. */
export interface Monitor {
  /**
   * A unix socket path. Defaults to `<name>.run/<monitor>.sock` (`qmp.sock` or `hmp.sock`) beside
   * the spec, in a folder `build` creates owner-only (0700).
   */
  socket?: HostPath;
  /**
   * A TCP endpoint `host:port` instead of a unix socket (not recommended: unauthenticated;
   * reported by `monitor-on-network`).
   * @pattern ^[^:,\s]+:[0-9]{1,5}$
   * @patternErrorMessage expected host:port, such as 127.0.0.1:4444
   * @deprecationMessage a monitor on TCP has no authentication: use a unix socket
   */
  tcp?: string;
}

/** The guest agent channel. */
export interface GuestAgent {
  /**
   * The host-side unix socket. Defaults to `<name>.run/qga.sock` beside the spec, in a folder
   * `build` creates owner-only (0700).
   */
  socket?: HostPath;
}

/** A virtio RNG. */
export interface Rng {
  /**
   * The host entropy source.
   * @default "/dev/urandom"
   */
  source?: HostPath;
}

/** A memory balloon. */
export interface Balloon {
  /** Let the guest deflate the balloon when it runs out of memory. */
  deflateOnOom?: boolean;
}

/** A watchdog. */
export interface Watchdog {
  /**
   * The watchdog model.
   * @default "i6300esb"
   * @enumDescriptions ["Intel 6300ESB, a PCI watchdog (supported)"]
   */
  model?: "i6300esb";
  /**
   * What QEMU does when the watchdog fires (`-watchdog-action`).
   * @default "reset"
   * @enumDescriptions ["reset the guest", "ACPI shutdown request", "power off at once", "pause the guest", "print a debug message and continue", "do nothing"]
   */
  action?: "reset" | "shutdown" | "poweroff" | "pause" | "debug" | "none";
}

/** USB. */
export interface Usb {
  /**
   * The host controller: `ehci` (default, `usb-ehci`), `ohci` (`pci-ohci`) or `xhci`.
   * @default "ehci"
   * @enumDescriptions ["`usb-ehci`: USB 2.0 (supported)", "`pci-ohci`: USB 1.1 (supported)", "`qemu-xhci` (`nec-usb-xhci` before QEMU 2.10): USB 3, in neither list of the statement"]
   */
  controller?: "ehci" | "ohci" | "xhci";
  /** Add a USB tablet (absolute pointer). */
  tablet?: boolean;
  /** Add a USB keyboard. */
  keyboard?: boolean;
  /** Add a USB mouse. */
  mouse?: boolean;
  /**
   * Host USB devices passed through (`usb-host`, supported by the statement), each chosen by
   * `vendor` and `product` (wherever it is plugged in; QEMU starts without it and attaches it when
   * it appears) or by `bus` and `address` (where it is now, as `lsusb` shows it; QEMU refuses to
   * start when nothing is there, and the address changes when it is plugged in again). QEMU needs
   * read-write access to its `/dev/bus/usb/<bus>/<address>` node.
   */
  host?: UsbHostDevice[];
}

/**
 * A host USB device passed through: `vendor` and `product`, or `bus` and `address`.
 * @defaultSnippets [{"label": "USB device by vendor and product", "body": {"name": "${1:token}", "vendor": "${2:0x046d}", "product": "${3:0xc52b}"}}]
 */
export interface UsbHostDevice {
  /** The device's name, used for ids and references. */
  name: DeviceName;
  /**
   * The USB vendor id (`vendorid=`), as `lsusb` prints it (`046d`) or with `0x`.
   * @pattern ^(0x)?[0-9a-fA-F]{4}$
   * @patternErrorMessage expected a 4-digit hexadecimal USB vendor id such as 046d or 0x046d
   */
  vendor?: string;
  /**
   * The USB product id (`productid=`), as `lsusb` prints it (`c52b`) or with `0x`.
   * @pattern ^(0x)?[0-9a-fA-F]{4}$
   * @patternErrorMessage expected a 4-digit hexadecimal USB product id such as c52b or 0xc52b
   */
  product?: string;
  /**
   * The host USB bus number (`hostbus=`): `Bus 001` in `lsusb` is 1.
   * @minimum 0
   * @maximum 255
   * @TJS-type integer
   */
  bus?: number;
  /**
   * The device's address on that bus (`hostaddr=`): `Device 003` in `lsusb` is 3.
   * @minimum 1
   * @maximum 127
   * @TJS-type integer
   */
  address?: number;
}

/** A host folder shared over virtio-9p. */
export interface Share {
  /** The host folder. */
  path: HostPath;
  /**
   * The tag the guest mounts (`mount -t 9p <tag>`).
   * @pattern ^[A-Za-z0-9_.-]{1,31}$
   * @patternErrorMessage expected a tag of up to 31 letters, digits, '_', '.' or '-'
   */
  tag: string;
  /**
   * The security model. `mapped-xattr` (default) keeps guest ownership in xattrs; `passthrough`
   * needs QEMU to run as root; `none` ignores ownership.
   * @default "mapped-xattr"
   * @enumDescriptions ["guest ownership and modes kept in extended attributes (recommended)", "guest ownership and modes kept in hidden files", "guest ownership applied to host files: QEMU must run as root (reported by virtfs-passthrough)", "ownership ignored"]
   * @enumDeprecations {"passthrough": "passthrough lets guest root create root-owned files on the host: use mapped-xattr"}
   */
  securityModel?: "mapped-xattr" | "mapped-file" | "passthrough" | "none";
  /** Share read-only. */
  readonly?: boolean;
}

/** A host PCI device passed through with VFIO. */
export interface HostPciDevice {
  /** The device's name, used for ids and references. */
  name: DeviceName;
  /**
   * The host PCI address `domain:bus:slot.function`.
   * @pattern ^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$
   * @patternErrorMessage expected a PCI address such as 0000:01:00.0
   */
  address: string;
  /**
   * The boot priority (`bootindex`).
   * @minimum 0
   * @TJS-type integer
   */
  bootindex?: number;
}

/**
 * The PCI Express layout. A device's own slot is QEMU's `addr`, set through
 * `qemuProperties.devices.<name>: {addr: "0x5"}`, and a device goes on a root port with
 * `qemuProperties.devices.<name>: {bus: rp1}`.
 */
export interface Pci {
  /**
   * Add this many PCIe root ports, `rp1` ... `rp<n>` (`pcie-root-port`), eight to a slot of the root
   * bus (`addr=0x1.0x0,multifunction=on`, `0x1.0x1`, ...): each takes one device, hot-plugged with
   * QMP `device_add ... bus=rp<i>` (a device on the root bus cannot be hot-unplugged), so up to
   * 8 x 31 devices fit where the root bus has 31 slots. Not in the SLES 12 SP3 statement's lists.
   * @minimum 1
   * @maximum 64
   * @TJS-type integer
   */
  rootPorts?: number;
}

/** A TPM: the host's (passthrough) or a software TPM (swtpm). */
export interface Tpm {
  /**
   * The backend: `passthrough` (the host TPM at `path`) or `emulator` (a software TPM 2.0 that
   * `swtpm` runs, QEMU 2.11 and later; reported by `tpm-backend-unsupported` under the SUSE profiles,
   * whose statements support passthrough only).
   * @default "passthrough"
   * @enumDescriptions ["the host TPM device (`-tpmdev passthrough,path=`): supported", "a software TPM: `-chardev socket` to swtpm + `-tpmdev emulator`; unsupported by the statement"]
   * @enumDeprecations {"emulator": "the SLES 12 SP3 statement supports only -tpmdev passthrough"}
   */
  type?: "passthrough" | "emulator";
  /**
   * The host TPM device (passthrough only).
   * @default "/dev/tpm0"
   */
  path?: HostPath;
  /**
   * The swtpm control socket QEMU connects to (emulator only). Defaults to `<name>.run/swtpm.sock`
   * beside the spec. swtpm must be running before QEMU starts: `build` starts nothing, and its
   * shell output stops with the swtpm command to run when the socket is missing.
   */
  socket?: HostPath;
}

/** The real-time clock. */
export interface Rtc {
  /**
   * `utc` (QEMU's default when unset), `localtime`, or a start date like `2006-06-17T16:01:21`.
   * @pattern ^(utc|localtime|[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?)$
   * @patternErrorMessage expected utc, localtime or a date such as 2006-06-17T16:01:21
   */
  base?: string;
  /**
   * The clock source: `host` (QEMU's default when unset), `rt` or `vm`.
   * @enumDescriptions ["the host's real-time clock", "a monotonic host clock, immune to host time changes", "the guest's virtual clock, stopped while the VM is"]
   */
  clock?: "host" | "rt" | "vm";
}

/** SMBIOS type 1 strings. */
export interface Smbios {
  /**
   * The system manufacturer.
   * @minLength 1
   */
  manufacturer?: string;
  /**
   * The product name.
   * @minLength 1
   */
  product?: string;
  /**
   * The product version.
   * @minLength 1
   */
  version?: string;
  /**
   * The system serial number.
   * @minLength 1
   */
  serial?: string;
  /**
   * The SKU number.
   * @minLength 1
   */
  sku?: string;
  /**
   * The product family.
   * @minLength 1
   */
  family?: string;
}

/** A device property default (`-global`). */
export interface Global {
  /**
   * The device type, e.g. `virtio-blk-pci`.
   * @pattern ^[A-Za-z0-9_.-]+$
   * @patternErrorMessage expected a name of letters, digits, '_', '.' or '-'
   */
  driver: string;
  /**
   * The property name.
   * @pattern ^[A-Za-z0-9_.-]+$
   * @patternErrorMessage expected a name of letters, digits, '_', '.' or '-'
   */
  property: string;
  /** The value. */
  value: string;
}

/**
 * A spec as the compiler, the rules and the emitters see it, after `readSpec()` (spec/read.ts,
 * `normalisedSpec`): the shorthands people write (`VmSpecFile`, the schema's root) in one shape,
 * `guestAgent: true` as `{}` and `guestAgent: false` absent.
 */
export type VmSpec = Omit<VmSpecFile, "guestAgent"> & { guestAgent?: GuestAgent };
