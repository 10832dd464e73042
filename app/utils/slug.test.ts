import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

describe("slugify", () => {
  it.each([
    ["How do I report PARS data?", 60, {}, "how-do-i-report-pars-data"],
    ["Planning a CME activity!", 60, {}, "planning-a-cme-activity"],
    ["Éducation médicale continue", 60, {}, "education-medicale-continue"],
    ["Research & Practice", 50, { ampersand: "and" as const }, "research-and-practice"],
    ["Research & Practice", 50, {}, "research-practice"],
    ["  --Leading and trailing--  ", 60, {}, "leading-and-trailing"],
    ["one two three", 7, {}, "one-two"],
    ["!!!", 60, {}, ""],
  ])("%j (max %i, %j) → %j", (text, max, options, expected) => {
    expect(slugify(text, max, options)).toBe(expected);
  });
});
