// The one place that escapes values for QEMU's option parser. QemuOpts/keyval split on ",", so a
// literal comma is written ",,": a file named "disk.qcow2,readonly=on" must stay a file name and
// never become an extra property. This is a security boundary: test changes against the real QEMU.
import type { Prop } from "./options.js";

/** Doubles the commas of a value inside a `k=v,...` option. */
export function escapeValue(value: string): string {
  return value.replace(/,/g, ",,");
}

/**
 * A file name as QEMU's block layer should read it: a relative path whose first ":" comes before
 * any "/" would be taken as a protocol prefix ("nbd:...", "file:..."), so it gets "./" in front.
 */
export function fileName(path: string): string {
  if (path.startsWith("/")) return path;
  const colon = path.indexOf(":");
  const slash = path.indexOf("/");
  return colon >= 0 && (slash < 0 || colon < slash) ? `./${path}` : path;
}

/**
 * An implied value is written bare only when QEMU cannot misread it: one holding "=" would be
 * parsed as a key, and "help" or "?" would print help instead of starting the VM.
 */
function bareSafe(value: string): boolean {
  return value !== "" && !value.includes("=") && value !== "help" && value !== "?";
}

/** Serializes properties as QEMU reads them: `driver,k=v,k=v` with commas doubled. */
export function serializeProps(props: Prop[]): string {
  return props
    .map((p, i) => (p.bare ? p.key : p.implied && i === 0 && bareSafe(p.value) ? escapeValue(p.value) : `${p.key}=${escapeValue(p.value)}`))
    .join(",");
}
