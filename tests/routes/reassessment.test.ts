// Issue 24 §7: a reassessment starts from the previous evidence, links and target, and the pack shows
// the evidence of the whole period under review, not only the latest assessment's.
import { beforeAll, describe, expect, it } from "vitest";
import { getStep, saveStep, startOrResumeDraft, submitDraft } from "~/domain/assessments/assessments.server";
import type { MemberActor } from "~/domain/members/actor";
import { loader as profileLoader } from "~/routes/competencies/me.competencies._index";
import { loader as packLoader } from "~/routes/competencies/me.competencies.pack";
import { loader as stepLoader } from "~/routes/competencies/me.assessment.step.$step";
import { loader as reviewLoader } from "~/routes/competencies/me.assessment.review";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { signUpConfirmed } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

beforeAll(async () => {
  await seed();
});

async function member(name: string) {
  const result = await signUpConfirmed({ email: `${crypto.randomUUID()}@example.org`, password: "quiet orchard morning", displayName: name });
  if (!result.ok) throw new Error("sign-up failed");
  const { handle } = await prisma.profile.findUniqueOrThrow({ where: { userId: result.value.userId }, select: { handle: true } });
  const actor: MemberActor = { kind: "member", userId: result.value.userId, sessionId: "t", role: "MEMBER", handle, displayName: name, onboarded: true, confirmed: true };
  return { actor, cookie: `cme_session=${result.value.token}` };
}

describe("a reassessment", () => {
  it("starts each area from the previous evidence, links and target (never the stage), and the pack keeps the baseline's evidence", async () => {
    const { actor, cookie } = await member("Rhea Reassessed");
    await startOrResumeDraft(actor);
    const { stepCount } = (await getStep(actor, 1))!;
    for (let step = 1; step <= stepCount; step++) {
      await saveStep(
        actor,
        step,
        { intent: "save", stage: "competent", target: "proficient", evidence: `Baseline note ${step}`, links: step === 1 ? ["https://example.org/poster"] : [] },
        step + 1,
      );
    }
    expect((await submitDraft(actor)).ok).toBe(true);

    await startOrResumeDraft(actor);
    const first = await stepLoader(routeArgs("/me/assessment/step/1", { params: { step: "1" }, cookie }));
    expect(first.answer).toBeNull();
    expect(first.prefill).toEqual({ target: "proficient", evidence: "Baseline note 1", links: ["https://example.org/poster"] });

    // Area 1 gets new evidence; the others keep what was carried over; area 2's target goes below its stage.
    for (let step = 1; step <= stepCount; step++) {
      const carried = (await getStep(actor, step))!.prefill!;
      await saveStep(
        actor,
        step,
        {
          intent: "save",
          stage: "proficient",
          target: step === 2 ? "novice" : (carried.target ?? undefined),
          evidence: step === 1 ? "Led the outcomes study for the stroke series" : carried.evidence,
          links: carried.links,
        },
        step + 1,
      );
    }
    // Once answered, the step shows the member's own answer and carries nothing over.
    expect((await stepLoader(routeArgs("/me/assessment/step/1", { params: { step: "1" }, cookie }))).prefill).toBeNull();
    // The review page advises on the target below the stage, without refusing it.
    const review = await reviewLoader(routeArgs("/me/assessment/review", { cookie }));
    expect(review.areas.map((area) => area.answer?.targetBelowStage)).toEqual(
      Array.from({ length: stepCount }, (_, index) => index === 1),
    );
    expect((await submitDraft(actor)).ok).toBe(true);

    const { pack } = await packLoader(routeArgs("/me/competencies/pack", { cookie }));
    const [areaOne, areaTwo] = pack!.areas;
    expect(areaOne!.evidenceHtml).toContain("Led the outcomes study");
    // The baseline's note stays in the pack, dated; the unchanged link and the carried-over notes are not repeated.
    expect(areaOne!.earlierEvidence).toHaveLength(1);
    expect(areaOne!.earlierEvidence[0]!.evidenceHtml).toContain("Baseline note 1");
    expect(areaOne!.earlierEvidence[0]!.links).toEqual([]);
    expect(areaTwo!.earlierEvidence).toEqual([]);
    // Every target the baseline set (Proficient) is now reached, and said so.
    expect(pack!.targetsReached).toHaveLength(stepCount);
    expect(pack!.targetsReached[0]).toMatchObject({ target: { name: "Proficient" }, stage: { name: "Proficient" } });

    const { profile } = await profileLoader(routeArgs("/me/competencies", { cookie }));
    if (profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.areas[0]!.earlierEvidence[0]!.evidenceHtml).toContain("Baseline note 1");
  });
});
