// junit: one test suite per file, one failing test case per finding (a clean file passes).
import type { Formatter } from "./helpers.js";
import { xml } from "./xml.js";

const junit: Formatter = (files) => {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', "<testsuites>"];
  for (const f of files) {
    const failing = f.findings.filter((x) => x.severity !== "info");
    out.push(`  <testsuite name="${xml(f.file)}" tests="${Math.max(1, f.findings.length)}" failures="${failing.length}" errors="0">`);
    if (f.findings.length === 0) out.push(`    <testcase name="vmspec lint" classname="${xml(f.file)}"/>`);
    for (const x of f.findings) {
      out.push(`    <testcase name="${xml(`${x.ruleId} ${x.line}:${x.column}`)}" classname="${xml(f.file)}">`);
      if (x.severity === "info") out.push(`      <system-out>${xml(x.message)}</system-out>`);
      else
        out.push(
          `      <failure type="${x.severity}" message="${xml(x.message)}">${xml(`${f.file}:${x.line}:${x.column}: ${x.message} [${x.ruleId}]`)}</failure>`,
        );
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return out.join("\n") + "\n";
};
export default junit;
