// Parses one option's argument as QEMU does: `k=v,k=v` with ",," as a literal comma (QemuOpts),
// or a JSON object for the options that take one. The inverse of escape.ts's serializeProps.
import type { Prop } from "./options.js";
import { JSON_FLAGS, PROPERTY_FLAGS } from "./flags.js";

export interface ParsedProps {
  props: Prop[];
  /** Offsets of each property's start within the argument text, for precise findings. */
  offsets: number[];
  json?: boolean;
}

function flatten(prefix: string, v: unknown, out: Prop[]): void {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(prefix ? `${prefix}.${k}` : k, x, out);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => flatten(`${prefix}.${i}`, x, out));
  } else {
    out.push({ key: prefix, value: typeof v === "boolean" ? (v ? "on" : "off") : String(v) });
  }
}

/** Splits `text` into properties for `flag` (canonical spelling). */
export function parseProps(flag: string, text: string): ParsedProps {
  if (JSON_FLAGS.has(flag) && text.trimStart().startsWith("{")) {
    try {
      const props: Prop[] = [];
      flatten("", JSON.parse(text), props);
      return { props, offsets: props.map(() => 0), json: true };
    } catch {
      // Not JSON after all: fall through to k=v parsing, which reports what it can.
    }
  }
  const impliedKey = PROPERTY_FLAGS[flag] ?? null;
  const props: Prop[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i <= text.length) {
    const start = i;
    let part = "";
    while (i < text.length) {
      if (text[i] === ",") {
        if (text[i + 1] === ",") {
          part += ",";
          i += 2;
          continue;
        }
        break;
      }
      part += text[i++];
    }
    i++; // skip the separator
    if (part === "" && start >= text.length && props.length > 0) break;
    const eq = part.indexOf("=");
    if (eq < 0 && props.length === 0 && impliedKey) props.push({ key: impliedKey, value: part, implied: true });
    else if (eq < 0)
      props.push({ key: part, value: "on", bare: true }); // QemuOpts reads a bare key as key=on
    else props.push({ key: part.slice(0, eq), value: part.slice(eq + 1) });
    offsets.push(start);
    if (i > text.length) break;
  }
  return { props, offsets };
}
