// The one finding shape used by the loader, the validators and every rule. Ranges are character
// offsets into the source text; 1-based line:column is computed once, at the edge (positions.ts).

export type Severity = "error" | "warning" | "info";

/** A finding inside one file, located by character offsets [start, end). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into the file's text. */
  range: [number, number];
  /**
   * Set when the finding is about a value given on vmspec's own command line (--accel, --cpu)
   * for a host that differs, not about the spec: reported, but it does not stop `build`.
   */
  fromOverride?: "accel" | "cpu";
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
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
