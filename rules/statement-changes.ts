// The items of a statement's deprecation section (rules/data/extract.ts `changes`), matched
// against options and monitor commands, for statement-deprecated and statement-removed.
// An item names a flag, optionally its first value (`-device ide-drive`, `-chardev tty`) and a
// property (`-device virtio-blk-pci,scsi=`, `-realtime mlock=`, `-spice password=string`).
// Free-text items ("-share and noshare must be replaced by share=on/share=off") name no option
// and are not matched; items a rule of their own reports (ivshmem, pc-sysfw, pci-assign) are left
// to that rule (docs/decisions.md).
import type { QemuOption } from "../qemu/options.js";
import { prop } from "../qemu/options.js";
import type { StatementChange } from "./data/extract.js";
import type { Profile } from "./profile.js";

const OWN_RULE = new Set(["-device ivshmem", "-device pc-sysfw", "-device pci-assign", "-device kvm-pci-assign"]);

interface OptionPattern {
  change: StatementChange;
  flag: string;
  value?: string;
  key?: string;
}

/** A profile's patterns by flag, in the section's order: made once per profile, looked up per option. */
const cache = new WeakMap<Profile, Map<string, OptionPattern[]>>();

function patterns(profile: Profile): Map<string, OptionPattern[]> {
  let byFlag = cache.get(profile);
  if (byFlag) return byFlag;
  const out: OptionPattern[] = [];
  for (const c of profile.data.lists.changes) {
    if (c.kind !== "option" || OWN_RULE.has(c.item)) continue;
    const m = /^(-[A-Za-z][\w-]*)(?:\s+(.*))?$/.exec(c.item);
    if (!m) continue;
    const rest = (m[2] ?? "").trim();
    if (/\s/.test(rest)) continue; // free text
    const p: OptionPattern = { change: c, flag: m[1] };
    if (rest && rest !== "...") {
      const [value, keyPart] = rest.includes(",") ? rest.split(",", 2) : rest.includes("=") ? [undefined, rest] : [rest, undefined];
      if (value) p.value = value;
      if (keyPart) p.key = keyPart.split("=")[0];
    }
    out.push(p);
  }
  byFlag = new Map();
  for (const p of out) byFlag.set(p.flag, [...(byFlag.get(p.flag) ?? []), p]);
  cache.set(profile, byFlag);
  return byFlag;
}

/** The deprecation-section item an option matches, among those with one of `statuses`. */
export function optionChange(profile: Profile, o: QemuOption, statuses: StatementChange["status"][]): StatementChange | undefined {
  const forFlag = patterns(profile).get(o.flag);
  if (!forFlag) return undefined;
  for (const p of forFlag) {
    if (!statuses.includes(p.change.status)) continue;
    if (p.value !== undefined && o.props?.[0]?.value !== p.value && o.raw !== p.value) continue;
    if (p.key !== undefined && prop(o, p.key) === undefined) continue;
    return p.change;
  }
  return undefined;
}

/** The item naming a machine type. */
export function machineChange(profile: Profile, type: string, statuses: StatementChange["status"][]): StatementChange | undefined {
  return profile.data.lists.changes.find((c) => c.kind === "machine" && c.item === type && statuses.includes(c.status));
}

/** The item naming a monitor command of that protocol. */
export function commandChange(
  profile: Profile,
  protocol: "qmp" | "hmp",
  name: string,
  statuses: StatementChange["status"][],
): StatementChange | undefined {
  return profile.data.lists.changes.find((c) => c.kind === protocol && c.item === name && statuses.includes(c.status));
}

/** "(use -device virtio-balloon instead)" as a message's tail. */
export function noteOf(c: StatementChange): string {
  return c.note ? ` (${c.note})` : "";
}
