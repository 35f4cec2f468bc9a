// checkstyle: the XML that Jenkins' warnings plugin and many CI tools read.
import type { Formatter } from "./helpers.js";
import { xml } from "./xml.js";

const checkstyle: Formatter = (files) => {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const f of files) {
    out.push(`  <file name="${xml(f.file)}">`);
    for (const x of f.findings) {
      out.push(
        `    <error line="${x.line}" column="${x.column}" severity="${x.severity}" message="${xml(x.message)}" source="vmspec.${xml(x.ruleId)}"/>`,
      );
    }
    out.push("  </file>");
  }
  out.push("</checkstyle>");
  return out.join("\n") + "\n";
};
export default checkstyle;
