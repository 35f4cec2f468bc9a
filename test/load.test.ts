// The loader: every kind of bad file gives a finding with a code and a position, never a throw.
import { describe, expect, it } from "vitest";
import { loadSpecBytes, MAX_ALIASES, MAX_SPEC_BYTES } from "../spec/load.js";
import { locate } from "../core/positions.js";

function findings(input: string | Uint8Array) {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const r = loadSpecBytes(bytes);
  return locate(r.text, r.findings).map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

describe("loadSpecBytes", () => {
  it.each([
    ["duplicate keys", "name: a\nmemory: {size: 1G}\nname: b\n", ["3:1 duplicate-key"]],
    ["a tab as indentation", "name: a\nmemory:\n\tsize: 1G\n", ["3:1 yaml-syntax"]],
    ["two documents", "name: a\n---\nname: b\n", ["2:1 multiple-documents"]],
    ["a list at the top", "- name: a\n", ["1:1 root-not-mapping"]],
    ["a scalar at the top", "just text\n", ["1:1 root-not-mapping"]],
    ["an empty file", "", ["1:1 empty-file"]],
    ["only comments", "# nothing\n# here\n", ["1:1 empty-file"]],
    ["an unclosed flow mapping", "name: a\nmemory: {size: 1G\n", ["3:1 yaml-syntax"]],
  ])("reports %s", (_what, text, expected) => {
    expect(findings(text)).toEqual(expected);
  });

  it("keeps positions right with CRLF line endings and a BOM", () => {
    const r = loadSpecBytes(new TextEncoder().encode("\uFEFFname: a\r\nmemory:\r\n  size: 1G\r\nname: b\r\n"));
    expect(locate(r.text, r.findings).map((f) => [f.line, f.column, f.ruleId])).toEqual([[4, 1, "duplicate-key"]]);
    const ok = loadSpecBytes(new TextEncoder().encode("\uFEFFname: a\r\nmemory:\r\n  size: 1G\r\n"));
    expect(ok.findings).toEqual([]);
    expect(ok.data).toEqual({ name: "a", memory: { size: "1G" } });
  });

  it("reports invalid UTF-8 at its line and column", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("name: a\nmemory: "), 0xc3, 0x28, 0x0a]);
    expect(findings(bytes)).toEqual(["2:9 invalid-utf8"]);
  });

  it("refuses a binary file and a file over the size limit without parsing", () => {
    expect(findings(new Uint8Array([0x6e, 0x00, 0x01]))).toEqual(["1:2 binary-file"]);
    expect(findings(new Uint8Array(MAX_SPEC_BYTES + 1))).toEqual(["1:1 file-too-large"]);
  });

  it("refuses more aliases than the limit, and a billion-laughs expansion, quickly", () => {
    const many = "a: &x 1\n" + Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `k${i}: *x`).join("\n") + "\n";
    expect(findings(many)).toEqual([`${MAX_ALIASES + 2}:6 too-many-aliases`]);
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      laughs.push(
        `${"abcdefgh"[i]}: &${"abcdefgh"[i]} [${Array(9)
          .fill(`*${"abcdefgh"[i - 1]}`)
          .join(", ")}]`,
      );
    const started = Date.now();
    expect(findings(laughs.join("\n") + "\n")[0]).toMatch(/too-many-aliases$/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("reads 10,000 levels of nesting as a finding, quickly, without a crash", () => {
    const started = Date.now();
    const deep = loadSpecBytes(new TextEncoder().encode("name: x\nextraArgs: " + "[".repeat(10000) + "]".repeat(10000) + "\n"));
    expect(deep.findings.map((f) => [f.ruleId, f.message])).toEqual([["yaml-syntax", "the YAML nests too deeply to be read"]]);
    const block = ["name: x", ...Array.from({ length: 1200 }, (_, i) => " ".repeat(i + 1) + "k:")].join("\n") + " 1\n";
    expect(() => loadSpecBytes(new TextEncoder().encode(block))).not.toThrow();
    expect(Date.now() - started).toBeLessThan(10000);
  });

  it("gives plain data for a good spec", () => {
    const r = loadSpecBytes(new TextEncoder().encode("name: a\nmemory: {size: 1GiB}\n"));
    expect(r.findings).toEqual([]);
    expect(r.data).toEqual({ name: "a", memory: { size: "1GiB" } });
  });
});
