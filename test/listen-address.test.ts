// display.listen takes a host name or an IP address only. A user's `listen: "127.0.0.1,password=off"`
// passed the schema and built `-vnc vnc=127.0.0.1,,password=off:1` (escaped, so nothing was
// injected), which QEMU 7.2 refused at start ("address resolution failed"): it is a schema error at
// its line now, like serial.host.
import { describe, expect, it } from "vitest";
import { lintInput } from "../lint/lint.js";
import { locate } from "../core/positions.js";

function schemaFindings(listen: string) {
  const text = `name: v\nmemory: {size: 1GiB}\nrunAs: qemu\ndisplay:\n  type: vnc\n  password: true\n  listen: ${JSON.stringify(listen)}\n`;
  const r = lintInput("spec", new TextEncoder().encode(text), { baseDir: "/tmp" });
  return locate(r.text, r.findings).filter((f) => f.ruleId === "schema");
}

describe("display.listen", () => {
  it.each(["127.0.0.1,password=off", "0.0.0.0 ", "host;reboot", "a=b"])("refuses %j at its line, saying what is expected", (v) => {
    const [f, ...rest] = schemaFindings(v);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ line: 7, column: 11 });
    expect(f.message).toContain("is not a valid display.listen: expected a host name or an IP address, such as 127.0.0.1 or ::1");
  });
  it.each(["127.0.0.1", "0.0.0.0", "::1", "vnc.example.com", "fe80::1"])("accepts %j", (v) => {
    expect(schemaFindings(v)).toEqual([]);
  });
});
