import { describe, expect, it } from "vitest";
import { csvField } from "~/utils/csv";
import { buildDistribution, describeChange, medianFromCounts, medianLabel } from "./distribution";
import { INSIGHT_MIN_GROUP, isLargeEnough, SUPPRESSED_TEXT } from "./policy";

const STAGES = ["Novice", "Advanced beginner", "Competent", "Proficient", "Expert"].map((name, index) => ({
  position: index + 1,
  name,
}));

describe("medianFromCounts", () => {
  it.each([
    [[0, 0, 0, 0, 0], null],
    [[1, 0, 0, 0, 0], 1],
    [[1, 1, 2, 0, 1], 3], // 1 2 3 3 5
    [[2, 1, 0, 2, 0], 2], // 1 1 2 4 4
    [[1, 2, 0, 1, 2], 3], // 1 2 2 4 5 5: between 2 and 4
    [[0, 2, 0, 1, 3], 4.5], // 2 2 4 5 5 5
    [[0, 0, 3, 3, 0], 3.5],
    [[0, 0, 0, 0, 7], 5],
  ])("%j → %s", (counts, expected) => {
    expect(medianFromCounts(counts)).toBe(expected);
  });
});

describe("buildDistribution", () => {
  it("withholds everything below the threshold and shows everything from it", () => {
    expect(INSIGHT_MIN_GROUP).toBe(5);
    expect(buildDistribution(STAGES, [1, 1, 1, 1, 0])).toEqual({ shown: false });
    expect(buildDistribution(STAGES, [0, 0, 0, 0, 0])).toEqual({ shown: false });
    expect(buildDistribution(STAGES, [1, 1, 1, 1, 1])).toEqual({
      shown: true,
      members: 5,
      stages: STAGES.map((stage) => ({ ...stage, members: 1 })),
      median: { value: 3, label: "Competent" },
    });
    expect([4, 5, 6].map(isLargeEnough)).toEqual([false, true, true]);
  });

  it("names a median between two stages", () => {
    expect(medianLabel(2.5, STAGES)).toBe("Between Advanced beginner and Competent");
    expect(medianLabel(4, STAGES)).toBe("Proficient");
  });
});

describe("describeChange", () => {
  it.each([
    [0, "No change"],
    [1, "Up 1 stage"],
    [-0.5, "Down half a stage"],
    [2, "Up 2 stages"],
    [-1.5, "Down 1.5 stages"],
  ])("%s → %s", (change, text) => {
    expect(describeChange(change)).toBe(text);
  });
});

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["with, comma", '"with, comma"'],
    ['a "quote"', '"a ""quote"""'],
    ["=HYPERLINK(\"http://evil\")", '"\'=HYPERLINK(""http://evil"")"'],
    ["+1", "'+1"],
    ["-cmd", "'-cmd"],
    ["@SUM(A1)", "'@SUM(A1)"],
    [-1, "-1"],
    [2.5, "2.5"],
    [SUPPRESSED_TEXT, SUPPRESSED_TEXT],
  ])("%j → %s", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
