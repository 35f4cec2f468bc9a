// Spec fields the engine outputs (libvirt domain XML, KubeVirt VirtualMachine) do not map yet: the
// admin fields of issue 20 (storage limits, NUMA, consoles over TCP, host USB, root ports,
// per-device properties, swtpm, display password files). A spec that sets one is refused at that
// field's YAML line — never a domain or manifest that silently lacks what the spec asked for.
// docs/targets.md lists them; each leaves this list when its output maps it.
import type { SpecPath } from "../../spec/nodes.js";
import type { VmSpec } from "../../spec/types.js";

export interface EngineGap {
  path: SpecPath;
  field: string;
}

export function unmappedAdminFields(spec: VmSpec): EngineGap[] {
  const gaps: EngineGap[] = [];
  const add = (path: SpecPath, field: string) => gaps.push({ path, field });
  spec.disks?.forEach((d, i) => {
    if (d.detectZeroes !== undefined) add(["disks", i, "detectZeroes"], "disks[].detectZeroes");
    if (d.throttle !== undefined) add(["disks", i, "throttle"], "disks[].throttle");
    if (d.iothread !== undefined) add(["disks", i, "iothread"], "disks[].iothread");
  });
  if (spec.numa !== undefined) add(["numa"], "numa");
  for (const key of ["serial", "console"] as const) {
    const c = spec[key];
    if (c && (c.type === "tcp" || c.type === "telnet")) add([key, "type"], `${key}.type: ${c.type}`);
    if (c?.logfile !== undefined) add([key, "logfile"], `${key}.logfile`);
  }
  spec.networks?.forEach((n, i) => {
    if (n.restrict !== undefined) add(["networks", i, "restrict"], "networks[].restrict");
    if (n.helper !== undefined) add(["networks", i, "helper"], "networks[].helper");
  });
  if (spec.usb?.host?.length) add(["usb", "host"], "usb.host");
  if (spec.pci?.rootPorts !== undefined) add(["pci", "rootPorts"], "pci.rootPorts");
  if (spec.qemuProperties?.devices !== undefined) add(["qemuProperties", "devices"], "qemuProperties.devices");
  if (spec.tpm?.type === "emulator") add(["tpm", "type"], "tpm.type: emulator");
  if (spec.display?.passwordFile !== undefined) add(["display", "passwordFile"], "display.passwordFile");
  if (spec.display?.websocket !== undefined) add(["display", "websocket"], "display.websocket");
  return gaps;
}

/** The libvirt output's message for one of them. */
export function libvirtGapMessage(field: string): string {
  return `libvirt output does not map ${field} yet (docs/targets.md): build a command line (--format shell) or leave the field out`;
}
