// Schema errors are mapped back to the YAML node, with did-you-mean and the allowed values.
import { describe, expect, it } from "vitest";
import { loadSpecText } from "../spec/load.js";
import { validateSpec, suggest } from "../spec/validate.js";
import { locate } from "../core/positions.js";

function check(text: string) {
  const r = loadSpecText(text);
  expect(r.findings).toEqual([]);
  return locate(text, validateSpec(r.doc!, r.data)).map((f) => ({
    at: `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`,
    rule: f.ruleId,
    message: f.message,
  }));
}

describe("validateSpec", () => {
  it("accepts a minimal spec", () => {
    expect(check("name: a\nmemory: {size: 1GiB}\n")).toEqual([]);
  });

  it("underlines an unknown key and suggests a close sibling", () => {
    expect(check("name: a\nmemory: {size: 1GiB}\ndisks:\n  - name: d\n    file: f\n    format: raw\n    readOnly: true\n")).toEqual([
      { at: "7:5-7:13", rule: "schema", message: 'unknown key "readOnly" in disks.0; did you mean "readonly"?' },
    ]);
  });

  it("lists the allowed values of an enum", () => {
    const [f] = check("name: a\nmemory: {size: 1GiB}\naccel: hvf\n");
    expect(f).toMatchObject({ at: "3:8-3:11", rule: "schema" });
    expect(f.message).toBe('"hvf" is not a valid accel: expected one of "kvm", "tcg"');
  });

  it("reports a size that does not parse under invalid-size", () => {
    expect(check("name: a\nmemory: {size: 4 GB}\n")).toEqual([
      {
        at: "2:16-2:20",
        rule: "invalid-size",
        message:
          '"4 GB" is not a valid memory.size: expected a size with a binary unit such as 512MiB, 4GiB or 20G: did you mean 4G (binary, as QEMU reads it)?',
      },
    ]);
  });

  it("says which key is missing, and where", () => {
    expect(check("name: a\nmemory: {}\n")).toEqual([
      { at: "2:1-2:7", rule: "schema", message: 'memory is missing the required key "size"' },
    ]);
  });

  it("explains a wrong type and a value of a union", () => {
    expect(check("name: a\nmemory: {size: 1GiB}\ncpu: {count: two}\n")[0].message).toBe(
      'cpu.count must be a whole number, not the string "two"',
    );
    expect(check("name: a\nmemory: {size: 1GiB, hugepages: 3}\n")[0].message).toBe(
      "memory.hugepages must be a string or true or false, not number 3",
    );
    expect(check("name: a\nmemory: {size: 1GiB}\nmonitors: {qmp: {sockt: x}}\n")[0].message).toBe(
      'unknown key "sockt" in monitors.qmp; did you mean "socket"?',
    );
    expect(check("name: a\nmemory: {size: 1GiB}\nmonitors: {qmp: true}\n")[0].message).toBe(
      "monitors.qmp must be a mapping or false, not boolean true",
    );
  });

  it("names the expected shape of MACs, PCI addresses and UUIDs", () => {
    const msgs = check(
      "name: a\nuuid: nope\nmemory: {size: 1GiB}\nnetworks: [{name: n, type: user, mac: 52-54}]\nhostDevices: [{name: h, address: 1:0.0}]\n",
    ).map((f) => f.message);
    expect(msgs).toEqual([
      '"nope" is not a valid uuid: expected a UUID such as 8f0e6a3c-1d2b-4c5e-9f7a-0b1c2d3e4f50',
      '"52-54" is not a valid networks.0.mac: expected a MAC address such as 52:54:00:12:34:56',
      '"1:0.0" is not a valid hostDevices.0.address: expected a PCI address such as 0000:01:00.0',
    ]);
  });

  it("suggests only close words", () => {
    expect(suggest("memroy", ["memory", "machine"])).toBe("memory");
    expect(suggest("zzzzzz", ["memory", "machine"])).toBeUndefined();
  });
});
