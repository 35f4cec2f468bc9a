// isIpAddress (compiler/sections/passt.ts), written by hand so that the compiler needs no node:net
// (the browser playground has none, and a cold start should not load it), reads addresses as
// Node's own isIP does.
import { describe, expect, it } from "vitest";
import { isIP } from "node:net";
import { isIpAddress } from "../compiler/sections/passt.js";

const CASES = [
  "::1",
  "::",
  ":::1",
  "1::2::3",
  "fe80::1",
  "2001:db8::8a2e:370:7334",
  "1:2:3:4:5:6:7:8",
  "1:2:3:4:5:6:7:8:9",
  "1:2:3:4:5:6:7::",
  "::ffff:127.0.0.1",
  "1:2:3:4:5:6:1.2.3.4",
  "1:2:3:4:5:6:7:1.2.3.4",
  "::1.2.3.4",
  "127.0.0.1",
  "0.0.0.0",
  "256.1.1.1",
  "01.1.1.1",
  "1.2.3",
  "12345::1",
  "g::1",
  "",
];

describe("isIpAddress", () => {
  it.each(CASES)("%j as node:net reads it", (s) => expect(isIpAddress(s)).toBe(isIP(s) !== 0));
});
