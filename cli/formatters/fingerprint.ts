// Stable fingerprints for code-scanning formats: the rule, the file and the text of the line, not
// its number, so a finding keeps its identity when lines move.
import { createHash } from "node:crypto";

export function fingerprint(file: string, ruleId: string, lineText: string, message: string): string {
  return createHash("sha256").update(`${ruleId}\0${file}\0${lineText.trim()}\0${message}`).digest("hex").slice(0, 32);
}
