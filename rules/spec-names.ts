// Helpers for rules that look at the names of a spec's devices.
import type { SpecPath } from "../spec/nodes.js";
import type { VmSpec } from "../spec/types.js";

const NAMED_LISTS = ["disks", "cdroms", "networks", "hostDevices"] as const;

/** Every named device, in spec order, with its path and its own bootindex. */
export function namedDevices(spec: VmSpec): { name: string; path: SpecPath; bootindex?: number; bootable: boolean }[] {
  const out: { name: string; path: SpecPath; bootindex?: number; bootable: boolean }[] = [];
  for (const key of NAMED_LISTS) {
    const list: { name: string; bootindex?: number }[] | undefined = spec[key];
    if (list !== undefined)
      for (let i = 0; i < list.length; i++) out.push({ name: list[i].name, path: [key, i], bootindex: list[i].bootindex, bootable: true });
  }
  // Host USB devices are named like the others, but vmspec gives them no boot priority.
  const host = spec.usb?.host;
  if (host !== undefined) for (let i = 0; i < host.length; i++) out.push({ name: host[i].name, path: ["usb", "host", i], bootable: false });
  return out;
}

/** Names that boot.order may use, with their paths. */
export function bootableNames(spec: VmSpec): Map<string, SpecPath> {
  const m = new Map<string, SpecPath>();
  for (const d of namedDevices(spec)) if (d.bootable && !m.has(d.name)) m.set(d.name, d.path);
  return m;
}
