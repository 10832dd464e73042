import { describe, expect, it } from "vitest";
import { choosePathwayFocus, readyShare, readyStage, type FocusInput } from "./home-focus";

const steps = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, key: `${prefix}-${i}`, title: `${prefix} ${i}` }));
const PATHWAYS: FocusInput["pathways"] = [
  { id: "new", slug: "newcomer", title: "Newcomer", kind: "ONBOARDING", steps: steps("n", 5) },
  { id: "car", slug: "career", title: "Career", kind: "CAREER", steps: steps("c", 3) },
  { id: "chcp", slug: "chcp", title: "CHCP", kind: "CREDENTIAL", steps: steps("h", 4) },
];

function focus(overrides: Partial<FocusInput>) {
  return choosePathwayFocus({
    pathways: PATHWAYS,
    enrolments: new Map(),
    completedStepIds: new Set(),
    latestStages: null,
    stageCount: 5,
    holdsChcp: false,
    ...overrides,
  }).map((p) => `${p.slug}${p.finished ? " (done)" : ""}`);
}

const finishedNewcomer = {
  enrolments: new Map([["new", { completedAt: new Date() }]]),
  completedStepIds: new Set(["n0", "n1", "n2", "n3", "n4"]),
};

describe("the pathways home puts forward", () => {
  it.each([
    ["no assessment yet", {}, ["newcomer"]],
    ["a baseline mostly below Competent", { latestStages: [1, 2, 2, 3, 2, 1, 2, 2] }, ["newcomer"]],
    ["half the areas Competent: career growth, not yet CHCP", { latestStages: [3, 3, 3, 3, 2, 2, 2, 2] }, ["career"]],
    ["most areas Competent or above", { latestStages: [3, 3, 3, 4, 4, 2, 3, 2] }, ["career", "chcp"]],
    ["most areas Competent, but the profile lists CHCP", { latestStages: [4, 4, 4, 4, 4, 4, 4, 4], holdsChcp: true }, ["career"]],
    ["onboarding finished, stages still low: career growth", { ...finishedNewcomer, latestStages: [2, 2, 2, 2, 2, 2, 2, 2] }, ["career", "newcomer (done)"]],
    [
      "onboarding finished and most areas Competent",
      { ...finishedNewcomer, latestStages: [3, 3, 3, 3, 3, 2, 2, 2] },
      ["career", "chcp", "newcomer (done)"],
    ],
    [
      "onboarding under way stays first, and holds CHCP back",
      { enrolments: new Map([["new", { completedAt: null }]]), latestStages: [3, 3, 3, 3, 3, 3, 3, 3] },
      ["newcomer", "career"],
    ],
  ] as const)("%s", (_, overrides, expected) => {
    expect(focus(overrides as Partial<FocusInput>)).toEqual(expected);
  });

  it("keeps a pathway the member enrolled in, whatever the rule says", () => {
    expect(focus({ enrolments: new Map([["chcp", { completedAt: null }]]) })).toEqual(["newcomer", "chcp"]);
  });

  it("counts progress from completed steps", () => {
    const [newcomer] = choosePathwayFocus({
      pathways: PATHWAYS,
      enrolments: new Map([["new", { completedAt: null }]]),
      completedStepIds: new Set(["n0", "n2"]),
      latestStages: null,
      stageCount: 5,
      holdsChcp: false,
    });
    expect(newcomer).toMatchObject({ completed: 2, total: 5, next: { key: "n-1" }, reason: "newcomer" });
  });

  it("reads 'ready' as the middle stage of the scale", () => {
    expect(readyStage(5)).toBe(3);
    expect(readyStage(4)).toBe(2);
    expect(readyShare([3, 2, 4, 1], 5)).toBe(0.5);
    expect(readyShare(null, 5)).toBe(0);
  });
});
