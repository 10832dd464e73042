import { describe, expect, it } from "vitest";
import { computeChanges, computeGaps, computeStrengths, type AreaRating } from "./calculations";

const r = (areaSlug: string, stage: number | null, target: number | null = null, position = 1): AreaRating => ({
  areaSlug,
  areaName: areaSlug.replace(/-/g, " "),
  position,
  stage,
  target,
});

describe("computeGaps", () => {
  it.each([
    ["target above stage", [r("a", 2, 4)], [{ areaSlug: "a", size: 2 }]],
    ["target equal to stage", [r("a", 3, 3)], []],
    ["target below stage", [r("a", 4, 2)], []],
    ["no target", [r("a", 2, null)], []],
    ["unrated area", [r("a", null, 4)], []],
    ["largest first", [r("small", 2, 3), r("big", 1, 4), r("mid", 2, 4)], [{ areaSlug: "big", size: 3 }, { areaSlug: "mid", size: 2 }, { areaSlug: "small", size: 1 }]],
  ])("%s", (_label, ratings, expected) => {
    expect(computeGaps(ratings).map(({ areaSlug, size }) => ({ areaSlug, size }))).toEqual(expected);
  });
});

describe("computeStrengths", () => {
  it("returns the areas at the highest stage, in framework order", () => {
    const ratings = [r("b", 4, null, 2), r("a", 4, null, 1), r("c", 2, null, 3)];
    expect(computeStrengths(ratings, 5).map((s) => s.areaSlug)).toEqual(["a", "b"]);
  });
  it("finds no strengths below the middle of the scale", () => {
    expect(computeStrengths([r("a", 2), r("b", 1)], 5)).toEqual([]);
  });
  it("ignores unrated areas", () => {
    expect(computeStrengths([r("a", null), r("b", 3)], 5).map((s) => s.areaSlug)).toEqual(["b"]);
  });
});

describe("computeChanges", () => {
  it("describes each move in words, biggest first", () => {
    const changes = computeChanges(
      [r("educational-interventions", 2), r("leadership", 3), r("systems-thinking", 1)],
      [r("educational-interventions", 3), r("leadership", 1), r("systems-thinking", 1)],
    );
    expect(changes.map((c) => c.summary)).toEqual(["−2 stages in leadership", "+1 stage in educational interventions"]);
  });
  it("skips areas missing from either assessment", () => {
    expect(computeChanges([r("a", 2)], [r("b", 3)])).toEqual([]);
  });
});
