// Every QEMU id vmspec generates, named in one place: compiler/sections/ give their options these
// ids, and import/ recognises vmspec's own option shapes by the same functions, never by
// repeating the literals. Changing an id here changes both (and the golden files).
import type { VmSpec } from "../spec/types.js";

/** The `-drive if=none` id of a disk or CD-ROM: `drive-<name>`. */
export const driveId = (name: string): string => `drive-${name}`;
/** storage.backend blockdev: the protocol (`file`/`host_device`) node of a disk or CD-ROM: `file-<name>`. */
export const protocolNodeId = (name: string): string => `file-${name}`;
/** storage.backend blockdev: the format node of a disk or CD-ROM is `drive-<name>` (driveId), the name -drive gives it. */
export const formatNodeId = driveId;
/** storage.backend blockdev: the `throttle` filter node over a disk's format node: `throttle-<name>`. */
export const throttleNodeId = (name: string): string => `throttle-${name}`;
/** The `-object throttle-group` id of a disk's limits: its throttle.group as written, else `throttle-<name>`. */
export const throttleGroupId = (disk: string, group: string | undefined): string => group ?? `throttle-${disk}`;
/** storage.backend blockdev: UEFI pflash unit `unit`'s raw format node (`-machine pflash<unit>=`): `pflash<unit>`. */
export const pflashNodeId = (unit: 0 | 1): string => `pflash${unit}`;
/** storage.backend blockdev: UEFI pflash unit `unit`'s file node: `pflash<unit>-file`. */
export const pflashFileNodeId = (unit: 0 | 1): string => `pflash${unit}-file`;
/** The longest node name QEMU accepts (block_int.h: char node_name[32]). */
export const MAX_NODE_NAME = 31;

/** The `-netdev` id of a network: `net-<name>`. */
export const netId = (name: string): string => `net-${name}`;
/** The network name a `-netdev` id of vmspec's names (`net-lan` → `lan`), else the id itself. */
export const netNameOf = (id: string): string => (id.startsWith("net-") ? id.slice("net-".length) : id);
/** The `-device` id of a disk, CD-ROM, network or host device: its spec name, as written. */
export const deviceId = (name: string): string => name;
/** The `-fsdev` id of a share: `fs-<tag>`. */
export const fsdevId = (tag: string): string => `fs-${tag}`;
/** The virtio-9p-pci `-device` id of a share: `share-<tag>`. */
export const shareId = (tag: string): string => `share-${tag}`;

/** The `-object iothread` id of an I/O thread a disk names: the name, as written. */
export const iothreadId = (name: string): string => name;

/** The memory backend `-object` id of NUMA node `index`: `ram-node<index>`, as libvirt names it. */
export const numaMemdevId = (index: number): string => `ram-node${index}`;

/** The id of the virtio-scsi controller vmspec adds. */
export const SCSI_CONTROLLER_ID = "scsi0";
/** The id of the USB controller vmspec adds. */
export const USB_CONTROLLER_ID = "usb";
/** The first bus of a controller with id `id`: `<id>.0`. */
export const busOf = (id: string): string => `${id}.0`;
/** The bus of the virtio-scsi controller: `scsi0.0`. */
export const SCSI_BUS = busOf(SCSI_CONTROLLER_ID);
/** The bus of the USB controller: `usb.0`. */
export const USB_BUS = busOf(USB_CONTROLLER_ID);
/** The spec's USB input devices (usb.tablet, usb.keyboard, usb.mouse). */
export type UsbInput = "tablet" | "keyboard" | "mouse";
/** The USB input devices, in the order vmspec writes them. */
export const USB_INPUTS: readonly UsbInput[] = ["tablet", "keyboard", "mouse"];
/** The `-device` id of a USB input device: `usb-tablet`, `usb-keyboard`, `usb-mouse`. */
export const usbInputId = (input: UsbInput): string => `usb-${input}`;

/** The `-serial`/`-parallel`/`-monitor` argument that names a chardev by its id: `chardev:<id>`. */
export const chardevArg = (id: string): string => `chardev:${id}`;
/** The chardev id a `chardev:<id>` argument names, or undefined for any other argument. */
export const chardevOfArg = (arg: string): string | undefined => (arg.startsWith("chardev:") ? arg.slice("chardev:".length) : undefined);
/** The `-chardev` id of the serial port. */
export const SERIAL_CHARDEV_ID = "serial0";
/** The `-serial` argument that puts the serial port on its chardev: `chardev:serial0`. */
export const SERIAL_ARG = chardevArg(SERIAL_CHARDEV_ID);
/** The id of the virtio-serial-pci controller the console and the guest agent share. */
export const VIRTIO_SERIAL_ID = "virtio-serial0";
/** The `-chardev` id of the virtio console. */
export const CONSOLE_CHARDEV_ID = "console0";
/** The virtconsole `-device` id. */
export const CONSOLE_DEVICE_ID = "virtconsole0";
/** The `-chardev` id of the guest agent's channel. */
export const AGENT_CHARDEV_ID = "qga0";
/** The virtserialport `-device` id of the guest agent's channel. */
export const AGENT_DEVICE_ID = "qga0";
/** The monitors a spec can open (monitors.qmp, monitors.hmp). */
export type MonitorKind = "qmp" | "hmp";
/** The `-chardev` id a monitor's `-mon` uses: `qmp` or `hmp`. */
export const monitorId = (kind: MonitorKind): string => kind;
/** Both monitors, in the order vmspec writes them. */
export const MONITORS: readonly MonitorKind[] = ["qmp", "hmp"];

