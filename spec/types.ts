// The TypeScript types of a vmspec VM: the single source of truth. The JSON Schema in
// spec/vmspec.schema.json is generated from these declarations (npm run schema); the TSDoc
// comments become the schema's descriptions, so they are written for the user of an editor.

/**
 * A size with a binary unit, as QEMU reads it: `B`, `K`/`KiB`, `M`/`MiB`, `G`/`GiB`, `T`/`TiB`
 * (all powers of 1024). Examples: `512MiB`, `4GiB`, `20G`.
 * @pattern ^[0-9]+(\.[0-9]+)?(B|K|KiB|M|MiB|G|GiB|T|TiB)$
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
 */
export type DeviceName = string;

/** A virtual machine, compiled to a `qemu-system-aarch64` command line. */
export interface VmSpec {
  /**
   * The VM's name: becomes `-name` and names the default monitor sockets.
   * @minLength 1
   * @examples ["web01"]
   */
  name: string;
  /**
   * The SMBIOS system UUID (`-uuid`).
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   */
  uuid?: string;
  /** The machine type and its properties (`-machine`). Defaults to `virt`. */
  machine?: Machine;
  /**
   * The accelerator: `kvm` (the only supported mode) or `tcg` (software emulation, which the
   * statement calls insufficiently stable). Defaults to `kvm`.
   * @default "kvm"
   */
  accel?: Accel;
  /** The vCPU model and topology (`-cpu`, `-smp`). */
  cpu?: Cpu;
  /** Guest memory (`-m`, `-mem-path`, `-mem-prealloc`). */
  memory: Memory;
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
  /** Network interfaces: each becomes a `-netdev` plus a NIC `-device`. */
  networks?: Network[];
  /** The graphical console. Headless (`-display none`, no video device) by default. */
  display?: Display;
  /** Serial port (`-serial`). Defaults to none. */
  serial?: CharBackend;
  /** A virtio console (`virtio-serial-pci` + `virtconsole`) in addition to the serial port. */
  console?: CharBackend;
  /** Monitors. Without this block a QMP monitor is opened on a unix socket next to the spec. */
  monitors?: Monitors;
  /** The QEMU guest agent channel (`virtserialport` named `org.qemu.guest_agent.0`). */
  guestAgent?: GuestAgent;
  /** A virtio RNG fed from the host (`virtio-rng-pci` + `rng-random`). */
  rng?: Rng;
  /** A virtio memory balloon (`virtio-balloon-pci`). */
  balloon?: Balloon;
  /** A hardware watchdog (`i6300esb`) and what QEMU does when it fires (`-watchdog-action`). */
  watchdog?: Watchdog;
  /** The USB controller and input devices. A controller is added when any USB device is used. */
  usb?: Usb;
  /** Host folders shared with the guest over virtio-9p (`-fsdev` + `virtio-9p-pci`). */
  shares?: Share[];
  /** Host PCI devices passed through with VFIO (`vfio-pci`). */
  hostDevices?: HostPciDevice[];
  /** A paravirtual panic device, so a guest kernel panic is reported to the host. */
  pvpanic?: boolean;
  /** A host TPM passed through (`-tpmdev passthrough`). */
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
   * Wait for an incoming migration on this URI (`-incoming`), e.g. `tcp:0:4444` or `defer`.
   * @minLength 1
   */
  incoming?: string;
  /** Default property values for device types (`-global driver.property=value`). */
  globals?: Global[];
  /**
   * Raw QEMU arguments appended after everything vmspec generates. They are parsed and linted like
   * generated options; one that conflicts with a generated option is reported, never silently
   * overriding it.
   */
  extraArgs?: string[];
}

/** The accelerator. */
export type Accel = "kvm" | "tcg";

