import { beforeAll, describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember } from "../../../tests/fixtures/members";
import { completeStep, enrol } from "./pathways.server";
import { getHomePathways, getRecommendations, loadLatestGaps } from "./recommendations.server";

let versionId: string;
let areas: { id: string; slug: string }[];
let stages: { id: string; position: number }[];

beforeAll(async () => {
  await seed();
  const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
  versionId = settings.currentFrameworkVersionId!;
  [areas, stages] = await Promise.all([
    prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, slug: true } }),
    prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, position: true } }),
  ]);
});

/** A submitted assessment: every area at `stage`, with the given targets by area slug. */
async function assess(userId: string, stage: number, targets: Record<string, number>) {
  const stageId = (position: number) => stages.find((s) => s.position === position)!.id;
  const { id } = await prisma.assessment.create({
    data: {
      userId,
      versionId,
      draftOwnerId: userId,
      answers: {
        create: areas.map((area) => ({
          areaId: area.id,
          stageId: stageId(stage),
          targetStageId: targets[area.slug] ? stageId(targets[area.slug]!) : null,
          evidence: "",
          evidenceHtml: "",
        })),
      },
    },
    select: { id: true },
  });
  await prisma.assessment.update({
    where: { id },
    data: { status: "SUBMITTED", draftOwnerId: null, submittedAt: new Date(), isBaseline: true },
    select: { id: true },
  });
}

describe("recommendations from a member's gaps", () => {
  it("suggests onboarding and the baseline to a member with no assessment", async () => {
    const member = await createTestMember();
    const result = await getRecommendations(member.userId);
    expect(result.needsBaseline).toBe(true);
    expect(result.pathways[0]).toMatchObject({ slug: "newcomer-onboarding" });
    expect(result.pathways[0]!.reason).toMatch(/not taken a baseline/);
  });

  it("suggests the pathway and steps that build the largest gap, saying why", async () => {
    const member = await createTestMember();
    await assess(member.userId, 2, { "measuring-performance": 4, leadership: 3 });
    expect((await loadLatestGaps(member.userId)).gaps.map((gap) => gap.areaSlug)).toEqual(["measuring-performance", "leadership"]);

    const result = await getRecommendations(member.userId);
    expect(result.needsBaseline).toBe(false);
    expect(result.pathways[0]!.slug).toBe("career-growth");
    expect(result.pathways[0]!.reason).toMatch(/^Builds Measuring performance, your largest gap \(Advanced beginner now, aiming for Proficient\)/);
    expect(result.steps[0]).toMatchObject({
      key: "outcome-measurement",
      pathwaySlug: "career-growth",
      reason: "Builds Measuring performance, your largest gap (Advanced beginner now, aiming for Proficient).",
    });

    // Once that step is done, it is never suggested again.
    await completeStep(member.actor, { slug: "career-growth", key: "outcome-measurement" }, { reflection: "Ran a follow-up survey." });
    const after = await getRecommendations(member.userId);
    expect(after.steps.map((s) => s.key)).not.toContain("outcome-measurement");
    // Enrolled now: career growth is on the home list, not among the pathway suggestions.
    expect(after.pathways.map((p) => p.slug)).not.toContain("career-growth");
  });

  it("favours pathways made for the member's role", async () => {
    const member = await createTestMember({ profile: { roleArchetype: "ACCREDITATION_SPECIALIST" } });
    await assess(member.userId, 3, {});
    const result = await getRecommendations(member.userId);
    expect(result.pathways.map((p) => p.slug)).toEqual(["career-growth"]);
    expect(result.pathways[0]!.reason).toBe("Suited to your role as an accreditation specialist.");
  });

  it("gives the home page its pathways and suggestions in three queries, however many completions", async () => {
    const member = await createTestMember();
    await enrol(member.actor, "newcomer-onboarding");
    const one = await countQueries(() => getHomePathways(member.userId));
    for (const key of ["cme-fundamentals", "join-professional-communities"]) {
      await completeStep(member.actor, { slug: "newcomer-onboarding", key }, { reflection: "Done" });
    }
    const two = await countQueries(() => getHomePathways(member.userId));
    expect(two.queries).toBe(one.queries);
    expect(two.queries).toBeLessThanOrEqual(3);
    expect(two.result.enrolled[0]).toMatchObject({ slug: "newcomer-onboarding", completed: 2, total: 5 });
  });
});
