// Readings by hand of the headings that are free text (or name items the rule-based reading
// cannot classify). Keyed by the heading without its version parenthetical, so one reading serves
// every release's text. An entry is either items (with the version when the heading has none, and
// the replacement when the text's is not found by rule) or `none` with why vmspec does not lint it.
import type { ChangeKind } from "../../rules/data/qemu/types.js";

/** An option item as QEMU writes it (`-smp`), or an item spelled out. */
export type ItemSpec =
  string | { kind: ChangeKind; name: string; flag?: string; value?: string; prop?: string; arg?: string; replacement?: string };

export type Reading = { items: ItemSpec[]; version?: string; replacement?: string } | { none: string } | { versionedMachines: true };

const X86 = "x86 only: not an Arm option, device or machine";
const RISCV = "RISC-V only";
const MIPS = "MIPS only";
const PPC = "PowerPC only";
const HOST = "about the host QEMU is built for, not a spelling a VM uses";
const USER = "user-mode emulation (qemu-<arch>), not qemu-system";
const TOOL = "a separate program (qemu-img, qemu-nbd, virtiofsd, qemu-ga), not qemu-system";
const OUTPUT = "a member of a QMP reply or event, not something a script sends";
const BEHAVIOUR = "a behaviour or value form, not a name vmspec can match";

