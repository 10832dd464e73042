import { describe, expect, it } from "vitest";
import { cleanText, singleLine } from "./text";

describe("form text", () => {
  it.each([
    ["a\u0000b", "ab"],
    ["a\u0001\u001f\u007fb", "ab"],
    ["keep\ttabs", "keep\ttabs"],
    ["one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour"],
  ])("cleans %j", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each([
    ["A title\r\nBcc: someone@example.org", "A title Bcc: someone@example.org"],
    ["two  \n\n  lines", "two lines"],
    ["nul\u0000 gone", "nul gone"],
  ])("makes %j one line", (input, expected) => {
    expect(singleLine(input)).toBe(expected);
  });
});
