// qemuProperties.devices: properties added to the -device of a device the spec names, by its name.
import type { VmSpec } from "../spec/types.js";
import { prop, type QemuOption } from "../qemu/options.js";
import { deviceId } from "./ids.js";

/** The spec lists whose items are devices with a name (their -device id is deviceId(name)). */
export function namedDeviceNames(spec: VmSpec): string[] {
  return [
    ...(spec.disks ?? []),
    ...(spec.cdroms ?? []),
    ...(spec.networks ?? []),
    ...(spec.hostDevices ?? []),
    ...(spec.usb?.host ?? []),
  ].map((d) => d.name);
}

/** Appends each named device's properties to its generated -device; names without one are left to undefined-reference. */
export function addDeviceProperties(options: QemuOption[], spec: VmSpec): void {
  const devices = spec.qemuProperties?.devices;
  // Most specs name no device's properties: no list of names is made for them.
  if (!devices) return;
  const names = new Set(namedDeviceNames(spec));
  for (const [name, map] of Object.entries(devices)) {
    if (!names.has(name)) continue;
    const target = options.find((o) => o.flag === "-device" && !o.extra && prop(o, "id") === deviceId(name));
    if (!target) continue;
    const added = Object.entries(map ?? {}).map(([key, value]) => ({ key, value, path: ["qemuProperties", "devices", name, key] }));
    target.props = [...(target.props ?? []), ...added];
  }
}
