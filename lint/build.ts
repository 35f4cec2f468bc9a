// Builds the requested output for a spec: lint first (no output when there is an error), then emit.
import type { Finding } from "../core/finding.js";
import { safeStem } from "../compiler/context.js";
import { lintInput, specRangeAt, type LintOptions } from "./lint.js";
import { toArgv, emitArgvText, EmitError } from "../compiler/emit/argv.js";
import { emitShell } from "../compiler/emit/shell.js";
import { emitReadconfig, type ReadconfigOutput } from "../compiler/emit/readconfig.js";
import { emitLibvirt } from "../compiler/emit/libvirt.js";
import { libvirtUnmappedFields } from "../compiler/emit/engine-gaps.js";
import { emitKubevirt, type KubevirtOptions } from "../compiler/emit/kubevirt.js";
import { parseTarget, targetChoices } from "../qemu/targets.js";
import { profileNamed } from "../rules/profile.js";

export const BUILD_FORMATS = ["shell", "argv", "json", "readconfig", "libvirt", "kubevirt"] as const;
export type BuildFormat = (typeof BUILD_FORMATS)[number];

export interface BuildOptions extends LintOptions {
  format: BuildFormat;
  /** Where the -readconfig file will be, as written into the residual command line (default ./<vm name>.cfg). */
  readconfigPath?: string;
  /** --format kubevirt: how disk files become volumes, and the run strategy. */
  kubevirt?: KubevirtOptions;
}

export interface BuildResult {
  text: string;
  findings: Finding[];
  /** The output, when the spec had no error and the format can represent it. */
  output?: string;
}

export function buildSpec(bytes: Uint8Array, opts: BuildOptions): BuildResult {
  // A KubeVirt manifest is linted for KubeVirt too: its arm64 rules run (docs/kubevirt.md).
  const lint = lintInput("spec", bytes, opts.format === "kubevirt" ? { ...opts, target: "kubevirt" } : opts);
  const { text, findings, compiled } = lint;
  // Findings about --accel/--cpu values are reported but do not stop the build: the user chose
  // them for this host on purpose.
  if (!compiled || findings.some((f) => f.severity === "error" && !f.fromOverride)) return { text, findings };
  const readconfigPath = opts.readconfigPath ?? `./${safeStem(lint.spec!.name)}.cfg`;
  try {
    const argv = toArgv(compiled.options);
    let output: string;
    if (opts.format === "kubevirt") output = emitKubevirt(lint.spec!, opts.kubevirt);
    else if (opts.format === "shell") output = emitShell(compiled);
    else if (opts.format === "argv") output = emitArgvText(compiled.binary, compiled.options);
    else if (opts.format === "readconfig") output = emitReadconfig(compiled.options, readconfigPath).file;
    else if (opts.format === "libvirt") {
      // Every field the libvirt output cannot map, each at its line, in one run.
      const gaps = libvirtUnmappedFields(lint.spec!);
      if (gaps.length)
        return {
          text,
          findings: [
            ...findings,
            ...gaps.map((g): Finding => ({
              ruleId: "output-format",
              severity: "error",
              message: g.message,
              range: specRangeAt(lint, g.path),
            })),
          ],
        };
      const qemu = opts.qemu ?? parseTarget(profileNamed(opts.profile)!.data.qemu)!;
      const lv = emitLibvirt({ spec: lint.spec!, options: compiled.options, target: targetChoices(qemu), baseDir: opts.baseDir });
      const notes: Finding[] = lv.notes.map((n) => ({
        ruleId: n.ruleId,
        severity: "warning",
        message: n.message,
        range: specRangeAt(lint, n.path),
      }));
      return { text, findings: [...findings, ...notes], output: lv.xml };
    } else {
      let readconfig: ReadconfigOutput | { error: string };
      try {
        readconfig = emitReadconfig(compiled.options, readconfigPath);
      } catch (e) {
        if (!(e instanceof EmitError)) throw e;
        readconfig = { error: e.message };
      }
      const prepare = compiled.prepare.map((p) => ({ creates: p.creates, argv: p.argv, ...(p.mustRun ? { mustRun: true } : {}) }));
      output = JSON.stringify({ binary: compiled.binary, argv, images: compiled.images, readconfig, prepare }, null, 2) + "\n";
    }
    return { text, findings, output };
  } catch (e) {
    if (!(e instanceof EmitError)) throw e;
    return {
      text,
      findings: [...findings, { ruleId: "output-format", severity: "error", message: e.message, range: specRangeAt(lint, e.path) }],
    };
  }
}
