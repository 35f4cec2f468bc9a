// Host paths that one VM takes for itself, compared across the specs linted together: two specs
// whose VMs would use the same monitor or agent socket, pidfile, log file or writable image (two
// names that sanitise alike, "db 01" and "db_01", both get db_01.run/qmp.sock) would fight over it
// when both run: the second QEMU replaces the first's socket, or fails to lock the image. Each
// spec's claims are kept with its result (and in the --cache entry), so a cached spec still counts.
import { readFileSync } from "node:fs";
import type { FileFindings, Severity } from "../../core/finding.js";
import { locate } from "../../core/positions.js";
import { prop, type QemuOption } from "../../qemu/options.js";
import { positionsOf } from "../../spec/read.js";
import type { SourcePositions, SpecPath } from "../../spec/nodes.js";
import { imageOpens, isOn } from "../../rules/option-helpers.js";

export const SHARED_HOST_PATH = "shared-host-path";

/** A host path, what it is to the VM, and the spec path that made it. */
export type Claim = [path: string, what: string, at: SpecPath];

/** What one spec's VM takes, with the severity its configuration gives the finding. */
export interface Claims {
  severity: Severity;
  list: Claim[];
}

/** The host paths a compiled spec's VM takes for itself. */
export function claimsOf(options: readonly QemuOption[]): Claim[] {
  const out: Claim[] = [];
  // The images each -drive and -blockdev opens, with either storage backend, in option order:
  // taken in turn as their options come (no lookup table per spec).
  const images = imageOpens(options);
  let next = 0;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    const flag = o.flag;
    if (flag === "-chardev") {
      const backend = o.props?.[0]?.value;
      const path = prop(o, "path");
      if (path && (backend === "socket" || backend === "file"))
        out.push([path, `the ${backend === "file" ? "file" : "socket"} of chardev ${prop(o, "id") ?? ""}`.trimEnd(), o.path]);
      const log = prop(o, "logfile");
      if (log) out.push([log, `the log file of chardev ${prop(o, "id") ?? ""}`.trimEnd(), o.path]);
    } else if (flag === "-pidfile") {
      if (o.raw) out.push([o.raw, "the pidfile", o.path]);
    } else if (next < images.length && images[next].option === o) {
      const image = images[next++];
      // A snapshot=on drive writes to a temporary overlay, not to its image.
      if (image.readOnly || (flag === "-drive" && isOn(prop(o, "snapshot")))) continue;
      const name = flag === "-drive" ? (prop(o, "id") ?? prop(o, "if") ?? "") : (prop(o, "node-name") ?? "");
      out.push([image.file, `the writable image of ${flag === "-drive" ? "drive" : "block node"} ${name}`.trimEnd(), o.path]);
    }
  }
  return out;
}

/** One VM's claim on a path: the file (its index in the run) and the claim. */
interface Owner {
  index: number;
  claim: Claim;
}

/** Above this many claimants of one path, "is this file among them" is asked of a Set, not the list. */
const SCAN_LIMIT = 8;

/**
 * Adds a finding to each file whose VM takes a host path another file's VM takes too (files in
 * `files` order; `claims[i]` belongs to `files[i]`, `abs[i]` is its absolute name).
 *
 * Linear in the number of claims: a path many specs claim (a fleet whose VMs share a name shares
 * their socket paths) is not scanned again for each claimant, and each file's text is parsed for
 * positions once, not once per finding.
 */
export function addSharedPathFindings(files: FileFindings[], abs: string[], claims: (Claims | undefined)[]): void {
  // A path's one claimant, or its list once a second comes (most paths have one: no list for them).
  const owners = new Map<string, Owner | Owner[]>();
  // The absolute names in a long list (see SCAN_LIMIT), made when it grows past the limit.
  const named = new Map<Owner[], Set<string>>();
  for (let index = 0; index < claims.length; index++) {
    const c = claims[index];
    if (c === undefined) continue;
    const name = abs[index];
    for (const claim of c.list) {
      const got = owners.get(claim[0]);
      if (got === undefined) owners.set(claim[0], { index, claim });
      // One file named twice is one VM.
      else if (!Array.isArray(got)) {
        if (abs[got.index] !== name) owners.set(claim[0], [got, { index, claim }]);
      } else if (got.length < SCAN_LIMIT) {
        if (!got.some((o) => abs[o.index] === name)) got.push({ index, claim });
      } else {
        let names = named.get(got);
        if (names === undefined) named.set(got, (names = new Set(got.map((o) => abs[o.index]))));
        if (!names.has(name)) {
          names.add(name);
          got.push({ index, claim });
        }
      }
    }
  }
  // Each file's text and positions, looked up once (undefined: unknown, the finding goes at the top).
  const texts = new Map<number, { text?: string; positions?: SourcePositions }>();
  for (const [path, list] of owners) {
    if (!Array.isArray(list)) continue;
    for (const { index, claim } of list) {
      const f = files[index];
      // A few names, then how many more: a fleet where hundreds of specs share a name would
      // otherwise repeat hundreds of names in each of their findings. The list holds each file once.
      const shown: string[] = [];
      for (let k = 0; k < list.length && shown.length < 4; k++) if (list[k].index !== index) shown.push(files[list[k].index].file);
      const more = list.length - 1 - 3;
      const others = more > 0 ? `${shown.slice(0, 3).join(", ")} and ${more} more` : shown.join(", ");
      let known = texts.get(index);
      if (known === undefined) {
        let text = f.source;
        try {
          text ??= readFileSync(abs[index], "utf8");
        } catch {
          // gone since it was linted: the finding is placed at the top
        }
        let positions: SourcePositions | undefined;
        try {
          if (text !== undefined) positions = positionsOf(text);
        } catch {
          // positions unknown: the top of the file
        }
        texts.set(index, (known = { text, positions }));
      }
      const text = known.text;
      let range: [number, number] = [0, 0];
      try {
        if (known.positions) range = known.positions.rangeAt(claim[2]);
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