/** The `-object rng-random` id. */
export const RNG_OBJECT_ID = "rng0";
/** The virtio-rng-pci `-device` id. */
export const RNG_DEVICE_ID = "rng";
/** The virtio-balloon-pci `-device` id. */
export const BALLOON_ID = "balloon0";
/** The watchdog `-device` id. */
export const WATCHDOG_ID = "watchdog0";
/** The pvpanic `-device` id. */
export const PVPANIC_ID = "pvpanic0";
/** The `-tpmdev` id. */
export const TPMDEV_ID = "tpm0";
/** The TPM `-device` id. */
export const TPM_DEVICE_ID = "tpm";
/** The `-chardev` id of the socket to swtpm (tpm.type emulator). */
export const TPM_CHARDEV_ID = "tpm0-sock";
/** The video `-device` id. */
export const VIDEO_ID = "video0";
/** The id of the TLS credentials object a VNC display uses. */
export const DISPLAY_TLS_ID = "display-tls";
/** The id of the secret object a VNC or SPICE display reads its password from (display.passwordFile). */
export const DISPLAY_SECRET_ID = "display-password";

/** The id of PCIe root port i (from 1): `rp<i>`. */
export const rootPortId = (i: number): string => `rp${i}`;

/** The part after `prefix`, when `id` is `prefix<rest>` with a non-empty rest. */
function after(prefix: string, id: string | undefined): string | undefined {
  return id !== undefined && id.length > prefix.length && id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}
/** The share tag whose fsdev id is `id` (the inverse of fsdevId). */
export const tagOfFsdevId = (id: string | undefined): string | undefined => after(fsdevId(""), id);

/**
 * Every id vmspec may give an option for this spec, whether or not the spec turns the feature on:
 * the fixed ids and those made from the spec's names and tags.
 */
export function specIds(spec: VmSpec): Set<string> {
  const ids = new Set<string>([
    SCSI_CONTROLLER_ID,
    SCSI_BUS,
    USB_CONTROLLER_ID,
    USB_BUS,
    ...USB_INPUTS.map(usbInputId),
    SERIAL_CHARDEV_ID,
    VIRTIO_SERIAL_ID,
    CONSOLE_CHARDEV_ID,
    CONSOLE_DEVICE_ID,
    AGENT_CHARDEV_ID,
    AGENT_DEVICE_ID,
    ...MONITORS.map(monitorId),
    RNG_OBJECT_ID,
    RNG_DEVICE_ID,
    BALLOON_ID,
    WATCHDOG_ID,
    PVPANIC_ID,
    TPMDEV_ID,
    TPM_DEVICE_ID,
    VIDEO_ID,
    DISPLAY_TLS_ID,
  ]);
  // The swtpm chardev and the display's secret exist only with their fields (newer than the rest).
  if (spec.tpm?.type === "emulator") ids.add(TPM_CHARDEV_ID);
  if (spec.display?.passwordFile !== undefined) ids.add(DISPLAY_SECRET_ID);
  for (const d of [...(spec.disks ?? []), ...(spec.cdroms ?? [])]) ids.add(driveId(d.name)).add(deviceId(d.name));
  for (const d of spec.disks ?? []) if (d.iothread !== undefined) ids.add(iothreadId(d.iothread));
  if (spec.storage?.backend === "blockdev") {
    for (const d of [...(spec.disks ?? []), ...(spec.cdroms ?? [])]) ids.add(protocolNodeId(d.name));
    for (const d of spec.disks ?? []) if (d.throttle) ids.add(throttleNodeId(d.name)).add(throttleGroupId(d.name, d.throttle.group));
    if (spec.firmware?.uefi) for (const u of [0, 1] as const) ids.add(pflashNodeId(u)).add(pflashFileNodeId(u));
  }
  (spec.numa ?? []).forEach((_, i) => ids.add(numaMemdevId(i)));
  for (const n of spec.networks ?? []) ids.add(netId(n.name)).add(deviceId(n.name));
  for (const h of spec.hostDevices ?? []) ids.add(deviceId(h.name));
  for (const h of spec.usb?.host ?? []) ids.add(deviceId(h.name));
  for (let i = 1; i <= (spec.pci?.rootPorts ?? 0); i++) ids.add(rootPortId(i));
  for (const s of spec.shares ?? []) ids.add(fsdevId(s.tag)).add(shareId(s.tag));
  return ids;
}
