// Why a -netdev stream stays raw in an import (no passt command serves its socket, or that
// command says what a spec cannot, or the ids are not vmspec's), and the header's notes
// on the passt commands that became networks.
import { prop, type QemuOption } from "../qemu/options.js";
import { netId, netNameOf } from "../compiler/ids.js";
import { forwardWhy, passtForwards } from "./passt.js";
import { positionIn } from "../core/positions.js";

const lineAt = (text: string, at: number) => positionIn(text, at).line;

/**
 * Why a -netdev stream stays raw (in extraArgs): no passt command serves its socket, or that
 * command says what a spec cannot, or its ids are not vmspec's.
 */
export function streamKeptWhy(o: QemuOption, text: string, options: QemuOption[]): string {
  const path = prop(o, "addr.path");
  const id = prop(o, "id");
  const nic = id !== undefined ? options.find((x) => x.flag === "-device" && prop(x, "netdev") === id) : undefined;
  const name = nic && prop(nic, "id");
  const peer = o.passt;
  if (!peer)
    return `a -netdev stream's socket cannot be known to be passt's: no passt command in the file has --socket ${path ?? "(no addr.path)"} (networks[].backend passt is a stream to the socket of a passt started with --socket, its forwards in that command): kept as written`;
  const at = peer.range ? ` (line ${lineAt(text, peer.range[0])})` : "";
  const forwards = passtForwards(peer);
  const why: string[] = [];
  if ("why" in forwards) {
    const where = peer.unmapped[0]?.range ?? peer.forwards.find((f) => forwardWhy(f))?.range;
    why.push(`the passt command${where ? ` at line ${lineAt(text, where[0])}` : at} serving its socket: ${forwards.why}`);
  }
  if (name === undefined || id !== netId(name))
    why.push(
      `${why.length ? "and " : `served by the passt command${at}, but `}vmspec writes a passt network as -netdev stream,id=net-<name>,server=off,addr.type=unix,addr.path=<socket> with a NIC -device ...,netdev=net-<name>,id=<name>, and these ids are not so`,
    );
  if (why.length === 0) why.push(`served by the passt command${at}, but the network's other settings are not what vmspec writes`);
  return `${why.join("; ")}: kept as written`;
}

/** The header's notes on each passt command that became a network (what build names instead). */
export function passtNotes(mapped: QemuOption[], text: string): string[] {
  const out: string[] = [];
  for (const o of mapped) {
    if (o.flag !== "-netdev" || !o.passt) continue;
    const line = o.passt.range ? `Line ${lineAt(text, o.passt.range[0])}: the` : "The";
    const running = o.passt.running.filter((r) => r !== "--one-off" && r !== "-1");
    out.push(
      `${line} passt command serving ${prop(o, "addr.path")} is network ${netNameOf(prop(o, "id") ?? "")}'s backend passt: build does not start it but names it (passt --socket ... --one-off and the forwards)${running.length ? `; its ${running.join(" ")} say how it runs, not what the network is, and are not in the spec` : ""}.`,
    );
  }
  return out;
}
