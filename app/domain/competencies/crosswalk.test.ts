import { describe, expect, it } from "vitest";
import { carryStagePosition, carryStages, crosswalkProblems, type CrosswalkRules } from "./crosswalk";

const rules = (overrides: Partial<CrosswalkRules> = {}): CrosswalkRules => ({
  areaLinks: [
    { from: "learning", to: "learning-science" },
    // A split: design goes to two newer areas.
    { from: "design", to: "design" },
    { from: "design", to: "evaluation" },
    // A merge: collaboration and leadership become one area.
    { from: "collaboration", to: "partnership" },
    { from: "leadership", to: "partnership" },
  ],
  stageLinks: [],
  toStageCount: 5,
  ...overrides,
});

describe("carryStagePosition", () => {
  it.each([
    { position: 3, stageLinks: [], toStageCount: 5, expected: 3 },
    { position: 5, stageLinks: [], toStageCount: 4, expected: null },
    { position: 0, stageLinks: [], toStageCount: 4, expected: null },
    { position: 5, stageLinks: [{ from: 5, to: 4 }], toStageCount: 4, expected: 4 },
    { position: 2, stageLinks: [{ from: 5, to: 4 }], toStageCount: 4, expected: null },
    { position: 1, stageLinks: [{ from: 1, to: 9 }], toStageCount: 4, expected: null },
  ])("stage $position with $stageLinks on $toStageCount stages → $expected", ({ position, stageLinks, toStageCount, expected }) => {
    expect(carryStagePosition(position, { stageLinks, toStageCount })).toBe(expected);
  });
});

describe("carryStages", () => {
  it("gives each area of a split the older stage", () => {
    const carried = carryStages(new Map([["design", 4]]), rules());
    expect(carried.get("design")).toEqual({ stage: 4, from: ["design"], merged: false });
    expect(carried.get("evaluation")).toEqual({ stage: 4, from: ["design"], merged: false });
  });

  it("takes the lowest of merged stages and says it merged", () => {
    const carried = carryStages(
      new Map([
        ["collaboration", 4],
        ["leadership", 2],
      ]),
      rules(),
    );
    expect(carried.get("partnership")).toEqual({ stage: 2, from: ["collaboration", "leadership"], merged: true });
  });

  it("merges only the rated areas: one rated area is not a merge", () => {
    const carried = carryStages(
      new Map<string, number | null>([
        ["collaboration", 3],
        ["leadership", null],
      ]),
      rules(),
    );
    expect(carried.get("partnership")).toEqual({ stage: 3, from: ["collaboration"], merged: false });
  });

  it("guesses nothing for areas without a line, and drops stages without a counterpart", () => {
    const carried = carryStages(
      new Map([
        ["systems", 3],
        ["learning", 5],
      ]),
      rules({ toStageCount: 4 }),
    );
    expect(carried.size).toBe(0);
  });

  it("applies the stage lines when the scales differ, before taking the lowest", () => {
    const carried = carryStages(
      new Map([
        ["collaboration", 5],
        ["leadership", 4],
        ["learning", 1],
      ]),
      rules({
        toStageCount: 3,
        stageLinks: [
          { from: 1, to: 1 },
          { from: 2, to: 1 },
          { from: 3, to: 2 },
          { from: 4, to: 3 },
          { from: 5, to: 3 },
        ],
      }),
    );
    expect(carried.get("partnership")).toEqual({ stage: 3, from: ["collaboration", "leadership"], merged: true });
    expect(carried.get("learning-science")?.stage).toBe(1);
  });
});

describe("crosswalkProblems", () => {
  const from = { frameworkId: "f1", areas: [{ id: "a1", slug: "one" }, { id: "a2", slug: "two" }], stageCount: 5 };
  const to = { frameworkId: "f2", areas: [{ id: "b1", slug: "uno" }], stageCount: 5 };
  const good = { note: "Matched by the publisher's table.", areaLinks: [{ fromAreaId: "a1", toAreaId: "b1" }], stageLinks: [] };

  it.each([
    { name: "a good crosswalk", from, to, input: good, fields: null },
    { name: "the same framework", from, to: { ...to, frameworkId: "f1" }, input: good, fields: ["areas"] },
    { name: "no note", from, to, input: { ...good, note: "  " }, fields: ["note"] },
    { name: "no lines", from, to, input: { ...good, areaLinks: [] }, fields: ["areas"] },
    { name: "an area of another version", from, to, input: { ...good, areaLinks: [{ fromAreaId: "b1", toAreaId: "a1" }] }, fields: ["areas"] },
    {
      name: "a line twice",
      from,
      to,
      input: { ...good, areaLinks: [good.areaLinks[0]!, good.areaLinks[0]!] },
      fields: ["areas"],
    },
    { name: "scales differ without stage lines", from, to: { ...to, stageCount: 4 }, input: good, fields: ["stages"] },
    {
      name: "scales differ, every stage mapped",
      from: { ...from, stageCount: 2 },
      to: { ...to, stageCount: 3 },
      input: { ...good, stageLinks: [{ from: 1, to: 1 }, { from: 2, to: 3 }] },
      fields: null,
    },
    {
      name: "a stage beyond the newer scale",
      from: { ...from, stageCount: 2 },
      to: { ...to, stageCount: 3 },
      input: { ...good, stageLinks: [{ from: 1, to: 1 }, { from: 2, to: 4 }] },
      fields: ["stages"],
    },
    {
      name: "same scales, some stages mapped",
      from,
      to,
      input: { ...good, stageLinks: [{ from: 1, to: 1 }] },
      fields: ["stages"],
    },
  ])("$name", ({ from, to, input, fields }) => {
    const problems = crosswalkProblems(from, to, input);
    expect(problems ? Object.keys(problems).sort() : null).toEqual(fields);
  });
});