export const READINGS: Record<string, Reading> = {
  "Versioned machine types (aarch64, arm, i386, m68k, ppc64, s390x, x86_64)": { versionedMachines: true },

  // Arm machines and the virt board.
  "Arm ``virt`` machine ``dtb-kaslr-seed`` property": {
    items: [{ kind: "property", name: "-machine virt,dtb-kaslr-seed=", flag: "-machine", value: "virt", prop: "dtb-kaslr-seed" }],
    version: "7.1",
    replacement: "dtb-randomness",
  },
  "Arm ``ast2700a0-evb`` machine": { items: [{ kind: "machine", name: "ast2700a0-evb" }], replacement: "ast2700a1-evb" },
  "Arm ``fby35`` machine": { items: [{ kind: "machine", name: "fby35" }] },
  "Arm ``fp5280g2-bmc`` machine": { items: [{ kind: "machine", name: "fp5280g2-bmc" }] },
  "Arm ``highbank`` and ``midway`` machines": {
    items: [
      { kind: "machine", name: "highbank" },
      { kind: "machine", name: "midway" },
    ],
  },
  "Arm ``qcom-dc-scm-v1-bmc`` and ``qcom-firework-bmc`` machine": {
    items: [
      { kind: "machine", name: "qcom-dc-scm-v1-bmc" },
      { kind: "machine", name: "qcom-firework-bmc" },
    ],
  },
  "Arm ``sonorapass-bmc`` machine": { items: [{ kind: "machine", name: "sonorapass-bmc" }] },
  "Arm ``tacoma-bmc`` machine": { items: [{ kind: "machine", name: "tacoma-bmc" }], replacement: "rainier-bmc" },
  "Aspeed ``tacoma-bmc`` machine": { items: [{ kind: "machine", name: "tacoma-bmc" }], replacement: "rainier-bmc" },
  "Aspeed ``swift-bmc`` machine": { items: [{ kind: "machine", name: "swift-bmc" }], replacement: "witherspoon-bmc" },
  "Arm machines ``akita``, ``borzoi``, ``cheetah``, ``connex``, ``mainstone``, ``n800``, ``n810``, ``spitz``, ``terrier``, ``tosa``, ``verdex``, ``z2``":
    {
      items: ["akita", "borzoi", "cheetah", "connex", "mainstone", "n800", "n810", "spitz", "terrier", "tosa", "verdex", "z2"].map(
        (name) => ({
          kind: "machine" as const,
          name,
        }),
      ),
    },
  "Raspberry Pi ``raspi2`` and ``raspi3`` machines": {
    items: [
      { kind: "machine", name: "raspi2", replacement: "raspi2b" },
      { kind: "machine", name: "raspi3", replacement: "raspi3b" },
    ],
  },
  "iwMMXt emulation and the ``pxa`` CPUs": { none: USER + " (the Arm pxa CPUs of linux-user)" },
  "``-old-param`` option for booting Arm kernels via param_struct": { items: ["-old-param"], replacement: "a DTB or ATAGS boot" },
  "KVM guest support on 32-bit Arm hosts": { none: HOST },

  // Command-line options read by hand.
  "Creating sound card devices using ``-soundhw``": { items: ["-soundhw"], replacement: "-device or -audio" },
  "Creating sound card devices and vnc without ``audiodev=`` property": { none: BEHAVIOUR + " (a property left out)" },
  "``-chardev`` backend aliases ``tty`` and ``parport``": {
    items: [
      { kind: "option", name: "-chardev tty", flag: "-chardev", value: "tty", replacement: "-chardev serial" },
      { kind: "option", name: "-chardev parport", flag: "-chardev", value: "parport", replacement: "-chardev parallel" },
    ],
  },
  "``delay`` option for socket character devices": {
    items: [{ kind: "property", name: "-chardev socket,delay=", flag: "-chardev", value: "socket", prop: "delay" }],
    replacement: "nodelay=on",
  },
  "chardev client socket with ``wait`` option": { none: BEHAVIOUR + " (wait= on a client socket: depends on server=)" },
  "Backend ``memory``": {
    items: [{ kind: "option", name: "-chardev memory", flag: "-chardev", value: "memory" }],
    replacement: "-chardev ringbuf",
  },
  "``reconnect``": {
    items: [{ kind: "property", name: "-chardev socket,reconnect=", flag: "-chardev", value: "socket", prop: "reconnect" }],
    replacement: "reconnect-ms",
  },
  "Stream ``reconnect``": {
    items: [{ kind: "property", name: "-netdev stream,reconnect=", flag: "-netdev", value: "stream", prop: "reconnect" }],
    replacement: "reconnect-ms",
  },
  "Short-form boolean options": {
    items: [
      { kind: "property", name: "short-form boolean (key or nokey)", flag: "*", prop: "*short-form*", replacement: "key=on or key=off" },
    ],
  },
  "``-singlestep``": { items: ["-singlestep"], replacement: "-accel tcg,one-insn-per-tb=on" },
  "``-p``": { none: USER },
  "``-drive file=json:{...{'driver':'file'}}``": { none: BEHAVIOUR + " (a JSON filename's form)" },
  "``-mon ...,control=readline,pretty=on|off``": { none: BEHAVIOUR + " (pretty= with control=readline; it stays with control=json)" },
  "``-global migration.decompress-error-check``": {
    items: [
      { kind: "option", name: "-global migration.decompress-error-check", flag: "-global", value: "migration.decompress-error-check" },
    ],
  },
  "``-mem-path`` fallback to RAM": { none: BEHAVIOUR + " (a fallback when -mem-path fails)" },
  "``-drive`` with bogus interface type": { none: BEHAVIOUR + " (depends on what the board picks up)" },
  "``-drive if=none`` for the sifive_u OTP device": { none: RISCV },
  "``-numa`` node (without memory specified)": { none: BEHAVIOUR },
  '``-smp`` ("parameter=0" SMP configurations)': { none: BEHAVIOUR + " (a value: checked by QEMU)" },
  '``-smp`` (Unsupported "parameter=1" SMP configurations)': { none: BEHAVIOUR + " (a value: checked by QEMU)" },
  "``-smp`` (invalid topologies)": { none: BEHAVIOUR + " (a value: checked by QEMU)" },
  "Hexadecimal sizes with scaling multipliers": { none: BEHAVIOUR + " (a size's spelling)" },
  "hexadecimal sizes with scaling multipliers": { none: BEHAVIOUR + " (a size's spelling)" },
  "``QEMU_AUDIO_`` environment variables and ``-audio-help``": {
    items: ["-audio-help"],
    replacement: "-audiodev",
  },
  "Using ``-audiodev`` to define the default audio backend": { none: BEHAVIOUR },
  "Floppy controllers' drive properties": { none: X86 },
  "``loaded`` property of ``secret`` and ``secret_keyring`` objects": {
    items: [
      { kind: "property", name: "-object secret,loaded=", flag: "-object", value: "secret", prop: "loaded" },
      { kind: "property", name: "-object secret_keyring,loaded=", flag: "-object", value: "secret_keyring", prop: "loaded" },
    ],
    replacement: "(nothing: leave it out)",
  },
  "``loaded`` property of secret and TLS credential objects": {
    items: ["secret", "secret_keyring", "tls-creds-anon", "tls-creds-psk", "tls-creds-x509"].map((value) => ({
      kind: "property" as const,
      name: `-object ${value},loaded=`,
      flag: "-object",
      value,
      prop: "loaded",
    })),
    replacement: "(nothing: leave it out)",
  },
  "``opened`` property of ``rng-*`` objects": {
    items: ["rng-random", "rng-egd", "rng-builtin"].map((value) => ({
      kind: "property" as const,
      name: `-object ${value},opened=`,
      flag: "-object",
      value,
      prop: "opened",
    })),
    replacement: "(nothing: leave it out)",
  },
  "Plugin argument passing through ``arg=<string>``": { none: BEHAVIOUR + " (TCG plugin arguments)" },
  "HAXM (``-accel hax``)": {
    items: [{ kind: "option", name: "-accel hax", flag: "-accel", value: "hax" }],
    replacement: "whpx (Windows) or hvf (macOS)",
  },
  "Userspace local APIC with KVM": { none: X86 },
  "32-bit host operating systems": { none: HOST },
  "RISC-V firmware not booted by default": { none: RISCV },

  // Devices.
  "``-device pvrdma`` and the rdma subsystem": { items: ["-device pvrdma"] },
  "``pvrdma`` and the RDMA subsystem": { items: ["-device pvrdma"] },
  "``-device sd-card,spec_version=1``": { items: ["-device sd-card,spec_version=1"] },
  "``-device vfio-amd-xgbe``": { items: ["-device vfio-amd-xgbe"] },
  "``-device vfio-calxeda-xgmac``": { items: ["-device vfio-calxeda-xgmac"] },
  "``-device vfio-platform``": { items: ["-device vfio-platform"] },
  "Using non-persistent backing file with pmem=on": { none: BEHAVIOUR + " (depends on the host's storage)" },

  // Block backends.
  '``"backing": ""``': { none: BEHAVIOUR + ' (a JSON value: use "backing": null)' },
  '``rbd`` keyvalue pair encoded filenames: ``""``': { none: BEHAVIOUR + " (a filename's encoding)" },
  "``iscsi,password=xxx``": {
    items: [{ kind: "property", name: "-drive file.driver=iscsi,password=", flag: "-drive", prop: "file.password" }],
    replacement: "password-secret",
  },
  "``gluster`` backend": { none: BEHAVIOUR + " (a block driver, named inside file= URLs and JSON: see gluster-not-enabled)" },
  "VXHS backend": { none: BEHAVIOUR + " (a block driver inside file= URLs and JSON)" },
  "``sheepdog`` driver": { none: BEHAVIOUR + " (a block driver inside file= URLs and JSON)" },
  "Using an external DH (Diffie-Hellman) parameters file": { none: BEHAVIOUR + " (a file in the TLS credentials folder)" },

  // QMP and HMP: arguments of commands (the command itself stays).
  "``blockdev-open-tray``, ``blockdev-close-tray`` argument ``device``": {
    items: [
      { kind: "qmp", name: "blockdev-open-tray device", arg: "device" },
      { kind: "qmp", name: "blockdev-close-tray device", arg: "device" },
    ],
    replacement: "id",
  },
  "``eject`` argument ``device``": { items: [{ kind: "qmp", name: "eject device", arg: "device" }], replacement: "id" },
  "``blockdev-change-medium`` argument ``device``": {
    items: [{ kind: "qmp", name: "blockdev-change-medium device", arg: "device" }],
    replacement: "id",
  },
  "``block_set_io_throttle`` argument ``device``": {
    items: [{ kind: "qmp", name: "block_set_io_throttle device", arg: "device" }],
    replacement: "id",
  },
  "``blockdev-add`` empty string argument ``backing``": { none: BEHAVIOUR + ' (a value: use "backing": null)' },
  "``block-commit`` arguments ``base`` and ``top``": {
    items: [
      { kind: "qmp", name: "block-commit base", arg: "base" },
      { kind: "qmp", name: "block-commit top", arg: "top" },
    ],
    replacement: "base-node and top-node",
  },
  '``block-dirty-bitmap-add`` "autoload" parameter': { items: [{ kind: "qmp", name: "block-dirty-bitmap-add autoload", arg: "autoload" }] },
  "``object-add`` option ``props``": {
    items: [{ kind: "qmp", name: "object-add props", arg: "props" }],
    replacement: "the properties beside qom-type",
  },
  "Incorrectly typed ``device_add`` arguments": { none: BEHAVIOUR + " (argument types)" },
  "``migrate`` command option ``inc``": { items: [{ kind: "qmp", name: "migrate inc", arg: "inc" }] },
  "``migrate`` command option ``blk``": {
    items: [{ kind: "qmp", name: "migrate blk", arg: "blk" }],
    replacement: "blockdev-mirror with NBD",
  },
  "``inc`` migrate command option": { items: [{ kind: "qmp", name: "migrate inc", arg: "inc" }] },
  "``blk`` migrate command option": { items: [{ kind: "qmp", name: "migrate blk", arg: "blk" }], replacement: "blockdev-mirror with NBD" },
  "``migrate`` argument ``detach``": { items: [{ kind: "qmp", name: "migrate detach", arg: "detach" }] },
  "``migrate`` command with file-based ``fd:`` URI": { none: BEHAVIOUR + " (a URI's kind)" },
  "``fd:`` URI when used for file migration": { none: BEHAVIOUR + " (a URI's kind)" },
  "``migrate-set-capabilities`` ``block`` option": { none: BEHAVIOUR + " (a capability name in a list)" },
  "``migrate-set-capabilities`` ``zero-blocks`` option": { none: BEHAVIOUR + " (a capability name in a list)" },
  "``migrate-set-capability`` ``compress`` option": { none: BEHAVIOUR + " (a capability name in a list)" },
  "``zero-blocks`` capability": { none: BEHAVIOUR + " (a capability name in a list)" },
  "``migrate-set-parameter`` ``compress-level`` option": {
    items: [{ kind: "qmp", name: "migrate-set-parameters compress-level", arg: "compress-level" }],
  },
  "``migrate-set-parameter`` ``compress-threads`` option": {
    items: [{ kind: "qmp", name: "migrate-set-parameters compress-threads", arg: "compress-threads" }],
  },
  "``migrate-set-parameter`` ``compress-wait-thread`` option": {
    items: [{ kind: "qmp", name: "migrate-set-parameters compress-wait-thread", arg: "compress-wait-thread" }],
  },
  "``migrate-set-parameter`` ``decompress-threads`` option": {
    items: [{ kind: "qmp", name: "migrate-set-parameters decompress-threads", arg: "decompress-threads" }],
  },
  "block migration": { none: BEHAVIOUR + " (a feature: its spellings are the migrate options listed separately)" },
  "old compression method": { none: BEHAVIOUR + " (a feature: its spellings are the migrate parameters listed separately)" },
  "``query-block`` result ``inserted.encryption_key_missing``": { none: OUTPUT },
  "``query-block`` result field ``dirty-bitmaps``": { none: OUTPUT },
  "``query-cpus-fast`` ``arch`` output member": { none: OUTPUT },
  "``query-migrate`` return value member ``skipped``": { none: OUTPUT },
  "``query-named-block-nodes`` and ``query-block`` result dirty-bitmaps[i].status": { none: OUTPUT },
  "``query-named-block-nodes`` result ``encryption_key_missing``": { none: OUTPUT },
  "``query-qmp-schema`` return value member ``values``": { none: OUTPUT },
  "``query-sgx-capabilities`` return value member ``section-size``": { none: OUTPUT },
  "``query-sgx`` return value member ``section-size``": { none: OUTPUT },
  "``StatusInfo`` member ``singlestep``": { none: OUTPUT },
  "``skipped`` MigrationStats field": { none: OUTPUT },
  "``MEM_UNPLUG_ERROR``": { none: OUTPUT + " (an event)" },
  "``vcpu`` trace events": { none: OUTPUT + " (trace events)" },
  "TCG trace-events": { none: OUTPUT + " (trace events)" },
  "The ``hub_id`` parameter of ``hostfwd_add`` / ``hostfwd_remove``": { none: BEHAVIOUR + " (a positional HMP argument)" },
  "``change vnc TARGET``": { items: [{ kind: "hmp", name: "change vnc", arg: "vnc" }], replacement: "the change-vnc-password QMP command" },
  "``info`` argument ``capture``": { items: [{ kind: "hmp", name: "info capture", arg: "capture" }] },
  "``migrate`` command ``-b`` option": { items: [{ kind: "hmp", name: "migrate -b", arg: "-b" }] },
  "``migrate`` command ``-i`` option": { items: [{ kind: "hmp", name: "migrate -i", arg: "-i" }] },
  "``migrate_set_capability`` ``block`` option": { items: [{ kind: "hmp", name: "migrate_set_capability block", arg: "block" }] },
  "``migrate_set_capability`` ``compress`` option": { items: [{ kind: "hmp", name: "migrate_set_capability compress", arg: "compress" }] },
  "``migrate_set_parameter`` ``compress-level`` option": {
    items: [{ kind: "hmp", name: "migrate_set_parameter compress-level", arg: "compress-level" }],
  },
  "``migrate_set_parameter`` ``compress-threads`` option": {
    items: [{ kind: "hmp", name: "migrate_set_parameter compress-threads", arg: "compress-threads" }],
  },
  "``migrate_set_parameter`` ``compress-wait-thread`` option": {
    items: [{ kind: "hmp", name: "migrate_set_parameter compress-wait-thread", arg: "compress-wait-thread" }],
  },
  "``migrate_set_parameter`` ``decompress-threads`` option": {
    items: [{ kind: "hmp", name: "migrate_set_parameter decompress-threads", arg: "decompress-threads" }],
  },

  // Other architectures' machines and CPUs, hosts, user mode, tools.
  "Big-Endian variants of MicroBlaze ``petalogix-ml605`` and ``xlnx-zynqmp-pmu`` machines": { none: "MicroBlaze only" },
  "Big-Endian variants of ``petalogix-ml605`` and ``xlnx-zynqmp-pmu`` machines": { none: "MicroBlaze only" },
  "``qemu-system-microblazeel``": { none: "MicroBlaze only" },
  "Nios II ``10m50-ghrd`` and ``nios2-generic-nommu`` machines": { none: "Nios II only" },
  "Nios II CPU": { none: "Nios II only" },
  "``nios2`` CPU": { none: USER },
  "CRIS CPU architecture": { none: "CRIS only" },
  "PPC 405 CPUs": { none: PPC },
  "PPC 405 ``ref405ep`` machine": { none: PPC },
  "PPC 405 ``taihu`` machine": { none: PPC },
  "ppc ``ref405ep`` machine": { none: PPC },
  "ppc ``taihu`` machine": { none: PPC },
  "Power8E and Power8NVL CPUs and corresponding Pnv chips": { none: PPC },
  "``power5+`` and ``power7+`` CPU names": { none: PPC },
  "``compat`` property of server class POWER CPUs": { none: PPC },
  "``ppc64abi32`` CPUs": { none: USER },
  "``Sun-UltraSparc-IIIi+`` and ``Sun-UltraSparc-IV+`` CPU names": { none: "SPARC only" },
  "``lm32`` CPUs": { none: "LatticeMico32 only" },
  "``moxie`` CPU": { none: "Moxie only" },
  "``unicore32`` CPUs": { none: "UniCore32 only" },
  "``tilegx`` CPUs": { none: USER },
  "The m68k ``dummy`` machine": { none: "m68k only" },
  "mips ``fulong2e`` machine alias": { none: MIPS },
  "mips ``r4k`` platform": { none: MIPS },
  "Mips ``mipssim`` machine": { none: MIPS },
  'MIPS "Trap-and-Emulate" KVM support': { none: MIPS },
  "MIPS ``Trap-and-Emul`` KVM support": { none: MIPS },
  "x86 ``Icelake-Client`` CPU": { none: X86 },
  'x86 "isapc" board use of modern x86 CPUs': { none: X86 },
  "``pcommit`` on x86": { none: X86 },
  "``pc-0.10`` up to ``pc-1.3``": { none: X86 },
  "``pc-0.10`` up to ``pc-i440fx-1.7``": { none: X86 },
  "``pc-0.10`` up to ``pc-i440fx-2.3``": { none: X86 },
  "``pc-i440fx-1.4`` up to ``pc-i440fx-1.7``": { none: X86 },
  "``pc-i440fx-2.0`` up to ``pc-i440fx-2.3``": { none: X86 },
  "``pc-i440fx-2.4`` up to ``pc-i440fx-2.12``": { none: X86 },
  'RISC-V "virt" board "riscv,delegate" DT property': { none: RISCV },
  "RISC-V 'any' CPU type ``-cpu any``": { none: RISCV },
  "RISC-V CPU properties which start with capital 'Z'": { none: RISCV },
  "RISC-V ISA Specific CPUs": { none: RISCV },
  "RISC-V ISA privilege specification version 1.09.1": { none: RISCV },
  "RISC-V default machine option": { none: RISCV },
  "RISC-V no MMU CPUs": { none: RISCV },
  "``pmu-num=n`` on RISC-V CPUs": { none: RISCV },
  "Runnability guarantee of CPU models": { none: BEHAVIOUR + " (the meaning of a CPU model name)" },
  "32-bit MIPS": { none: HOST },
  "32-bit PPC": { none: HOST },
  "32-bit hosts for 64-bit guests": { none: HOST },
  "BE MIPS": { none: HOST },
  "Big endian MIPS since 7.2; 32-bit little endian MIPS since 9.2": { none: HOST },
  MIPS: { none: HOST },
  "System emulation on 32-bit Windows hosts": { none: HOST },
  "System emulation on 32-bit x86 hosts": { none: HOST },
  "TCG Plugin support not enabled by default on 32-bit hosts": { none: HOST },
  "TCG Plugin support not enabled by default with TCI": { none: HOST },
  "``--blacklist`` command line option": { none: TOOL },
  "``blacklist`` config file option": { none: TOOL },
  "``qemu-img amend`` to adjust backing file": { none: TOOL },
  "``qemu-img convert -n -o``": { none: TOOL },
  "``qemu-img create -b bad file $size``": { none: TOOL },
  "``qemu-img`` backing file without format": { none: TOOL },
  "``qemu-nbd --partition``": { none: TOOL },
  virtiofsd: { none: TOOL },
};

