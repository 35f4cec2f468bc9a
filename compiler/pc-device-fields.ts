// A spec's extraArgs that carry a PC device no qemu-system-aarch64 has (`-device pvpanic`,
// `-device tpm-tis`): target-unsupported's message names the spec field that builds the virt
// board's device, not the command-line spelling of it (a spec writes `pvpanic: true`, not
// `-device pvpanic-pci`).
import type { TargetNeed } from "../qemu/since.js";
import { prop } from "../qemu/options.js";

/** The spec field that builds each device target-unsupported names instead of a PC one. */
const FIELD_FOR: Record<string, string> = {
  "pvpanic-pci": "pvpanic: true",
  "tpm-tis-device": "tpm: (type: passthrough or emulator)",
};

/** The message in a spec's words, for a PC device written in extraArgs; else the message as it is. */
export function inSpecWords(need: TargetNeed, message: string): string {
  const o = need.option;
  const driver = o && prop(o, "driver");
  const instead = need.instead;
  // Only a PC device's refusal has no version and a device to write instead (NOT_ON_ARM in qemu/since.ts).
  if (!o || o.path[0] !== "extraArgs" || !driver || !need.noVersion || !instead || !Object.hasOwn(FIELD_FOR, instead)) return message;
  const written = `write -device ${instead}`;
  if (!message.includes(written)) return message;
  return message.replace(written, `drop it from extraArgs and set ${FIELD_FOR[instead]} in the spec (vmspec builds -device ${instead})`);
}
