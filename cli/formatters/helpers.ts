// What every formatter receives and the helpers they share (kept apart from the registry in
// cli/format.ts, which loads the formatters: they never import it back).
import { SEVERITY_ORDER, type FileFindings, type LocatedFinding } from "../../core/finding.js";

export type { FileFindings };

export interface FormatContext {
  /** Colour escapes allowed (a TTY, NO_COLOR unset). */
  color: boolean;
  /** Where to write the full table for GitHub (the GITHUB_STEP_SUMMARY file), if anywhere. */
  stepSummary?: string;
}

export type Formatter = (files: FileFindings[], ctx: FormatContext) => string;

/** A message on one line: values quoted into messages may hold line breaks. */
export function oneLine(message: string): string {
  return message.replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/** Every finding of every file, most severe first (then by file and position). */
export function allFindings(files: FileFindings[]): { file: string; f: LocatedFinding; source?: string }[] {
  return files
    .flatMap((x) => x.findings.map((f) => ({ file: x.file, f, source: x.source })))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        a.file.localeCompare(b.file) ||
        a.f.line - b.f.line ||
        a.f.column - b.f.column,
    );
}

/** One line of a file's text (1-based), for fingerprints and frames. */
export function lineOf(source: string | undefined, line: number): string {
  return source?.split("\n")[line - 1]?.replace(/\r$/, "") ?? "";
}
