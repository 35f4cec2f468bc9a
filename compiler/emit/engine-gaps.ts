// Spec fields the libvirt output cannot take: the few admin fields of issue 20 (storage limits,
// NUMA, consoles over TCP, host USB, root ports, per-device properties, swtpm, display password
// files) that libvirt cannot say (libvirtUnmappedFields). The KubeVirt output answers each admin
// field itself (compiler/emit/kubevirt.ts). A spec that sets one is refused at that field's YAML line — never a
// domain or manifest that silently lacks what the spec asked for. docs/targets.md lists them.
import type { SpecPath } from "../../spec/nodes.js";
import type { VmSpec } from "../../spec/types.js";

export interface EngineGap {
  path: SpecPath;
  field: string;
}

/** A spec field the libvirt output cannot take, with the reason (each at its own YAML line). */
export interface LibvirtGap extends EngineGap {
  message: string;
}

/** Hugepages of a NUMA node as a mount path, or undefined for ordinary memory. */
function nodeHugepages(spec: VmSpec, i: number): string | undefined {
  const h = spec.numa![i].hugepages ?? spec.memory.hugepages;
  return h === true ? "/dev/hugepages" : h || undefined;
}

/** Whether a spec device goes through <qemu:commandline> whole in the libvirt output (compiler/emit/libvirt.ts). */
export function libvirtPassesThrough(spec: VmSpec, name: string): boolean {
  return (spec.networks ?? []).some((n) => n.name === name && n.type === "user" && (!!n.forwards?.length || n.restrict === true));
}

/**
 * The admin fields the libvirt output (compiler/emit/libvirt.ts) cannot map, each with why. The
 * other admin fields are mapped (docs/targets.md); this list shrinks as libvirt learns them.
 */
export function libvirtUnmappedFields(spec: VmSpec): LibvirtGap[] {
  const gaps: LibvirtGap[] = [];
  // libvirt ties hugepages to guest NUMA nodes by page size (<page size nodeset>), not by mount:
  // all nodes on the same mount is <hugepages/> (the default page size, qemu.conf's mount).
  if (spec.numa?.length) {
    const mounts = spec.numa.map((_, i) => nodeHugepages(spec, i));
    if (new Set(mounts).size > 1) {
      const i = mounts.findIndex((m) => m !== mounts[0]);
      const at = spec.numa.findIndex((n) => n.hugepages !== undefined);
      gaps.push({
        path: at >= 0 ? ["numa", at, "hugepages"] : ["numa", i],
        field: "numa[].hugepages",
        message:
          "libvirt backs guest NUMA nodes with hugepages by page size (<page size nodeset>), while the spec names hugetlbfs mounts: back every node with the same mount (or none) for libvirt, or build a command line (--format shell)",
      });
    }
  }
  // libvirt starts its own passt (<backend type='passt'/>, with its own socket): the spec's passt
  // command and socket cannot be given to it.
  (spec.networks ?? []).forEach((n, i) => {
    if (n.type === "user" && n.backend === "passt")
      gaps.push({
        path: ["networks", i, "backend"],
        field: "networks[].backend",
        message:
          "libvirt 9.0 has no passt backend for a user network (its daemon refuses <backend type='passt'/>: \"Invalid value for attribute 'type'\"): build a command line (--format shell), or use backend slirp (IPv4 forwards only)",
      });
  });
  // A device that goes through <qemu:commandline> is created before libvirt's PCI devices: it can
  // sit on a root port that goes through with it (bus: rp<i>), not at a slot libvirt may take.
  for (const [name, map] of Object.entries(spec.qemuProperties?.devices ?? {})) {
    if (!libvirtPassesThrough(spec, name)) continue;
    const port = /^rp([1-9][0-9]*)$/.exec(map?.bus ?? "");
    const ok = {
      bus: map?.bus === undefined || (port !== null && Number(port[1]) <= (spec.pci?.rootPorts ?? 0)),
      addr: map?.addr === undefined,
    };
    for (const key of ["bus", "addr"] as const)
      if (!ok[key])
        gaps.push({
          path: ["qemuProperties", "devices", name, key],
          field: `qemuProperties.devices.${name}.${key}`,
          message: `libvirt output gives ${name} to QEMU through <qemu:commandline> (a user network with port forwards or restrict), whose devices QEMU creates before libvirt's own: it can go on a root port rp<i> of pci.rootPorts (bus), not ${key === "addr" ? "at a slot libvirt may use (addr)" : `on ${JSON.stringify(map?.bus)}`}; or build a command line (--format shell)`,
        });
  }
  return gaps;
}