/** The machine type. */
export interface Machine {
  /**
   * The machine type. The statement supports `virt` and `virt-2.6` (`none` is only for
   * queries). There is no `virt-2.9` in QEMU 2.9.
   * @default "virt"
   * @examples ["virt", "virt-2.6"]
   * @pattern ^[a-z][a-z0-9.-]*$
   */
  type?: string;
  /**
   * The GIC version of the virt board: `2`, `3`, `host` (KVM only) or `max`.
   */
  gicVersion?: "2" | "3" | "host" | "max";
}

/** The vCPU model and topology. */
export interface Cpu {
  /**
   * The CPU model. The statement supports only `host` (with KVM). Defaults to `host`.
   * @default "host"
   * @pattern ^[A-Za-z0-9][A-Za-z0-9_.+=,-]*$
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
  /** The memory size (`-m`), e.g. `4GiB`. */
  size: Size;
  /**
   * Back guest memory with hugetlbfs pages (`-mem-path`). `true` uses `/dev/hugepages`; a string
   * names the hugetlbfs mount.
   */
  hugepages?: boolean | HostPath;
  /** Allocate all guest memory at start (`-mem-prealloc`). */
  prealloc?: boolean;
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
   * The read-only firmware code image.
   * @default "/usr/share/AAVMF/AAVMF_CODE.fd"
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

/** The bus a disk is attached to. */
export type DiskBus = "virtio-blk" | "virtio-scsi" | "usb-storage";

/** A disk image. */
export interface Disk {
  /** The disk's name, used for ids and references. */
  name: DeviceName;
  /** The image file, block device or logical volume. */
  file: HostPath;
  /**
   * The image format. `qed` is deprecated by the statement: convert to `qcow2`.
   */
  format: "qcow2" | "qed" | "raw";
  /**
   * The bus: `virtio-blk` (default), `virtio-scsi` or `usb-storage`.
   * @default "virtio-blk"
   */
  bus?: DiskBus;
  /** The host cache mode (`cache=`). `none` or `directsync` are needed for `aio: native`. */
  cache?: "none" | "writeback" | "writethrough" | "directsync" | "unsafe";
  /** The host I/O mode (`aio=`). `native` requires `cache: none` or `directsync`. */
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
   * Create the image with this virtual size when it does not exist (`qemu-img create`).
   */
  size?: Size;
}

/** A CD-ROM. */
export interface Cdrom {
  /** The CD-ROM's name, used for ids and references. */
  name: DeviceName;
  /** The ISO image (read-only, raw). */
  file: HostPath;
  /**
   * The bus: `virtio-scsi` (default, a `scsi-cd`) or `usb-storage`.
   * @default "virtio-scsi"
   */
  bus?: "virtio-scsi" | "usb-storage";
  /**
   * The boot priority (`bootindex`): lower boots first.
   * @minimum 0
   * @TJS-type integer
   */
  bootindex?: number;
}

/** A network interface. */
export interface Network {
  /** The interface's name, used for ids and references. */
  name: DeviceName;
  /**
   * The backend: `user` (SLIRP, no privileges), `tap` (an existing or new tap device) or `bridge`
   * (a tap attached to a host bridge by `qemu-bridge-helper`).
   */
  type: "user" | "tap" | "bridge";
  /**
   * The NIC model. The statement supports `virtio`, `e1000`, `e1000e` and `rtl8139`.
   * @default "virtio"
   */
  model?: "virtio" | "e1000" | "e1000e" | "rtl8139";
  /**
   * The MAC address.
   * @pattern ^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$
   */
  mac?: string;
  /**
   * Multi-queue: the number of queue pairs (virtio with tap or bridge).
   * @minimum 1
   * @maximum 64
   * @TJS-type integer
   */
  queues?: number;
  /** Use the vhost-net kernel accelerator (tap and bridge only). */
  vhost?: boolean;
  /** Host port forwards into the guest (user networking only). */
  forwards?: PortForward[];
  /**
   * The tap device name (tap only).
   * @pattern ^[A-Za-z0-9_.-]{1,15}$
   */
  ifname?: string;
  /**
   * The host bridge (bridge only).
   * @pattern ^[A-Za-z0-9_.-]{1,15}$
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
   */
  protocol?: "tcp" | "udp";
  /**
   * The host address to listen on. Defaults to `127.0.0.1`; use `0.0.0.0` to listen on all
   * addresses.
   * @default "127.0.0.1"
   * @pattern ^[0-9.]*$
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
   * `none` (default), `vnc`, `spice`, `gtk` or `sdl`.
   * @default "none"
   */
  type: "none" | "vnc" | "spice" | "gtk" | "sdl";
  /**
   * The address VNC or SPICE listens on. Defaults to `127.0.0.1`.
   * @default "127.0.0.1"
   * @minLength 1
   */
  listen?: string;
  /**
   * The VNC display number (port 5900 + n) or the SPICE port.
   * @minimum 0
   * @maximum 65535
   * @TJS-type integer
   */
  port?: number;
  /**
   * The video device: `virtio-gpu` (default with a display), `std` (`VGA`), `qxl` (`qxl-vga`,
   * for SPICE) or `ramfb`.
   */
  video?: "std" | "qxl" | "virtio-gpu" | "ramfb";
}

/** A character device backend. */
export interface CharBackend {
  /**
   * `pty`, `stdio`, `file` (write to `path`), `socket` (unix socket at `path`) or `null`.
   */
  type: "pty" | "stdio" | "file" | "socket" | "null";
  /** The file or unix socket path (for `file` and `socket`). */
  path?: HostPath;
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
   * A unix socket path (default `<name>.qmp` / `<name>.hmp` beside the spec).
   */
  socket?: HostPath;
  /**
   * A TCP endpoint `host:port` instead of a unix socket (not recommended: unauthenticated).
   * @pattern ^[^:,\s]+:[0-9]{1,5}$
   */
  tcp?: string;
}

/** The guest agent channel. */
export interface GuestAgent {
  /** The host-side unix socket. Defaults to `<name>.qga` beside the spec. */
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
   */
  model?: "i6300esb";
  /**
   * What QEMU does when the watchdog fires.
   * @default "reset"
   */
  action?: "reset" | "shutdown" | "poweroff" | "pause" | "debug" | "none";
}

/** USB. */
export interface Usb {
  /**
   * The host controller: `ehci` (default, `usb-ehci`), `ohci` (`pci-ohci`) or `xhci`.
   * @default "ehci"
   */
  controller?: "ehci" | "ohci" | "xhci";
  /** Add a USB tablet (absolute pointer). */
  tablet?: boolean;
  /** Add a USB keyboard. */
  keyboard?: boolean;
  /** Add a USB mouse. */
  mouse?: boolean;
}

/** A host folder shared over virtio-9p. */
export interface Share {
  /** The host folder. */
  path: HostPath;
  /**
   * The tag the guest mounts (`mount -t 9p <tag>`).
   * @pattern ^[A-Za-z0-9_.-]{1,31}$
   */
  tag: string;
  /**
   * The security model. `mapped-xattr` (default) keeps guest ownership in xattrs; `passthrough`
   * needs QEMU to run as root; `none` ignores ownership.
   * @default "mapped-xattr"
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
   */
  address: string;
  /**
   * The boot priority (`bootindex`).
   * @minimum 0
   * @TJS-type integer
   */
  bootindex?: number;
}

/** A host TPM passed through. */
export interface Tpm {
  /**
   * The host TPM device.
   * @default "/dev/tpm0"
   */
  path?: HostPath;
}

/** The real-time clock. */
export interface Rtc {
  /**
   * `utc` (default), `localtime`, or a start date like `2006-06-17T16:01:21`.
   * @pattern ^(utc|localtime|[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?)$
   */
  base?: string;
  /** The clock source: `host` (default), `rt` or `vm`. */
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
   */
  driver: string;
  /**
   * The property name.
   * @pattern ^[A-Za-z0-9_.-]+$
   */
  property: string;
  /** The value. */
  value: string;
}
