// What the command-line parser needs to know about QEMU's options: which take no argument, and
// which are parsed as `k=v,...` properties (with the key of their implied first value). Every
// other option takes one argument that QEMU reads literally. Covers QEMU 2.9 through 7.2.

/** Options that take no argument. */
export const BARE_FLAGS = new Set([
  "-S",
  "-s",
  "-h",
  "-help",
  "-version",
  "-snapshot",
  "-nographic",
  "-nodefaults",
  "-no-user-config",
  "-nodefconfig",
  "-enable-kvm",
  "-no-kvm",
  "-daemonize",
  "-no-reboot",
  "-no-shutdown",
  "-no-acpi",
  "-no-hpet",
  "-full-screen",
  "-alt-grab",
  "-ctrl-grab",
  "-no-quit",
  "-no-frame",
  "-sdl",
  "-curses",
  "-portrait",
  "-usb",
  "-enable-fips",
  "-only-migratable",
  "-singlestep",
  "-win2k-hack",
  "-no-fd-bootchk",
  "-show-cursor",
  "-audio-help",
  "-mem-prealloc",
  "-no-kvm-irqchip",
  "-no-kvm-pit",
  "-no-kvm-pit-reinjection",
  "-tdf",
  "-xen-create",
  "-xen-attach",
  "-enable-hax",
  "-enable-whpx",
  "-preconfig",
  "-semihosting",
  "-old-param",
  "-no-fd-bootchk",
]);

/** Options parsed as properties, with the key their first, keyless value stands for (or null). */
export const PROPERTY_FLAGS: Record<string, string | null> = {
  "-accel": "accel",
  "-add-fd": null,
  "-acpitable": null,
  "-audiodev": "driver",
  "-blockdev": null,
  "-boot": "order",
  "-chardev": "backend",
  "-cpu": "model",
  "-device": "driver",
  "-display": "type",
  "-drive": null,
  "-fsdev": "fsdriver",
  "-fw_cfg": null,
  "-global": null,
  "-icount": "shift",
  "-iscsi": null,
  "-m": "size",
  "-M": "type",
  "-machine": "type",
  "-mon": "chardev",
  "-msg": null,
  "-name": "guest",
  "-net": "type",
  "-netdev": "type",
  "-numa": "type",
  "-object": "qom-type",
  "-overcommit": null,
  "-realtime": null,
  "-rtc": null,
  "-sandbox": "enable",
  "-smbios": null,
  "-smp": "cpus",
  "-spice": null,
  "-tpmdev": "type",
  "-trace": "enable",
  "-virtfs": "fsdriver",
  "-vnc": "vnc",
};

/** Options that accept a JSON object instead of `k=v,...` (QEMU 6.0+ for most). */
export const JSON_FLAGS = new Set(["-device", "-object", "-blockdev", "-netdev", "-audiodev", "-display", "-compat", "-machine"]);

/** Short spellings normalised to one flag, so rules see one name. */
export const FLAG_ALIASES: Record<string, string> = { "-M": "-machine" };

/** The canonical spelling of a flag: one dash, aliases resolved. */
export function canonicalFlag(token: string): string {
  const one = token.startsWith("--") && token.length > 2 ? token.slice(1) : token;
  return FLAG_ALIASES[one] ?? one;
}
