import { describe, expect, it } from "vitest";
import { countWord } from "./numbers";

describe("countWord", () => {
  it.each([
    [0, {}, "zero"],
    [5, {}, "five"],
    [9, {}, "nine"],
    [9, { capitalized: true }, "Nine"],
    [12, {}, "twelve"],
    [13, {}, "13"],
    [40, { capitalized: true }, "40"],
    [-1, {}, "-1"],
    [2.5, {}, "2.5"],
  ])("%s %o → %s", (n, options, expected) => {
    expect(countWord(n, options)).toBe(expected);
  });
});
