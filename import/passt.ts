// A passt network read back: a `-netdev stream` whose socket a passt command of the same script
// serves (qemu/read/passt-command.ts hangs it on the option as QemuOption.passt) is a user network
// with `backend: passt` and passt's forwards, when the spec can say all that passt command says.
// What it cannot say keeps the pair raw, with the reason at the passt command's line.
import type { PasstForward, PasstPeer } from "../qemu/options.js";
import { isIpAddress } from "../compiler/sections/passt.js";

type Spec = Record<string, unknown>;

/** Why a forward of passt cannot be a spec's forward, or undefined when it can. */
export function forwardWhy(f: PasstForward): string | undefined {
  if (f.address === "")
    return `passt ${f.key} ${f.value} binds every host address, IPv4 and IPv6, and a spec's forward binds one: write the address in the passt command (127.0.0.1/, ::1/, 0.0.0.0/ or ::/)`;
  if (!isIpAddress(f.address))
    return `passt ${f.key} ${f.value} binds ${JSON.stringify(f.address)}, and a spec's hostAddress is an IP address (such as 127.0.0.1 or ::1)`;
  return undefined;
}

/** The spec's forwards for passt's, or the reason they cannot be. */
export function passtForwards(peer: PasstPeer): { forwards: Spec[] } | { why: string } {
  const first = peer.unmapped[0];
  if (first) return { why: `passt's ${first.text} ${first.why}` };
  const forwards: Spec[] = [];
  for (const f of peer.forwards) {
    const why = forwardWhy(f);
    if (why) return { why };
    forwards.push({
      hostPort: f.hostPort,
      guestPort: f.guestPort,
      ...(f.protocol !== "tcp" ? { protocol: f.protocol } : {}),
      ...(f.address !== "127.0.0.1" ? { hostAddress: f.address } : {}),
    });
  }
  return { forwards };
}
