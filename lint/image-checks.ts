// `vmspec lint --check-images`: runs the real `qemu-img info` on each disk image that exists and
// reports what the spec or command line cannot show: a format other than the declared one, qcow2
// encryption, a qed image, a missing backing file. Not a rule: rules never read files.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { Finding } from "../core/finding.js";
import { prop, type QemuOption } from "../qemu/options.js";
import { specRangeAt, type LintOptions, type LintResult } from "./lint.js";
import { CONVERT_ADVICE } from "../rules/qcow2-encryption-deprecated.js";
import { IMAGE_CHECKS, resolveSeverity } from "./catalog.js";
import { RULES } from "../rules/index.js";
import { editFor } from "./fix-edit.js";
import { positionsOf } from "../spec/read.js";

export { IMAGE_CHECKS };

interface ImageInfo {
  format: string;
  encrypted?: boolean;
  "backing-filename"?: string;
  "full-backing-filename"?: string;
  "format-specific"?: { type: string; data?: { encrypt?: { format?: string } } };
}

export function qemuImgInfo(path: string): ImageInfo | { error: string } {
  // -U: read the header even while a running VM holds the image's lock.
  // Loaded here, not at start-up: child_process costs every run a few milliseconds.
  const { spawnSync } = process.getBuiltinModule("node:child_process");
  const r = spawnSync("qemu-img", ["info", "-U", "--output=json", path], { encoding: "utf8", timeout: 30000 });
  if (r.error) return { error: `cannot run qemu-img: ${r.error.message}` };
  if (r.status !== 0) return { error: (r.stderr || "qemu-img failed").trim().split("\n")[0] };
  return JSON.parse(r.stdout) as ImageInfo;
}

/**
 * A -drive without format= whose image qemu-img read: the finding of a rule marked
 * `fixedFromImageFormat` (drive-format-missing) on it gets the
 * fix the rule alone cannot make, format=<what the image is> (only raw and qcow2, the formats the
 * statement supports; --fix writes it).
 */
const FIXED_FROM_IMAGE_FORMAT = new Set(RULES.filter((r) => r.meta.fixedFromImageFormat).map((r) => r.meta.id));

function fixFormat(result: LintResult, o: QemuOption, format: string): void {
  if (format !== "raw" && format !== "qcow2") return;
  // Where the rule put its finding: the file= property (in a spec, the extraArgs item holding it).
  const fileProp = o.props?.find((p) => p.key === "file");
  const at = fileProp?.range ?? o.range ?? (result.spec && fileProp?.path ? specRangeAt(result, fileProp.path) : undefined);
  if (!at) return;
  const [start, end] = at;
  const f = result.findings.find((x) => FIXED_FROM_IMAGE_FORMAT.has(x.ruleId) && !x.fix && x.range[0] >= start && x.range[1] <= end);
  if (!f) return;
  const edit = editFor(
    o,
    { prop: "file", append: `format=${format}` },
    result.text,
    result.spec ? positionsOf(result.text, result.doc) : undefined,
  );
  if (!edit) return;
  f.fix = edit;
  f.message += ` (qemu-img reads ${prop(o, "file")} as ${format}: --fix writes format=${format})`;
}

export function checkImages(result: LintResult, opts: LintOptions): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (id: string, o: QemuOption, message: string) => {
    const severity = resolveSeverity(id, opts.rules);
    if (severity === "off") return;
    const range =
      o.props?.find((p) => p.key === "file")?.range ?? o.range ?? (result.spec ? specRangeAt(result, [...o.path, "file"]) : [0, 0]);
    findings.push({ ruleId: id, severity, message, range });
  };
  for (const o of result.options ?? []) {
    if (o.flag !== "-drive") continue;
    const file = prop(o, "file");
    if (!file || /^[a-z+]+:\/\//.test(file)) continue;
    const path = isAbsolute(file) ? file : resolve(opts.baseDir, file);
    if (seen.has(path) || !existsSync(path)) continue;
    seen.add(path);
    const info = qemuImgInfo(path);
    if ("error" in info) {
      add("image-unreadable", o, `qemu-img cannot read ${file}: ${info.error}`);
      continue;
    }
    const declared = prop(o, "format");
    if (!declared && prop(o, "driver") === undefined) fixFormat(result, o, info.format);
    if (declared && declared !== info.format)
      add(
        "image-format-mismatch",
        o,
        `${file} is a ${info.format} image, but is declared format=${declared}: QEMU would read it as ${declared}`,
      );
    const enc = info["format-specific"]?.data?.encrypt?.format;
    if (info.encrypted && (info.format === "qcow2" || info.format === "qcow") && (enc === undefined || enc === "aes")) {
      add(
        "qcow2-encryption-deprecated",
        o,
        `${file} uses qcow/qcow2 AES encryption, which is deprecated (and which QEMU 7.2 refuses to open): ${CONVERT_ADVICE}`,
      );
    }
    if (info.format === "qed" && declared !== "qed")
      add("qed-deprecated", o, `${file} is a qed image, which is deprecated: convert with qemu-img convert -f qed -O qcow2`);
    const backing = info["full-backing-filename"] ?? info["backing-filename"];
    if (backing && !/^[a-z+]+:/.test(backing)) {
      const b = isAbsolute(backing) ? backing : resolve(dirname(path), backing);
      if (!existsSync(b)) add("image-backing-missing", o, `${file} needs its backing file ${backing}, which does not exist`);
    }
  }
  return findings;
}
