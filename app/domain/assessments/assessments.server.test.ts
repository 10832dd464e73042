import { describe, expect, it } from "vitest";
import { seed } from "../../../prisma/seed";
import { makeFrameworkDocument } from "../../../tests/fixtures/framework-document";
import { saveFrameworkVersion } from "~/domain/competencies/frameworks.server";
import type { MemberActor } from "~/domain/members/actor";
import { signUpConfirmed } from "../../../tests/fixtures/members";
import { prisma } from "~/utils/db.server";
import { discardDraft, getStep, saveStep, startOrResumeDraft, submitDraft } from "./assessments.server";
import { expectOk } from "~/utils/result";

async function newMember(): Promise<MemberActor> {
  const result = await signUpConfirmed({ email: `${crypto.randomUUID()}@example.org`, password: "quiet orchard morning", displayName: "Assessor" });
  if (!result.ok) throw new Error("sign-up failed");
  const profile = await prisma.profile.findUniqueOrThrow({ where: { userId: result.value.userId }, select: { handle: true } });
  return { kind: "member", userId: result.value.userId, sessionId: "test", role: "MEMBER", handle: profile.handle, displayName: "Assessor", onboarded: true, confirmed: true };
}

async function answerEverything(actor: MemberActor, stage: string, target?: string) {
  const first = await getStep(actor, 1);
  for (let step = 1; step <= first!.stepCount; step++) {
    await saveStep(actor, step, { intent: "save", stage, target, evidence: `Evidence ${step}`, links: [] }, step + 1);
  }
}

async function setCurrentVersion(versionId: string) {
  await prisma.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: versionId } });
}

describe("assessments", () => {
  it("saving a step checks the draft, the step and the stages, and says which was wrong", async () => {
    await seed();
    const actor = await newMember();
    const answer = { intent: "save" as const, stage: "novice", links: [] };
    expect(await saveStep(actor, 1, answer, 2)).toMatchObject({ ok: false, reason: "not-found", why: "no-draft" });
    await startOrResumeDraft(actor);
    const stepCount = (await getStep(actor, 1))!.stepCount;
    expect(await saveStep(actor, stepCount + 1, answer, 2)).toMatchObject({ ok: false, reason: "not-found", message: "That step does not exist." });
    expect(await saveStep(actor, 1, { ...answer, stage: "wizard", target: "sorcerer" }, 2)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { stage: ["Choose one of the stages shown"], target: ["Choose one of the stages shown, or No target"] },
    });
    expect(await saveStep(actor, 1, { ...answer, target: "nowhere" }, 2)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { target: ["Choose one of the stages shown, or No target"] },
    });
    expect(await saveStep(actor, 1, answer, 2)).toEqual({ ok: true, value: { stepCount } });
  });

  it("takes a baseline, then a reassessment, each an immutable snapshot", async () => {
    await seed();
    const actor = await newMember();
    await startOrResumeDraft(actor);
    await answerEverything(actor, "novice", "competent");
    const baseline = expectOk(await submitDraft(actor));
    expect(baseline.isBaseline).toBe(true);

    const again = expectOk(await startOrResumeDraft(actor));
    expect(again.id).not.toBe(baseline.id);
    await answerEverything(actor, "competent");
    const second = expectOk(await submitDraft(actor));
    expect(second.isBaseline).toBe(false);

    // The database refuses to change a submitted assessment or its answers.
    await expect(prisma.assessment.update({ where: { id: baseline.id }, data: { currentStep: 3 } })).rejects.toThrow();
    await expect(
      prisma.assessmentAnswer.updateMany({ where: { assessmentId: baseline.id }, data: { evidence: "rewritten" } }),
    ).rejects.toThrow();
    const answers = await prisma.assessmentAnswer.findMany({ where: { assessmentId: baseline.id }, select: { evidence: true } });
    expect(answers.every((a) => a.evidence.startsWith("Evidence"))).toBe(true);
  });

  it("refuses to submit an incomplete draft, and a second submit changes nothing", async () => {
    await seed();
    const actor = await newMember();
    await startOrResumeDraft(actor);
    await saveStep(actor, 1, { intent: "save", stage: "novice", links: [] }, 2);
    expect(await submitDraft(actor)).toMatchObject({ ok: false, reason: "invalid" });
    await answerEverything(actor, "expert");
    await submitDraft(actor);
    expect(await submitDraft(actor)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await prisma.assessment.count({ where: { userId: actor.userId, status: "SUBMITTED" } })).toBe(1);
  });

  it("keeps one draft per member and lets it be discarded", async () => {
    await seed();
    const actor = await newMember();
    const [first, second] = await Promise.all([startOrResumeDraft(actor), startOrResumeDraft(actor)]);
    const [a, b] = [expectOk(first), expectOk(second)];
    expect(a.id).toBe(b.id);
    await discardDraft(actor);
    expect(await prisma.assessment.count({ where: { userId: actor.userId } })).toBe(0);
  });

  it("pins each assessment to the framework version it was taken against", async () => {
    await seed();
    const actor = await newMember();
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
    const starterVersion = settings.currentFrameworkVersionId!;
    await startOrResumeDraft(actor);
    await answerEverything(actor, "competent");
    const first = expectOk(await submitDraft(actor));

    const { versionId: newVersion } = expectOk(await saveFrameworkVersion(
      makeFrameworkDocument({ slug: `pinning-${crypto.randomUUID().slice(0, 8)}` }),
      crypto.randomUUID(),
      { publish: true },
    ));
    await setCurrentVersion(newVersion);
    try {
      const draft = expectOk(await startOrResumeDraft(actor));
      expect(draft.versionId).toBe(newVersion);
      const old = await prisma.assessment.findUniqueOrThrow({ where: { id: first.id }, select: { versionId: true } });
      expect(old.versionId).toBe(starterVersion);
      // The old version is frozen: its areas cannot be deleted from under the assessment.
      await expect(prisma.frameworkVersion.delete({ where: { id: starterVersion } })).rejects.toThrow();
      await discardDraft(actor);
    } finally {
      await setCurrentVersion(starterVersion);
    }
  });
});
