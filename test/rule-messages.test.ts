// Messages by id: a rule's meta.messages holds its texts, `{{name}}` filled from a report's data
// (as ESLint's and stylelint's), so tests and docs can name a message.
import { describe, expect, it } from "vitest";
import { formatMessage } from "../rules/rule.js";
import { RULES } from "../rules/index.js";

const meta = { id: "demo", messages: { one: "-device {{device}} is unsupported by the {{ title }}{{instead}}", plain: "no -runas" } };

describe("formatMessage", () => {
  it("fills every placeholder, spaces inside the braces allowed", () => {
    expect(formatMessage(meta, { messageId: "one", data: { device: "ramfb", title: "SLES", instead: "; use VGA" } })).toBe(
      "-device ramfb is unsupported by the SLES; use VGA",
    );
    expect(formatMessage(meta, { messageId: "plain" })).toBe("no -runas");
  });

  it("keeps a placeholder that has no data, and never reads a value as a template or a replacement pattern", () => {
    expect(formatMessage(meta, { messageId: "one", data: { device: "{{title}}", title: "$& $1 $$" } })).toBe(
      "-device {{title}} is unsupported by the $& $1 $${{instead}}",
    );
    // Only the data's own keys: an inherited name (toString) is not data.
    expect(formatMessage({ id: "demo", messages: { m: "{{toString}} {{n}}" } }, { messageId: "m", data: { n: 0 } })).toBe("{{toString}} 0");
  });

  it("refuses an id the rule does not declare", () => {
    expect(() => formatMessage(meta, { messageId: "nope" })).toThrow(
      /rule demo reports the message id "nope", which its meta.messages does not declare/,
    );
  });

  it("every rule declares at least one message, each a non-empty one-line text", () => {
    for (const r of RULES) {
      const messages = Object.entries(r.meta.messages);
      expect(messages.length, r.meta.id).toBeGreaterThan(0);
      for (const [id, text] of messages) {
        expect(id, r.meta.id).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(text, `${r.meta.id}.${id}`).toMatch(/^\S[^\n]*\S$/);
      }
    }
  });
});
