// Host paths that one VM takes for itself, compared across the specs linted together: two specs
// whose VMs would use the same monitor or agent socket, pidfile, log file or writable image (two
// names that sanitise alike, "db 01" and "db_01", both get db_01.run/qmp.sock) would fight over it
// when both run: the second QEMU replaces the first's socket, or fails to lock the image. Each
// spec's claims are kept with its result (and in the --cache entry), so a cached spec still counts.
import { readFileSync } from "node:fs";
import type { FileFindings, Severity } from "../../core/finding.js";
import { locate } from "../../core/positions.js";
import { prop, type QemuOption } from "../../qemu/options.js";
import type { SpecPath } from "../../spec/nodes.js";
import { positionsOf } from "../../spec/read.js";
import { imageOpens } from "../../rules/option-helpers.js";

export const SHARED_HOST_PATH = "shared-host-path";

/** A host path, what it is to the VM, and the spec path that made it. */
export type Claim = [path: string, what: string, at: SpecPath];

/** What one spec's VM takes, with the severity its configuration gives the finding. */
export interface Claims {
  severity: Severity;
  list: Claim[];
}

const on = (v: string | undefined) => v === "on" || v === "true" || v === "yes";

/** The host paths a compiled spec's VM takes for itself. */
export function claimsOf(options: readonly QemuOption[]): Claim[] {
  const out: Claim[] = [];
  // The images each -drive and -blockdev opens, with either storage backend.
  const images = new Map(imageOpens(options).map((i) => [i.option, i]));
  for (const o of options) {
    if (o.flag === "-chardev") {
      const backend = o.props?.[0]?.value;
      const path = prop(o, "path");
      if (path && (backend === "socket" || backend === "file"))
        out.push([path, `the ${backend === "file" ? "file" : "socket"} of chardev ${prop(o, "id") ?? ""}`.trimEnd(), o.path]);
      const log = prop(o, "logfile");
      if (log) out.push([log, `the log file of chardev ${prop(o, "id") ?? ""}`.trimEnd(), o.path]);
    } else if (o.flag === "-pidfile" && o.raw) out.push([o.raw, "the pidfile", o.path]);
    else {
      const image = images.get(o);
      // A snapshot=on drive writes to a temporary overlay, not to its image.
      if (!image || image.readOnly || (o.flag === "-drive" && on(prop(o, "snapshot")))) continue;
      const name = o.flag === "-drive" ? (prop(o, "id") ?? prop(o, "if") ?? "") : (prop(o, "node-name") ?? "");
      out.push([image.file, `the writable image of ${o.flag === "-drive" ? "drive" : "block node"} ${name}`.trimEnd(), o.path]);
    }
  }
  return out;
}

/**
 * Adds a finding to each file whose VM takes a host path another file's VM takes too (files in
 * `files` order; `claims[i]` belongs to `files[i]`, `abs[i]` is its absolute name).
 */
export function addSharedPathFindings(files: FileFindings[], abs: string[], claims: (Claims | undefined)[]): void {
  const owners = new Map<string, { index: number; claim: Claim }[]>();
  claims.forEach((c, index) => {
    for (const claim of c?.list ?? []) {
      const list = owners.get(claim[0]) ?? [];
      // One file named twice is one VM.
      if (!list.some((o) => abs[o.index] === abs[index])) list.push({ index, claim });
      owners.set(claim[0], list);
    }
  });
  const texts = new Map<number, string | undefined>();
  for (const [path, list] of owners) {
    if (list.length < 2) continue;
    for (const { index, claim } of list) {
      const f = files[index];
      // A few names, then how many more: a fleet where hundreds of specs share a name would
      // otherwise repeat hundreds of names in each of their findings.
      const all = list.filter((o) => o.index !== index).map((o) => files[o.index].file);
      const others = all.length > 3 ? `${all.slice(0, 3).join(", ")} and ${all.length - 3} more` : all.join(", ");
      if (!texts.has(index)) {
        let text = f.source;
        try {
          text ??= readFileSync(abs[index], "utf8");
        } catch {
          // gone since it was linted: the finding is placed at the top
        }
        texts.set(index, text);
      }
      const text = texts.get(index);
      let range: [number, number] = [0, 0];
      try {
        if (text !== undefined) range = positionsOf(text).rangeAt(claim[2]);
      } catch {
        // positions unknown: the top of the file
      }
      const [found] = locate(text ?? "", [
        {
          ruleId: SHARED_HOST_PATH,
          severity: claims[index]!.severity,
          message: `${path} (${claim[1]}) is also used by the VM of ${others}: two QEMUs running at once would fight over it (the second replaces a socket, or cannot lock an image). Give each VM its own name or path`,
          range,
        },
      ]);
      // A copy: a cached result's list belongs to the cache entry.
      f.findings = [...f.findings, found];
      if (f.source === undefined && text !== undefined) f.source = text;
    }
  }
}
