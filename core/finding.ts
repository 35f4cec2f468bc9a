// The one finding shape used by the loader, the validators and every rule. Ranges are character
// offsets into the source text; 1-based line:column is computed once, at the edge (positions.ts).

export type Severity = "error" | "warning" | "info";

/** A text edit: replace [start, end) of the file's text with `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/** A finding inside one file, located by character offsets [start, end). */
export interface Finding {
  ruleId: string;
  /** The id of the rule's message (its `meta.messages`), for tests; not printed. */
  messageId?: string;
  severity: Severity;
  message: string;
  /** Offsets into the file's text. */
  range: [number, number];
  /**
   * Set when the finding is about a value given on vmspec's own command line (--accel, --cpu)
   * for a host that differs, not about the spec: reported, but it does not stop `build`.
   */
  fromOverride?: "accel" | "cpu";
  /** A safe, deterministic fix that `--fix` applies. */
  fix?: TextEdit;
  /** Changes that may be right but need a person to choose (never applied by --fix). */
  suggestions?: { message: string; fix: TextEdit }[];
}

/** A finding with 1-based line and column, as printed and as in `--format json`. */
export interface LocatedFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: TextEdit;
  suggestions?: { message: string; fix: TextEdit }[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings of one input, with its text for code frames and fingerprints. */
export interface FileFindings {
  file: string;
  findings: LocatedFinding[];
  /** The file's text (absent when it could not be read). */
  source?: string;
}
