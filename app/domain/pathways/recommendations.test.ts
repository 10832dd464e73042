import { describe, expect, it } from "vitest";
import { rankRecommendations, type RankGap, type RankInput, type RankPathway } from "./recommendations";

const step = (id: string, position: number, areas: [string, number | null][]) => ({
  id,
  key: id,
  title: `Step ${id}`,
  position,
  effortMinutes: 60,
  areas: areas.map(([areaSlug, stagePosition]) => ({ areaSlug, areaName: NAMES[areaSlug] ?? areaSlug, stagePosition })),
});

const NAMES: Record<string, string> = {
  "measuring-performance": "Measuring performance",
  leadership: "Leadership",
  collaboration: "Collaboration",
};

const onboarding: RankPathway = {
  id: "p-onboarding",
  slug: "newcomer-onboarding",
  title: "Newcomer onboarding",
  kind: "ONBOARDING",
  roleArchetypes: [],
  backgrounds: ["MEETING_PLANNING"],
  steps: [step("o1", 1, [["collaboration", 2]]), step("o2", 2, [["measuring-performance", 2]])],
};
const career: RankPathway = {
  id: "p-career",
  slug: "career-growth",
  title: "Career growth",
  kind: "CAREER",
  roleArchetypes: ["ACCREDITATION_SPECIALIST"],
  backgrounds: [],
  steps: [step("c1", 1, [["leadership", 3]]), step("c2", 2, [["measuring-performance", 4], ["leadership", 3]])],
};

const gap = (areaSlug: string, stage: number, target: number): RankGap => ({
  areaSlug,
  areaName: NAMES[areaSlug]!,
  stage,
  target,
  stageName: `S${stage}`,
  targetName: `S${target}`,
});

const input = (overrides: Partial<RankInput> = {}): RankInput => ({
  hasAssessment: true,
  gaps: [],
  roleArchetype: null,
  roleLabel: null,
  background: null,
  backgroundLabel: null,
  pathways: [onboarding, career],
  completedStepIds: new Set(),
  enrolledPathwayIds: new Set(),
  ...overrides,
});

describe("rankRecommendations", () => {
  it("recommends onboarding first when there is no baseline, and says so", () => {
    const result = rankRecommendations(input({ hasAssessment: false }));
    expect(result.needsBaseline).toBe(true);
    expect(result.pathways.map((p) => p.slug)).toEqual(["newcomer-onboarding"]);
    expect(result.pathways[0]!.reason).toMatch(/not taken a baseline/);
    expect(result.steps.map((s) => s.key)).toEqual(["o1"]);
  });

  it("ranks by the largest gap and names it in the reason", () => {
    const result = rankRecommendations(input({ gaps: [gap("leadership", 1, 2), gap("measuring-performance", 1, 4)] }));
    expect(result.needsBaseline).toBe(false);
    // Both build the largest gap; onboarding's step aims at the very next stage.
    expect(result.pathways.map((p) => p.slug)).toEqual(["newcomer-onboarding", "career-growth"]);
    expect(result.pathways[0]!.reason).toBe("Builds Measuring performance, your largest gap (S1 now, aiming for S4).");
    expect(result.pathways[1]!.reason).toBe(
      "Builds Measuring performance, your largest gap (S1 now, aiming for S4), and 1 other gap area of yours.",
    );
    expect(result.steps.map((s) => s.key)).toEqual(["o2", "c2", "c1"]);
    expect(result.steps[1]).toMatchObject({ key: "c2", reason: "Builds Measuring performance, your largest gap (S1 now, aiming for S4)." });
  });

  it("ignores steps aimed at a stage the member has already reached", () => {
    const result = rankRecommendations(input({ gaps: [gap("measuring-performance", 3, 5)] }));
    // o2 builds toward stage 2, below the member's stage 3; c2 toward 4 helps.
    expect(result.steps.map((s) => s.key)).toEqual(["c2"]);
    expect(result.pathways.map((p) => p.slug)).toEqual(["career-growth"]);
  });

  it("boosts pathways matching the member's role and background, with the reason", () => {
    const result = rankRecommendations(
      input({ roleArchetype: "ACCREDITATION_SPECIALIST", roleLabel: "Accreditation specialist", background: "MEETING_PLANNING", backgroundLabel: "Meeting planning" }),
    );
    expect(result.pathways.map((p) => p.slug)).toEqual(["career-growth", "newcomer-onboarding"]);
    expect(result.pathways[0]!.reason).toBe("Suited to your role as an accreditation specialist.");
    expect(result.pathways[1]!.reason).toBe("Written with people coming from meeting planning work in mind.");
  });

  it("never recommends a completed step or a fully completed pathway; leaves enrolled pathways out of pathway suggestions", () => {
    const gaps = [gap("measuring-performance", 1, 3), gap("collaboration", 1, 2)];
    const done = rankRecommendations(input({ gaps, completedStepIds: new Set(["o1", "o2"]) }));
    expect(done.pathways.map((p) => p.slug)).not.toContain("newcomer-onboarding");
    expect(done.steps.map((s) => s.key)).not.toContain("o1");
    expect(done.steps.map((s) => s.key)).not.toContain("o2");

    const enrolled = rankRecommendations(input({ gaps, enrolledPathwayIds: new Set(["p-onboarding"]), completedStepIds: new Set(["o1"]) }));
    expect(enrolled.pathways.map((p) => p.slug)).toEqual(["career-growth"]);
    expect(enrolled.steps.map((s) => s.key)).toContain("o2");
  });

  it("has nothing to say without gaps or matches", () => {
    expect(rankRecommendations(input())).toEqual({ needsBaseline: false, pathways: [], steps: [] });
  });
});

describe("rankRecommendations: level fit", () => {
  it("prefers steps aimed at the member's next stage over stretches beyond the target", () => {
    const newcomer = rankRecommendations(
      input({ gaps: [gap("measuring-performance", 1, 2), gap("collaboration", 1, 2), gap("leadership", 1, 2)] }),
    );
    // Onboarding aims at stage 2 (the next one); career growth at stages 3–4, beyond the target.
    expect(newcomer.pathways.map((p) => p.slug)).toEqual(["newcomer-onboarding", "career-growth"]);
    expect(newcomer.steps[0]!.pathwaySlug).toBe("newcomer-onboarding");
  });
});
