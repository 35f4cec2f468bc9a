// positionIn: the one line-number helper the import notes use (core/positions.ts), numbering as
// the editors do: a "\r\n" file keeps its lines, an offset at a "\n" is on the line it ends.
import { describe, expect, it } from "vitest";
import { positionIn } from "../core/positions.js";

describe("positionIn", () => {
  it("numbers every offset of a text as counting the newlines before it does, across texts", () => {
    const texts = ["", "a", "a\nb", "\n\n", "qemu \\\r\n  -m 1G\r\n", "x\ny\n\nz"];
    for (const text of texts)
      for (let at = 0; at <= text.length; at++) {
        const before = text.slice(0, at);
        expect(positionIn(text, at)).toEqual({ line: before.split("\n").length, column: at - before.lastIndexOf("\n") });
      }
  });
});
