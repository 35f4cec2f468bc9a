// The one escaping helper and its inverse, the property parser.
import { describe, expect, it } from "vitest";
import { escapeValue, fileName, serializeProps } from "../qemu/escape.js";
import { parseProps } from "../qemu/parse-props.js";
import { shellQuote } from "../compiler/emit/shell.js";

describe("escaping", () => {
  it("doubles commas and keeps an implied value from being read as a key or as help", () => {
    expect(escapeValue("a,b,,c")).toBe("a,,b,,,,c");
    expect(
      serializeProps([
        { key: "driver", value: "virtio-blk-pci", implied: true },
        { key: "serial", value: "x,id=y" },
      ]),
    ).toBe("virtio-blk-pci,serial=x,,id=y");
    expect(serializeProps([{ key: "guest", value: "a=b", implied: true }])).toBe("guest=a=b");
    expect(serializeProps([{ key: "guest", value: "help", implied: true }])).toBe("guest=help");
  });

  it("gives a relative path with a colon a ./ prefix so it is not read as a protocol", () => {
    expect(fileName("nbd:host:1234")).toBe("./nbd:host:1234");
    expect(fileName("dir/a:b")).toBe("dir/a:b");
    expect(fileName("/abs/nbd:x")).toBe("/abs/nbd:x");
    expect(fileName("plain.qcow2")).toBe("plain.qcow2");
  });

  it("parses what it serializes", () => {
    const props = [
      { key: "driver", value: "scsi-hd", implied: true },
      { key: "serial", value: "a,,b=c" },
      { key: "drive", value: "d" },
    ];
    expect(parseProps("-device", serializeProps(props)).props).toEqual(props);
    expect(parseProps("-device", '{"driver":"virtio-blk-pci","id":"x","a":{"b":true}}')).toMatchObject({
      json: true,
      props: [
        { key: "driver", value: "virtio-blk-pci" },
        { key: "id", value: "x" },
        { key: "a.b", value: "on" },
      ],
    });
  });

  it("quotes shell words only when needed", () => {
    expect(shellQuote("virtio-blk-pci,drive=x")).toBe("virtio-blk-pci,drive=x");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("~root")).toBe("'~root'");
    expect(shellQuote("$(x)")).toBe("'$(x)'");
  });
});
