// Networks: a -netdev backend and a NIC -device per interface.
import type { CompileContext } from "../context.js";
import { hostPath } from "../context.js";
import { ifSet, implied, props, type PrepareStep, type Prop, type QemuOption } from "../../qemu/options.js";
import { passtBackend, passtPeer } from "./passt.js";
import { bootIndex } from "../bootorder.js";
import { deviceId, netId } from "../ids.js";

/** The -device driver of each network model (import reads it backwards). */
export const NIC_DRIVER = { virtio: "virtio-net-pci", e1000: "e1000", e1000e: "e1000e", rtl8139: "rtl8139" } as const;

export function networkOptions(ctx: CompileContext, prepare: PrepareStep[]): QemuOption[] {
  const { spec } = ctx;
  const out: QemuOption[] = [];
  (spec.networks ?? []).forEach((n, i) => {
    const id = netId(n.name);
    // A bridge network with vhost is a tap the bridge helper makes (-netdev bridge has no vhost=).
    const helperTap = n.type === "bridge" && n.vhost !== undefined;
    const passt = n.type === "user" && n.backend === "passt";
    const backend: Prop[] = passt
      ? passtBackend(ctx, n, i, id, prepare)
      : [implied("type", helperTap ? "tap" : n.type, ["networks", i, "type"]), { key: "id", value: id }];
    if (passt) {
      // -netdev stream takes nothing more: the forwards are passt's (its command in the preparation step).
    } else if (n.type === "user") {
      if (n.restrict !== undefined) backend.push({ key: "restrict", value: n.restrict ? "on" : "off", path: ["networks", i, "restrict"] });
      (n.forwards ?? []).forEach((f, j) => {
        if (f.hostAddress?.includes(":"))
          ctx.unsupported?.push({
            id: "target-unsupported",
            message: `QEMU's built-in user network (slirp) forwards from IPv4 addresses only ("Bad host address" for ${f.hostAddress}): set backend: passt on this network (QEMU 7.2+) or use an IPv4 address`,
            path: ["networks", i, "forwards", j, "hostAddress"],
          });
        // Loopback unless the spec asks otherwise: a forward must not open the guest to the network by accident.
        backend.push({
          key: "hostfwd",
          value: `${f.protocol ?? "tcp"}:${f.hostAddress ?? "127.0.0.1"}:${f.hostPort}-:${f.guestPort}`,
          path: ["networks", i, "forwards", j],
        });
      });
    } else if (n.type === "tap") {
      backend.push(
        ...props(null, [
          ["ifname", n.ifname, ["networks", i, "ifname"]],
          ["script", "no"],
          ["downscript", "no"],
          ["vhost", n.vhost, ["networks", i, "vhost"]],
          ["queues", n.queues, ["networks", i, "queues"]],
        ]),
      );
    } else {
      backend.push({ key: "br", value: n.bridge ?? "br0", ...(n.bridge !== undefined ? { path: ["networks", i, "bridge"] } : {}) });
      const helper = n.helper !== undefined ? hostPath(ctx, n.helper) : helperTap ? ctx.target.bridgeHelper : undefined;
      backend.push(
        ...props(null, [
          ["helper", helper, ifSet(n.helper, ["networks", i, "helper"])],
          ["vhost", n.vhost, ["networks", i, "vhost"]],
        ]),
      );
    }
    out.push({ flag: "-netdev", props: backend, path: ["networks", i], ...(passt ? { passt: passtPeer(n, i) } : {}) });
    const model = n.model ?? "virtio";
    const multiqueue = model === "virtio" && (n.queues ?? 1) > 1;
    out.push({
      flag: "-device",
      props: props(implied("driver", NIC_DRIVER[model], ifSet(n.model, ["networks", i, "model"])), [
        ["netdev", id],
        ["id", deviceId(n.name), ["networks", i, "name"]],
        ["mac", n.mac?.toLowerCase(), ["networks", i, "mac"]],
        // Multi-queue virtio-net needs one MSI-X vector per queue pair in each direction, plus two.
        ["mq", multiqueue ? true : undefined],
        ["vectors", multiqueue ? 2 * (n.queues ?? 1) + 2 : undefined],
        ["bootindex", bootIndex(spec, n.name, n.bootindex), ifSet(n.bootindex, ["networks", i, "bootindex"])],
      ]),
      path: ["networks", i],
    });
  });
  return out;
}