/**
 * Replacements corrected by hand where the one found in the text by rule is wrong or missing,
 * by entry name; null: the text names none.
 */
export const REPLACEMENTS: Record<string, string | null> = {
  "nbd-server-add": "block-export-add",
  usb_add: "device_add",
  usb_remove: "device_del",
  "nbd-server-remove": "block-export-del",
  "-device nvme-ns,eui64-default=": "an explicit eui64= on the nvme-ns device",
  "-watchdog": "-device i6300esb (or the board's watchdog device) with -action watchdog=",
  "-vnc tls=": "-object tls-creds-x509 and -vnc tls-creds=",
  "-vnc x509=": "-object tls-creds-x509 and -vnc tls-creds=",
  "-vnc x509verify=": "-object tls-creds-x509,verify-peer=on and -vnc tls-creds=",
  "-vnc acl": "-object authz-simple and -vnc tls-authz= / sasl-authz=",
  "-device virtio-blk,scsi=": "-device virtio-scsi-pci with scsi-hd or scsi-block",
  "-spice password=": "-object secret and -spice password-secret=",
  "-enable-fips": null,
  "-localtime": "-rtc base=localtime",
  "-no-kvm": "-accel tcg",
  "-runas": "-run-with user=",
  "-portrait": null,
  "-rotate": null,
  "-startdate": "-rtc base=date",
  ivshmem: "ivshmem-plain or ivshmem-doorbell",
  "ide-drive": "ide-hd or ide-cd",
  "scsi-disk": "scsi-hd or scsi-cd",
};
